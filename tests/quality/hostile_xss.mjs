// Hostile content renders inert: builds tests/fixtures/hostile-xss (XSS
// payloads in every kind of front-matter value and in the Markdown body:
// <script>, javascript:/vbscript:/data: links in many spellings, event
// handler attributes, SVG, iframes, HTML entities, Mustache syntax; plus a
// file with a BOM and CRLF line ends and one with only front matter, which
// are legitimate and must build) and checks the output:
//  - text: no element or attribute the theme did not write (<script> other
//    than the theme's own files, on* attributes, <svg>, <iframe>, <object>,
//    <embed>), no javascript:/vbscript:/data:text URL in any href/src, the
//    template syntax shows literally, nothing is written outside the output
//    folder;
//  - with --browser: every page loaded in chromium, the search box used to
//    show the payload titles, with handlers that fail on any dialog or page
//    error.
//
// Usage: node hostile_xss.mjs KAPSTOK REPO WORK [--browser]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const [kapstok, repo, workRoot] = process.argv.slice(2, 5).map((p) => path.resolve(p));
const browserMode = process.argv.includes('--browser');
const fixture = path.join(repo, 'tests/fixtures/hostile-xss');
const work = path.join(workRoot, browserMode ? 'hostile-xss-browser' : 'hostile-xss');
const project = path.join(work, 'project');
const site = path.join(work, 'out', 'site');
const failures = [];

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(project, { recursive: true });
fs.cpSync(path.join(fixture, 'content'), path.join(project, 'content'), { recursive: true });
fs.copyFileSync(path.join(repo, 'tests/quality/project.yaml'), path.join(project, 'kapstok.yaml'));
fs.cpSync(path.join(repo, 'templates'), path.join(project, 'templates'), { recursive: true });
fs.cpSync(path.join(repo, 'themes'), path.join(project, 'themes'), { recursive: true });
const projectBefore = listTree(project);

const run = spawnSync(kapstok, ['build', '--out', '../out/site'], {
  cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
if (run.status !== 0) {
  console.error(`kapstok build failed (${run.status ?? run.signal}):\n${run.stderr}`);
  process.exit(1);
}

function listTree(dir, rel = '', out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    out.push(r);
    if (e.isDirectory()) listTree(path.join(dir, e.name), r, out);
  }
  return out.sort();
}

// Nothing outside out/site: the project is unchanged, out/ holds only site/.
if (JSON.stringify(listTree(project)) !== JSON.stringify(projectBefore))
  failures.push('the build changed files in the project folder');
const outEntries = fs.readdirSync(path.join(work, 'out'));
if (outEntries.length !== 1 || outEntries[0] !== 'site')
  failures.push(`the output's parent folder holds more than site/: ${outEntries.join(', ')}`);

function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|tab|newline|colon);/gi, (m, e) => {
    const l = e.toLowerCase();
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", tab: '\t', newline: '\n', colon: ':' };
    if (named[l]) return named[l];
    return String.fromCodePoint(l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
  });
}

