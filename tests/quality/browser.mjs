// Shared helpers for the quality gates that need a browser: a static server
// on 127.0.0.1 for a built site (served under the base URL's path, with
// 404.html for unknown paths, as GitHub Pages does), Debian's chromium through
// playwright-core, and a walk over the site's pages.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
export const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'package.json'));

const kTypes = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

// The path the site lives under, from the home page's canonical link
// ("https://x.github.io/handboek/" -> "/handboek/"), else "/".
export function basePathOf(site) {
  try {
    const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    const m = /<link rel="canonical" href="([^"]+)"/.exec(home);
    if (m) return new URL(m[1]).pathname;
  } catch {}
  return '/';
}

// Serves `site` at http://127.0.0.1:<port><basePath>. Resolves to
// { url, close() }; `url` ends with '/'.
export function serve(site, basePath = basePathOf(site)) {
  const root = path.resolve(site);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(u.pathname);
    let file = null;
    if (rel.startsWith(basePath)) {
      rel = rel.slice(basePath.length);
      file = path.resolve(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) file = null;
      else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    }
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': kTypes['.html'] });
      res.end(fs.existsSync(path.join(root, '404.html')) ? fs.readFileSync(path.join(root, '404.html')) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': kTypes[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${basePath}`, close: () => server.close() });
    });
  });
}

export async function launch() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

// Pages of a built site by role: home, 404, list pages and standalone pages
// (top-level folders), one content page per type (the first, sorted, in each
// folder that has pages below it), and every handout found.
export function samplePages(site) {
  const out = [{ name: 'home', path: '' }];
  const top = fs.readdirSync(site, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'assets' && e.name !== 'search')
    .map((e) => e.name).sort();
  for (const dir of top) {
    const d = path.join(site, dir);
    if (fs.existsSync(path.join(d, 'index.html'))) out.push({ name: dir, path: `${dir}/` });
    const subs = fs.readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(d, e.name, 'index.html')))
      .map((e) => e.name).sort();
    if (subs.length) out.push({ name: `${dir}/${subs[0]}`, path: `${dir}/${subs[0]}/` });
    for (const s of subs) {
      if (fs.existsSync(path.join(d, s, 'handout', 'index.html'))) {
        out.push({ name: `${dir}/${s}/handout`, path: `${dir}/${s}/handout/` });
        break;  // one handout per type is enough for axe
      }
    }
  }
  out.push({ name: '404', path: 'deze-pagina-bestaat-niet/' });
  return out;
}

// Fails the run when the page shows a dialog or throws; returns the list of
// problems seen so far (filled as they happen).
export function watchPage(page) {
  const problems = [];
  page.on('dialog', async (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  return problems;
}
