// Parity of build-time (C++) and query-time (search.js) normalisation: every
// distinct word of the given texts must get the same term and the same
// stop-word flag on both sides. Usage (ctest passes these):
//   SEARCH_TOOL=path/to/search_tool node --test parity_test.mjs
// Texts: KAPSTOK_PARITY_TEXTS (":"-separated files or folders), default the
// repository's content/ and tests/search/word_forms.txt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '../..');
const client = require(path.join(repo, 'themes/default/assets/search.js'));
const tool = process.env.SEARCH_TOOL;

function files(p) {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return [p];
  return fs.readdirSync(p).sort().flatMap((e) => files(path.join(p, e)));
}

function run(args, input) {
  const r = spawnSync(tool, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('C++ and search.js agree on every word', { skip: !tool && 'SEARCH_TOOL not set' }, () => {
  const sources = (process.env.KAPSTOK_PARITY_TEXTS ||
    [path.join(repo, 'content'), path.join(repo, 'tests/search/word_forms.txt')].join(':')).split(':');
  const text = sources.flatMap(files).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const norm = client.makeNormalizer(JSON.parse(run(['tables'])));
  const lines = run(['words'], text).split('\n').filter(Boolean);
  assert.ok(lines.length > 500, `only ${lines.length} words`);
  const mismatches = [];
  for (const line of lines) {
    const [word, term, stop] = line.split('\t');
    const tokens = norm.tokenize(word);
    const js = tokens.length === 1 ? norm.term(tokens[0].folded) : `<${tokens.length} tokens>`;
    const jsStop = norm.isStopWord(word) ? '1' : '0';
    if (js !== term || jsStop !== stop) mismatches.push(`${word}: C++ ${term}/${stop}, JS ${js}/${jsStop}`);
  }
  console.log(`parity: ${lines.length} words, ${mismatches.length} mismatches`);
  assert.deepEqual(mismatches.slice(0, 20), []);
});

test('tokenize and fold agree with the C++ rules on tricky input', () => {
  const norm = client.makeNormalizer(JSON.parse(run(['tables'])));
  const t = norm.tokenize('Coördinatie, IDEEËN en e-mail: collega\u2019s co\u0308rdinatie');
  assert.deepEqual(t.map((x) => x.folded), ['coordinatie', 'ideeen', 'en', 'e', 'mail', 'collega', 's', 'cordinatie']);
  assert.equal(t[0].lower, 'coördinatie');
  assert.equal(t[1].lower, 'ideeën');
});
