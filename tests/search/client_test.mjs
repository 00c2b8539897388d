// The query engine of search.js against an index that the C++ builder made
// from fixture_docs.json (via search_tool): Dutch word forms, diacritics,
// compounds, typos, prefixes, ranking, facets and excerpts.
//   SEARCH_TOOL=path/to/search_tool node --test client_test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const client = require(path.resolve(here, '../../themes/default/assets/search.js'));
const tool = process.env.SEARCH_TOOL;
const skip = !tool && 'SEARCH_TOOL not set';
let dir;
let loads;

function engine() {
  const registry = client.makeRegistry((name, done) => {
    loads.push(name);
    const file = path.join(dir, 'search', name + '.js');
    if (!fs.existsSync(file)) return done(new Error('missing ' + name));
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), { __kapstokSearch: registry });
    done();
  });
  return new client.Engine(registry);
}

async function titles(query, e = engine()) {
  const found = await e.search(query);
  const docs = await e.documents(found.results.map((r) => r.page));
  return docs.map((d) => d.title);
}

before(() => {
  if (!tool) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapstok-search-'));
  const r = spawnSync(tool, ['index', path.join(here, 'fixture_docs.json'), dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  loads = [];
});

test('a verb form finds the page titled with the infinitive, first', { skip }, async () => {
  assert.equal((await titles('versterkt'))[0], 'Eigen kracht versterken');
});

test('folded query finds accented text; the exact spelling ranks first', { skip }, async () => {
  const plain = await titles('coordinatie');
  assert.deepEqual([...plain].sort(), ['Buurtbemiddeling', 'Samenwerken in de wijk']);
  assert.equal(plain[0], 'Buurtbemiddeling');  // spelled "coordinatie"
  assert.equal((await titles('coördinatie'))[0], 'Samenwerken in de wijk');
});

test('a compound part finds the compound, below exact hits', { skip }, async () => {
  assert.deepEqual(await titles('verzekering'), ['Schuldhulp aan huis', 'Buurtbemiddeling']);
});

test('irregular plural and stop words', { skip }, async () => {
  assert.ok((await titles('kind')).includes('Schuldhulp aan huis'));  // "Kinderen"
  assert.deepEqual(await titles('de het een '), []);
});

test('one typo in a word of five or more letters', { skip }, async () => {
  assert.equal((await titles('mantelzrog '))[0], 'Mantelzorg');
  assert.deepEqual(await titles('kidn '), []);  // four letters: no typo tolerance
});

test('prefix matching while typing', { skip }, async () => {
  assert.equal((await titles('buurtbem'))[0], 'Buurtbemiddeling');
  assert.ok((await titles('verst')).includes('Eigen kracht versterken'));
  assert.deepEqual(await titles('buurtbem '), []);  // a finished word is not a prefix
});

test('title beats heading beats body', { skip }, async () => {
  const e = engine();
  const found = await e.search('resultaat ');
  assert.equal(found.results[0].section, 1);  // deep link to the heading
  assert.equal((await titles('samenwerken'))[0], 'Samenwerken in de wijk');
});

test('all words must match; otherwise partial results are flagged', { skip }, async () => {
  const e = engine();
  const both = await e.search('bewoner zorgverzekering');
  assert.equal(both.partial, false);
  assert.equal(both.results.length, 1);
  const none = await e.search('mantelzorg vrijwilligers');
  assert.equal(none.partial, true);
  assert.equal(none.results.length, 2);
});

test('facets narrow results and count live', { skip }, async () => {
  const e = engine();
  const found = await e.search('bewoner', true);
  assert.equal(found.results.length, 2);
  const groups = e.facetGroups();
  assert.deepEqual(groups.map((g) => g.name), [null, 'Kwaliteitskenmerk', 'Leefgebied']);
  const all = e.filter(found.results, []);
  assert.equal(all.results.length, found.results.length);
  const wonen = groups[2].values.indexOf('Wonen');
  const narrowed = e.filter(found.results, [[], [], [wonen]]);
  assert.ok(narrowed.results.length < found.results.length);
  assert.equal(narrowed.results.length, 1);
  // Counts within a group ignore that group's own selection.
  assert.equal(narrowed.counts[2][wonen], 1);
  const kenmerk = groups[0].values.indexOf('Kwaliteitskenmerk');
  assert.equal(narrowed.counts[0][kenmerk], 0);
});

test('excerpts highlight the matched words', { skip }, async () => {
  const e = engine();
  const found = await e.search('versterkt');
  const ex = client.excerpt(e.norm, 'Het wijkteam versterkt het netwerk; versterken helpt.', found.terms, found.words);
  assert.equal(ex.html, 'Het wijkteam <mark>versterkt</mark> het netwerk; <mark>versterken</mark> helpt.');
  assert.equal(client.excerpt(e.norm, '<b> & kracht', ['kracht'], []).html, '&lt;b&gt; &amp; <mark>kracht</mark>');
});

test('a first query needs three rounds: manifest, chunks + facets, documents', { skip }, async () => {
  loads = [];
  const e = engine();
  await e.search('versterkt', true);
  assert.equal(loads[0], 'manifest');
  assert.ok(loads.includes('f'));
  loads = [];
  await titles('versterkt');
  assert.ok(!loads.includes('f'));
  assert.ok(loads.some((n) => n.startsWith('c/')));
  assert.ok(loads[loads.length - 1].startsWith('d/'));
});
