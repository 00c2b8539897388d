// End-to-end run of one bad-input or hostile fixture through `kapstok build`.
//
// A fixture is a folder tests/fixtures/<name>/ with content/ (and optionally
// its own kapstok.yaml; else tests/quality/project.yaml is used), plus:
//   expected.txt   the exact diagnostics (stderr) of a build that must fail
//                  with exit code 1;
//   generate.json  files made at test time, for inputs git should not hold:
//                  [{"path", "text"}] | [{"path", "base64"}] |
//                  [{"path", "prefix", "repeat", "bytes"}] (a large file) |
//                  [{"path", "symlink"}] ("{outside}" names a folder beside
//                  the project that holds secret.md and secret/).
// The project is assembled in WORK/<name>/project with the repository's
// templates/ and themes/. Before the build, WORK/<name>/out/site holds a
// previous site; after a failed build it must be byte-for-byte the same, and
// no file anywhere in WORK/<name> may have been added, changed or removed.
//
// Usage: node run_fixture.mjs KAPSTOK REPO WORK FIXTURE [--update]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';

const [kapstok, repo, workRoot, fixture] = process.argv.slice(2, 6).map((p) => path.resolve(p));
const update = process.argv.includes('--update');
const name = path.basename(fixture);
const work = path.join(workRoot, name);
const project = path.join(work, 'project');
const outside = path.join(work, 'outside');
const failures = [];

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(project, { recursive: true });
fs.cpSync(path.join(fixture, 'content'), path.join(project, 'content'), { recursive: true });
const ownConfig = path.join(fixture, 'kapstok.yaml');
fs.copyFileSync(fs.existsSync(ownConfig) ? ownConfig : path.join(repo, 'tests/quality/project.yaml'),
                path.join(project, 'kapstok.yaml'));
fs.cpSync(path.join(repo, 'templates'), path.join(project, 'templates'), { recursive: true });
fs.cpSync(path.join(repo, 'themes'), path.join(project, 'themes'), { recursive: true });
fs.mkdirSync(path.join(outside, 'secret'), { recursive: true });
fs.writeFileSync(path.join(outside, 'secret.md'), '---\ntitle: Secret\nsamenvatting: secret\n---\nSECRET-OUTSIDE-PROJECT\n');
fs.writeFileSync(path.join(outside, 'secret', 'inside.md'), '---\ntitle: Secret\nsamenvatting: secret\n---\nSECRET-OUTSIDE-PROJECT\n');

const generate = path.join(fixture, 'generate.json');
if (fs.existsSync(generate)) {
  for (const g of JSON.parse(fs.readFileSync(generate, 'utf8'))) {
    const p = path.join(project, g.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (g.symlink !== undefined) fs.symlinkSync(g.symlink.replace('{outside}', outside), p);
    else if (g.base64 !== undefined) fs.writeFileSync(p, Buffer.from(g.base64, 'base64'));
    else if (g.repeat !== undefined) {
      const fd = fs.openSync(p, 'w');
      fs.writeSync(fd, g.prefix || '');
      const chunk = Buffer.from(g.repeat.repeat(Math.ceil((1 << 20) / g.repeat.length)));
      let left = g.bytes - Buffer.byteLength(g.prefix || '');
      while (left > 0) left -= fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
      fs.closeSync(fd);
    } else fs.writeFileSync(p, g.text);
  }
}

// The previous site, which a failed build must leave alone.
const site = path.join(work, 'out', 'site');
fs.mkdirSync(path.join(site, 'kenmerken'), { recursive: true });
fs.writeFileSync(path.join(site, 'index.html'), '<!DOCTYPE html><title>previous</title>\n');
fs.writeFileSync(path.join(site, 'kenmerken', 'previous.txt'), 'previous build\n');

// Every entry below `dir` (not following symlinks) with a hash of its bytes.
function snapshot(dir, out = new Map(), rel = '') {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isSymbolicLink()) out.set(r, 'link:' + fs.readlinkSync(p));
    else if (e.isDirectory()) { out.set(r + '/', 'dir'); snapshot(p, out, r); }
    else out.set(r, crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
  }
  return out;
}

const before = snapshot(work);
const run = spawnSync(kapstok, ['build', '--out', '../out/site'], {
  cwd: project, encoding: 'utf8', maxBuffer: 64 << 20,
  env: { ...process.env, NO_COLOR: '1', LC_ALL: 'C' },
});
const after = snapshot(work);
const stderr = run.stderr ?? '';

if (run.signal) failures.push(`kapstok died with signal ${run.signal}`);
if (run.status !== 1) failures.push(`expected exit code 1, got ${run.status}`);
if (/AddressSanitizer|runtime error:|LeakSanitizer/.test(stderr)) failures.push('sanitizer report');

const expectedPath = path.join(fixture, 'expected.txt');
if (update) {
  fs.writeFileSync(expectedPath, stderr);
} else {
  const expected = fs.readFileSync(expectedPath, 'utf8');
  if (stderr !== expected) failures.push(`diagnostics differ\n--- expected\n${expected}--- got\n${stderr}`);
}

const changed = [];
for (const [p, h] of after) if (before.get(p) !== h) changed.push(`${before.has(p) ? 'changed' : 'added'}: ${p}`);
for (const p of before.keys()) if (!after.has(p)) changed.push(`removed: ${p}`);
if (changed.length) failures.push(`the build touched files (the previous site and everything else must stay as it was):\n  ${changed.join('\n  ')}`);

if (failures.length) {
  console.error(`${name}:\n${failures.join('\n')}\n--- stderr\n${stderr.slice(0, 20000)}`);
  process.exit(1);
}
console.log(`${name}: exit 1, expected diagnostics, previous site untouched`);
