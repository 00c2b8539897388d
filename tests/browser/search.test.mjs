// Search in the browser, on the handbook built by `kapstok build`, served
// over http://127.0.0.1 and opened from file:// (no server): Dutch word
// forms, diacritics, facets, the keyboard combobox, the live region, axe.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, serve, buildSite, fileUrl, repoRoot } from './lib.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js', { paths: [repoRoot] });

let site, server, browser;

before(async () => {
  site = buildSite();
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const modes = {
  http: (rel) => server.url + rel,
  file: (rel) => fileUrl(site, rel),
};

async function resultsFor(page, url) {
  await page.goto(url);
  await page.locator('[data-search-results] li').first().waitFor();
  return page.locator('[data-search-results] .ks-title').allTextContents();
}

for (const [mode, at] of Object.entries(modes)) {
  describe(`search over ${mode}`, () => {
    test('"versterkt" finds "Eigen kracht versterken" first', async () => {
      const page = await browser.newPage();
      const titles = await resultsFor(page, at('zoeken/?q=versterkt'));
      assert.equal(titles[0], 'Eigen kracht versterken');
      assert.match(await page.locator('[data-search-count]').textContent(), /^\d+ resultaten? voor/);
      await page.close();
    });

    test('"coordinatie" finds pages with "coördinatie", highlighted', async () => {
      const page = await browser.newPage();
      const titles = await resultsFor(page, at('zoeken/?q=coordinatie'));
      assert.ok(titles.includes('Binden en verbinden'), titles.join(', '));
      const marks = await page.locator('[data-search-results] mark').allTextContents();
      assert.ok(marks.some((m) => m.toLowerCase().endsWith('coördinatie')), marks.join(', '));
      await page.close();
    });

    test('a facet narrows the results and the counts follow', async () => {
      const page = await browser.newPage();
      await resultsFor(page, at('zoeken/?q=versterken'));
      const before = await page.locator('[data-search-results] li').count();
      const count = await page.locator('[data-search-count]').textContent();
      const total = parseInt(count, 10);
      // Pick the facet value with the fewest results (but at least one).
      const labels = page.locator('[data-search-facets] label');
      const texts = await labels.allTextContents();
      const counts = texts.map((t) => parseInt(/\((\d+)\)\s*$/.exec(t)[1], 10));
      const candidates = counts.map((c, i) => [c, i]).filter(([c]) => c > 0 && c < total).sort((a, b) => a[0] - b[0]);
      assert.ok(candidates.length, `no narrowing facet among ${texts.join(' | ')}`);
      const [expected, index] = candidates[0];
      await labels.nth(index).locator('input').check();
      await page.waitForFunction((n) => parseInt(document.querySelector('[data-search-count]').textContent, 10) === n, expected);
      // The count is announced before the result list is redrawn: wait for the list too.
      await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length === n,
                                 Math.min(expected, 10)).catch(() => {});
      const after = await page.locator('[data-search-results] li').count();
      assert.ok(after < before || after < total, `${after} of ${before}`);
      assert.equal(after, Math.min(expected, 10));
      await page.close();
    });

    test('arrow keys and Enter open a result from the header box', async () => {
      const page = await browser.newPage();
      await page.goto(at(''));
      const input = page.locator('header input[name="q"]');
      await input.fill('versterkt');
      const first = page.locator('[role="listbox"] [role="option"]').first();
      await first.waitFor();
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      await input.press('ArrowDown');
      const activeId = await input.getAttribute('aria-activedescendant');
      assert.equal(activeId, await first.getAttribute('id'));
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      await Promise.all([page.waitForNavigation(), input.press('Enter')]);
      assert.match(page.url(), /kenmerken\/eigen-kracht-versterken\//);
      assert.equal(await page.locator('h1').first().textContent(), 'Eigen kracht versterken');
      await page.close();
    });

    test('the result count is announced once in a polite live region', async () => {
      const page = await browser.newPage();
      await page.goto(at('zoeken/'));
      await page.evaluate(() => {
        window.__announcements = [];
        const region = document.querySelector('[data-search-status]');
        new MutationObserver(() => window.__announcements.push(region.textContent))
          .observe(region, { childList: true, characterData: true, subtree: true });
      });
      // Typed as fast as keys come: a pause longer than the settle time (as a
      // starved CI machine can make between two 40 ms keystrokes) is, rightly,
      // announced, so the test must not make one.
      await page.locator('#search-page-input').pressSequentially('versterkt');
      await page.waitForFunction(() => window.__announcements.length > 0);
      await page.waitForTimeout(1200);
      const said = await page.evaluate(() => window.__announcements.filter(Boolean));
      assert.equal(said.length, 1, said.join(' | '));
      assert.match(said[0], /resultaten? voor “versterkt”/);
      assert.equal(await page.locator('[data-search-status]').getAttribute('aria-live'), 'polite');
      await page.close();
    });
  });
}

test('empty state shows tips; no-results says so', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'zoeken/');
  assert.ok(await page.locator('[data-search-empty]').isVisible());
  await page.locator('#search-page-input').fill('xyzzyqwv');
  await page.waitForFunction(() => /Geen resultaten/.test(document.querySelector('[data-search-count]').textContent));
  assert.ok(await page.locator('[data-search-empty]').isVisible());
  await page.close();
});

test('no axe violations on the search page with results and open suggestions', async () => {
  const page = await browser.newPage();
  await resultsFor(page, server.url + 'zoeken/?q=eigen+kracht');
  await page.locator('header input[name="q"]').fill('signaleert');
  await page.locator('[role="listbox"] [role="option"]').first().waitFor();
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, []);
  await page.close();
});

test('360 px wide and 200% zoom: no horizontal scrolling, focus visible', async () => {
  // 200% zoom of a 1280 px window = 640 CSS px at device scale 2.
  for (const [width, zoom] of [[360, 1], [1280, 2]]) {
    const context = await browser.newContext({ viewport: { width: Math.round(width / zoom), height: 700 }, deviceScaleFactor: zoom });
    const page = await context.newPage();
    await resultsFor(page, server.url + 'zoeken/?q=versterken');
    // On a phone the filters start folded, so the results come first.
    assert.equal(await page.locator('[data-search-facets-box]').evaluate((d) => d.open), width / zoom >= 768);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow}px horizontal overflow at ${width}px / ${zoom * 100}%`);
    await page.locator('#search-page-input').focus();
    const outline = await page.locator('#search-page-input').evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none');
    await context.close();
  }
});

test('first query over http: at most 3 rounds of index requests, 100 KB gzip', async () => {
  const page = await browser.newPage();
  const start = server.requests.length;
  await resultsFor(page, server.url + 'zoeken/?q=versterkt');
  const index = server.requests.slice(start).filter((r) => r.startsWith('/search/'));
  assert.ok(index.includes('/search/manifest.js'));
  const zlib = await import('node:zlib');
  const bytes = index.reduce((n, r) => n + zlib.gzipSync(fs.readFileSync(path.join(site, r))).length, 0);
  assert.ok(bytes <= 100 * 1024, `${bytes} bytes`);
  await page.close();
});
