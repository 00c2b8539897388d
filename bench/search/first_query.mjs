// First-query cost in Chromium, over http://127.0.0.1 with a cold cache:
// Kapstok (header box and search page) and Pagefind (its JS API, 10 result
// fragments) on the same built site. Prints one JSON object per line.
//   node first_query.mjs SITE QUERY...
// Rounds: a request's round is 1 + the highest round of the requests that
// had finished before it started (the length of the dependency chain).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, serve } from '../../tests/browser/lib.mjs';

const [site, ...queries] = process.argv.slice(2);
const server = await serve(site);
const browser = await launch();

// Engine files (loaded once, before any index file): their bytes count, their
// round does not.
const ENGINE = /^\/assets\/search\.js$|^\/pagefind\/pagefind\.js$|\.pagefind$|wasm/;

function gz(rel) {
  const file = path.join(site, decodeURIComponent(rel));
  return fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file)).length : 0;
}

async function measure(name, query, prefixes, run) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Issue and finish times as the page sees them: a request queued behind
  // the browser's six connections per host still belongs to the round in
  // which the script asked for it.
  const seen = new Map();
  page.on('request', (req) => {
    const p = new URL(req.url()).pathname;
    if (prefixes.some((x) => p.startsWith(x))) seen.set(req, { path: p, begin: performance.now(), end: Infinity });
  });
  page.on('requestfinished', (req) => { if (seen.has(req)) seen.get(req).end = performance.now(); });
  const t0 = Date.now();
  const info = await run(page);
  const ms = Date.now() - t0;
  await page.waitForTimeout(200);
  const reqs = [...seen.values()].map((r) => ({ ...r, engine: ENGINE.test(r.path) }));
  reqs.sort((a, b) => a.begin - b.begin);
  // Rounds count index files only: the engine script loads with the page.
  for (const r of reqs) {
    if (r.engine) { r.round = 0; continue; }
    r.round = 1 + Math.max(0, ...reqs.filter((q) => q !== r && !q.engine && q.end <= r.begin && q.round).map((q) => q.round));
  }
  const out = {
    engine: name, query, results: info.results, first: info.first, ms,
    requests: reqs.length, engine_gzip_bytes: reqs.filter((r) => r.engine).reduce((n, r) => n + gz(r.path), 0),
    rounds: Math.max(0, ...reqs.map((r) => r.round)),
    gzip_bytes: reqs.reduce((n, r) => n + gz(r.path), 0),
    files: reqs.map((r) => `${r.round}:${r.path}:${gz(r.path)}`),
  };
  console.log(JSON.stringify(out));
  await context.close();
}

for (const q of queries) {
  // Kapstok, header box on the home page: search.js is loaded with the page;
  // the query needs manifest, chunks and the documents of the top 6.
  await measure('kapstok-box', q, ['/search/', '/assets/search.js'], async (page) => {
    await page.goto(server.url);
    const input = page.locator('header input[name="q"]');
    await input.fill(q);
    await page.locator('[role="listbox"] [role="option"]').first().waitFor({ timeout: 20000 });
    const n = await page.locator('[role="listbox"] [role="option"]:not(.ks-all)').count();
    return { results: n, first: await page.locator('[role="option"] .ks-title').first().textContent() };
  });
  // Kapstok, search page: also the facet bits and the documents of the top 10.
  await measure('kapstok-page', q, ['/search/', '/assets/search.js'], async (page) => {
    await page.goto(server.url + 'zoeken/?q=' + encodeURIComponent(q));
    await page.locator('[data-search-results] li').first().waitFor({ timeout: 20000 });
    return { results: parseInt(await page.locator('[data-search-count]').textContent(), 10),
             first: await page.locator('[data-search-results] .ks-title').first().textContent() };
  });
  // Pagefind: pagefind.js, its WASM, index chunks and 10 fragments.
  await measure('pagefind', q, ['/pagefind/'], async (page) => {
    await page.goto(server.url);
    return page.evaluate(async (query) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.options({ basePath: '/pagefind/' });
      const r = await pf.search(query);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return { results: r.results.length, first: data[0] ? data[0].meta.title : null };
    }, q);
  });
}
await browser.close();
await server.close();
