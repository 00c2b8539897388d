// Accessibility gate: axe-core in headless Debian chromium over a sample of
// every page role of a built site (home, one page of every content type,
// every list and standalone page, the BoKS matrix, handouts, the 404 page and
// the search page with results open), tags wcag2a, wcag2aa, wcag21a, wcag21aa:
// 0 violations. No script errors or dialogs on any of these pages.
//
// Usage: node a11y.mjs SITE_DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, repo, samplePages, serve, watchPage } from './browser.mjs';

const require = createRequire(path.join(repo, 'package.json'));
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const kTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const site = path.resolve(process.argv[2] || 'site');
const server = await serve(site);
const browser = await launch();
const failures = [];

async function audit(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      count: v.nodes.length,
    }));
  }, kTags);
  for (const v of result) {
    failures.push(`${name}: ${v.id} (${v.impact}, ${v.count}x): ${v.help}\n    ${v.nodes.join('\n    ')}`);
  }
  return result.length;
}

async function visit(name, rel, prepare) {
  const page = await browser.newPage();
  const problems = watchPage(page);
  const resp = await page.goto(server.url + rel, { waitUntil: 'load' });
  if (name !== '404' && (!resp || resp.status() !== 200)) failures.push(`${name}: HTTP ${resp && resp.status()}`);
  if (prepare) await prepare(page, name);
  const n = await audit(page, name);
  for (const p of problems.filter((p) => !p.startsWith('console'))) failures.push(`${name}: ${p}`);
  console.log(`${n ? 'FAIL' : 'ok  '} ${name}`);
  await page.close();
}

// Types a query into the search box and waits for a visible result list.
async function openResults(page, name) {
  const input = page.locator('#search-input');
  if (!(await input.count())) {
    failures.push(`${name}: no search box (#search-input)`);
    return;
  }
  await input.fill('kracht');
  await page.waitForTimeout(600);
  const opened = await page.evaluate(() => {
    const opts = document.querySelectorAll('[role="option"], .search-results li, [data-search-results] li');
    return opts.length;
  });
  if (!opened) failures.push(`${name}: no search results shown for 'kracht'`);
}

try {
  for (const { name, path: rel } of samplePages(site)) await visit(name, rel);
  await visit('home with search results', '', openResults);
  if (fs.existsSync(path.join(site, 'zoeken', 'index.html'))) {
    await visit('zoeken?q=kracht', 'zoeken/?q=kracht', async (page) => page.waitForTimeout(800));
  } else {
    failures.push('zoeken/index.html: the search page is missing');
  }
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`a11y: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log('a11y: 0 axe violations');
