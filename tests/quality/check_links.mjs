// Link check over a built site: every href, src and srcset in every HTML file
// (and every <loc>/href in sitemap.xml and feed.xml) must resolve to a file in
// the site; a "#fragment" must name an id in the target page. External links
// (another scheme or host) are skipped; absolute URLs under the site's own
// base URL (canonical links, the sitemap, the feed) are checked as site files.
//
// Usage: node check_links.mjs SITE_DIR [BASE_URL]
// Exit 0 when every link resolves, 1 with one line per broken link otherwise.
import fs from 'node:fs';
import path from 'node:path';

const site = path.resolve(process.argv[2] || 'site');
let baseUrl = process.argv[3] || '';

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    return String.fromCodePoint(parseInt(l.slice(1), 10));
  });
}

// Attribute values of href/src/srcset/action/poster/data, in tag context only.
function linksIn(html) {
  const links = [];
  const tagRe = /<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g;
  const attrRe = /\s([a-zA-Z:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g;
  let t;
  const noScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (m) =>
    m.replace(/>[\s\S]*<\/script>/i, '></script>'));
  while ((t = tagRe.exec(noScripts))) {
    const tag = t[1].toLowerCase();
    let a;
    attrRe.lastIndex = 0;
    while ((a = attrRe.exec(t[2]))) {
      const name = a[1].toLowerCase();
      const value = decodeEntities(a[3] ?? a[4] ?? a[5] ?? '');
      if (name === 'href' || name === 'src' || name === 'poster' ||
          (name === 'action' && tag === 'form') || (name === 'data' && tag === 'object')) {
        links.push({ tag, attr: name, value });
      } else if (name === 'srcset') {
        for (const part of value.split(',')) {
          const url = part.trim().split(/\s+/)[0];
          if (url) links.push({ tag, attr: name, value: url });
        }
      }
    }
  }
  return links;
}

function idsIn(html) {
  const ids = new Set();
  const re = /\sid\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g;
  let m;
  while ((m = re.exec(html))) ids.add(decodeEntities(m[2] ?? m[3] ?? m[4]));
  const names = /<a\b[^>]*\sname\s*=\s*"([^"]*)"/g;
  while ((m = names.exec(html))) ids.add(decodeEntities(m[1]));
  return ids;
}

const files = walk(site);
const fileSet = new Set(files);
const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) idCache.set(file, idsIn(fs.readFileSync(file, 'utf8')));
  return idCache.get(file);
}

if (!baseUrl) {
  // The canonical link of the home page names the base URL.
  const home = path.join(site, 'index.html');
  if (fileSet.has(home)) {
    const m = /<link rel="canonical" href="([^"]+)"/.exec(fs.readFileSync(home, 'utf8'));
    if (m) baseUrl = decodeEntities(m[1]);
  }
}
if (baseUrl && !baseUrl.endsWith('/')) baseUrl += '/';

const problems = [];
let checked = 0;

// Resolves `value` found in `from`; returns an error string or null.
function check(from, value) {
  let url = value.trim();
  if (url === '') return 'empty link';
  if (baseUrl && url.startsWith(baseUrl)) {
    url = path.relative(path.dirname(from), site) + '/' + url.slice(baseUrl.length);
    if (url.startsWith('/')) url = '.' + url;
  } else if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) || url.startsWith('//')) {
    const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
    if (['http', 'https', 'mailto', 'tel'].includes(scheme) || url.startsWith('//')) return null;
    if (scheme === 'data' && /^data:image\/(png|gif|jpeg|webp);/i.test(url)) return null;
    return `unexpected URL scheme '${scheme}:'`;
  }
  checked++;
  let fragment = '';
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const q = url.indexOf('?');
  if (q >= 0) url = url.slice(0, q);
  if (url.startsWith('/')) {
    // Only the 404 page may link from the root: it is served at any depth.
    const basePath = baseUrl ? new URL(baseUrl).pathname : '/';
    if (path.relative(site, from) !== '404.html' || !url.startsWith(basePath))
      return 'root-relative link (breaks when the site is not at the domain root)';
    url = path.relative(path.dirname(from), site) + '/' + url.slice(basePath.length);
    if (url.startsWith('/')) url = '.' + url;
  }
  let target = url === '' ? from : path.resolve(path.dirname(from), decodeURIComponent(url));
  if (target !== site && !target.startsWith(site + path.sep)) return 'points outside the site';
  if (url === '' || url.endsWith('/') || (fs.existsSync(target) && fs.statSync(target).isDirectory()))
    target = url === '' ? from : path.join(target, 'index.html');
  if (!fileSet.has(target)) return `no file ${path.relative(site, target)}`;
  if (fragment && target.endsWith('.html')) {
    const id = decodeURIComponent(fragment);
    if (!idsOf(target).has(id)) return `no id '${id}' in ${path.relative(site, target)}`;
  }
  return null;
}

for (const file of files) {
  const rel = path.relative(site, file);
  let links = [];
  if (file.endsWith('.html')) {
    links = linksIn(fs.readFileSync(file, 'utf8'));
  } else if (file.endsWith('.xml')) {
    const xml = fs.readFileSync(file, 'utf8');
    const re = /<loc>([^<]*)<\/loc>|<link\b[^>]*\shref="([^"]*)"/g;
    let m;
    while ((m = re.exec(xml))) links.push({ tag: 'xml', attr: 'href', value: decodeEntities(m[1] ?? m[2]) });
  } else if (file.endsWith('.css')) {
    const css = fs.readFileSync(file, 'utf8');
    const re = /url\(\s*['"]?([^'")]+)['"]?\s*\)/g;
    let m;
    while ((m = re.exec(css))) if (!m[1].startsWith('data:')) links.push({ tag: 'css', attr: 'url', value: m[1] });
  }
  for (const l of links) {
    const err = check(file, l.value);
    if (err) problems.push(`${rel}: <${l.tag} ${l.attr}="${l.value}">: ${err}`);
  }
}

if (files.filter((f) => f.endsWith('.html')).length === 0) {
  console.error(`check_links: no HTML files in ${site}`);
  process.exit(1);
}
if (problems.length) {
  console.error(problems.sort().join('\n'));
  console.error(`check_links: ${problems.length} broken link(s) of ${checked} checked`);
  process.exit(1);
}
console.log(`check_links: ${checked} links in ${files.length} files resolve`);