const kThemeScript = /^(\.\.\/|\.\/|\/[a-z0-9_-]+\/)*assets\/[a-z0-9._-]+\.js$/;
const files = listTree(site).filter((f) => f.endsWith('.html'));
for (const rel of files) {
  const html = fs.readFileSync(path.join(site, rel), 'utf8');
  const tagRe = /<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g;
  const attrRe = /([^\s"'=<>`/]+)\s*(?:=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let t;
  while ((t = tagRe.exec(html))) {
    const tag = t[1].toLowerCase();
    if (['svg', 'iframe', 'object', 'embed', 'math', 'base', 'frame'].includes(tag))
      failures.push(`${rel}: <${tag}> in the output`);
    const attrs = {};
    let a;
    attrRe.lastIndex = 0;
    while ((a = attrRe.exec(t[2]))) attrs[a[1].toLowerCase()] = decode(a[3] ?? a[4] ?? a[5] ?? '');
    for (const [name, value] of Object.entries(attrs)) {
      if (name.startsWith('on')) failures.push(`${rel}: event handler attribute ${name}="${value}" on <${tag}>`);
      if (['href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href'].includes(name)) {
        const v = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|file):/.test(v) || (v.startsWith('data:') && !/^data:image\/(png|gif|jpeg|webp)/.test(v)))
          failures.push(`${rel}: dangerous URL ${name}="${value}" on <${tag}>`);
      }
    }
    if (tag === 'script') {
      const ok = (attrs.src && kThemeScript.test(attrs.src)) || attrs.type === 'application/json' ||
                 attrs.type === 'application/ld+json';
      if (!ok) failures.push(`${rel}: a <script> the theme did not write: ${t[0]}`);
    }
  }
  // project.yaml names no repository: no "edit this page" link to nowhere
  // (an empty edit_url was truthy in the template).
  if (/class="edit-link"/.test(html)) failures.push(`${rel}: an edit link without a repository`);
  // The theme writes no inline script with content, except JSON data.
  const inline = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  let s;
  while ((s = inline.exec(html))) {
    if (s[2].trim() && !/type="application\/(ld\+)?json"/.test(s[1]))
      failures.push(`${rel}: inline script: ${s[2].slice(0, 80)}`);
    if (/<\/?script/i.test(s[2])) failures.push(`${rel}: markup inside a JSON script block`);
  }
}

// The payloads are there, as text.
const page = fs.readFileSync(path.join(site, 'voorbeelden/buurtkamer/index.html'), 'utf8');
for (const text of ["&lt;script&gt;alert('body')&lt;/script&gt;", '{{site.title}}',
                    '{{{t.skip_to_content}}}', '{{&gt; partials/footer}}']) {
  if (!page.includes(text)) failures.push(`buurtkamer: '${text}' is not shown as text`);
}
for (const [rel, text] of [['voorbeelden/bom-crlf/index.html', 'BOMCRLF-BODY regel een'],
                           ['voorbeelden/bom-crlf/index.html', '<h1>Geldig met BOM en CRLF</h1>'],
                           ['voorbeelden/alleen-front-matter/index.html', '<h1>Alleen front matter</h1>']]) {
  const p = path.join(site, rel);
  if (!fs.existsSync(p) || !fs.readFileSync(p, 'utf8').includes(text)) failures.push(`${rel}: missing '${text}'`);
}
if (fs.existsSync(path.join(site, 'voorbeelden/bom-crlf/index.html')) &&
    /\r|\uFEFF/.test(fs.readFileSync(path.join(site, 'voorbeelden/bom-crlf/index.html'), 'utf8')))
  failures.push('voorbeelden/bom-crlf: a CR or BOM reached the output');
for (const f of listTree(site).filter((f) => f.endsWith('.xml'))) {
  if (/<script|<svg/i.test(fs.readFileSync(path.join(site, f), 'utf8'))) failures.push(`${f}: raw markup in XML`);
}

if (browserMode && !failures.length) {
  const { launch, serve, watchPage } = await import('./browser.mjs');
  const server = await serve(site);
  const browser = await launch();
  try {
    for (const rel of files) {
      const page = await browser.newPage();
      const problems = watchPage(page);
      const url = server.url + rel.replace(/index\.html$/, '');
      await page.goto(url, { waitUntil: 'load' });
      // Hover and focus everything, so on* handlers would fire if present.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('body *')) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
            if (type === 'click' && el.closest('a[href], form, button')) continue;
            el.dispatchEvent(new Event(type, { bubbles: true }));
          }
        }
      });
      const input = page.locator('#search-input');
      if (await input.count()) {
        for (const q of ['script', 'alert', 'eigen', 'svg']) {
          await input.fill(q);
          await page.waitForTimeout(300);
        }
      }
      await page.waitForTimeout(200);
      for (const p of problems) {
        if (p.startsWith('console') && /Failed to load resource/.test(p)) continue;
        failures.push(`${rel} in chromium: ${p}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`hostile-xss: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`hostile-xss: ${files.length} pages inert${browserMode ? ' (also in chromium)' : ''}`);
