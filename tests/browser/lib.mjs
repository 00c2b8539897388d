// Shared harness for browser tests (node --test): Debian's chromium driven by
// playwright-core, a tiny static file server on 127.0.0.1, and a site built
// once per process with the real `kapstok build`.
//
//   import { launch, serve, buildSite, fileUrl } from './lib.mjs';
//   const site = buildSite();               // KAPSTOK_BIN, KAPSTOK_SOURCE_DIR
//   const server = await serve(site);       // server.url + 'zoeken/'
//   const browser = await launch();
//   ...; await browser.close(); await server.close();
//
// Environment: KAPSTOK_BIN (path of the kapstok binary, set by ctest),
// KAPSTOK_SOURCE_DIR (the site to build; default: the repository root),
// KAPSTOK_SITE (use an already built site instead of building), CHROMIUM
// (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = path.dirname(new URL(import.meta.url).pathname);
export const repoRoot = path.resolve(here, '../..');

export function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    ...options,
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
};

// Serves `root` on 127.0.0.1 at a free port. Folders serve their index.html.
// Records every request path in server.requests (for byte/request counts).
export function serve(root) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, rel);
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    requests.push(rel);
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        requests,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

// file:// URL of `rel` inside the built site (folders get index.html, as a
// browser opening the site from disk needs).
export function fileUrl(site, rel = '') {
  let p = path.join(site, rel.split(/[?#]/)[0]);
  if (rel === '' || rel.split(/[?#]/)[0].endsWith('/')) p = path.join(p, 'index.html');
  const rest = rel.slice(rel.split(/[?#]/)[0].length);
  return pathToFileURL(p).href + rest;
}

let built = null;
// Builds the site once per process into a temporary folder and returns it.
export function buildSite() {
  if (process.env.KAPSTOK_SITE) return process.env.KAPSTOK_SITE;
  if (built) return built;
  const bin = process.env.KAPSTOK_BIN;
  if (!bin) throw new Error('KAPSTOK_BIN is not set (ctest sets it to the kapstok binary)');
  const source = process.env.KAPSTOK_SOURCE_DIR || repoRoot;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kapstok-site-'));
  const r = spawnSync(bin, ['build', '--out', out], { cwd: source, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kapstok build failed (${r.status}):\n${r.stdout}${r.stderr}`);
  built = out;
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
  return out;
}
