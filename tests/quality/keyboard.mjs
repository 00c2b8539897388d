// Scripted checks axe cannot make, in headless Debian chromium (GDS's manual
// keyboard and reflow checks, WCAG 2.4.1, 2.4.7, 2.1.2, 1.4.10):
//  - on every page with the site header, the skip link is the first tab stop,
//    is visible when focused and moves focus to <main>;
//  - every element reached with Tab has a visible focus indicator (an outline
//    or a box shadow that differs from the unfocused state), and Tab never
//    gets stuck (it reaches the end of the page and wraps);
//  - no horizontal scrolling at 320 CSS px (= 400% zoom of 1280 px) nor at
//    640 CSS px (= 200% zoom).
//
// Usage: node keyboard.mjs SITE_DIR
import fs from 'node:fs';
import path from 'node:path';
import { launch, samplePages, serve } from './browser.mjs';

const site = path.resolve(process.argv[2] || 'site');
const server = await serve(site);
const browser = await launch();
const failures = [];
const kMaxTabs = 400;

async function skipLink(page, name) {
  // Print views (handouts, the whole-book page) repeat no navigation block,
  // so WCAG 2.4.1 asks no skip link of them.
  if (!(await page.locator('.site-header, nav.site-nav').count())) return;
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { cls: a.className, href: a.getAttribute('href'), visible: r.width > 1 && r.height > 1 &&
             r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth };
  });
  if (!/skip-link/.test(first.cls) || !first.href?.startsWith('#'))
    return failures.push(`${name}: the first tab stop is not the skip link (${JSON.stringify(first)})`);
  if (!first.visible) failures.push(`${name}: the focused skip link is not visible in the viewport`);
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => ({
    hash: location.hash, active: document.activeElement.tagName, id: document.activeElement.id }));
  if (after.active !== 'MAIN' || `#${after.id}` !== first.href)
    failures.push(`${name}: after the skip link focus is on ${after.active}#${after.id}, not main${first.href}`);
}

// Tabs through the page; every stop must show a focus indicator.
async function focusRing(page, name) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await page.focus('body').catch(() => {});
  const seen = new Set();
  let wrapped = false;
  for (let i = 0; i < kMaxTabs; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { body: true };
      const path = [];
      for (let n = el; n && n !== document.body; n = n.parentElement)
        path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
                     (n.parentElement ? `:nth-child(${[...n.parentElement.children].indexOf(n) + 1})` : ''));
      const key = path.join('>');
      const focused = getComputedStyle(el);
      const ring = { outline: `${focused.outlineStyle} ${focused.outlineWidth} ${focused.outlineColor}`,
                     shadow: focused.boxShadow, bg: focused.backgroundColor, color: focused.color,
                     border: focused.borderColor, deco: focused.textDecorationLine };
      const hasOutline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 1;
      const hasShadow = focused.boxShadow && focused.boxShadow !== 'none';
      const rect = el.getBoundingClientRect();
      return { key, label: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40)}"`,
               visible: hasOutline || hasShadow, ring, size: rect.width * rect.height };
    });
    if (r.body) { wrapped = true; break; }
    if (seen.has(r.key)) { wrapped = true; break; }
    seen.add(r.key);
    if (!r.visible) failures.push(`${name}: no visible focus indicator on ${r.label} (${JSON.stringify(r.ring)})`);
    if (r.size < 1) failures.push(`${name}: focused element ${r.label} has no size (hidden but focusable)`);
  }
  if (!wrapped) failures.push(`${name}: Tab did not reach the end of the page within ${kMaxTabs} stops (a keyboard trap?)`);
  return seen.size;
}

async function reflow(name, rel, width) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(server.url + rel, { waitUntil: 'load' });
  const r = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [];
    if (doc.scrollWidth > doc.clientWidth + 1) {
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        if (b.right > doc.clientWidth + 1 && b.width > 0) {
          let scrolls = false;
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p).overflowX;
            if (s === 'auto' || s === 'scroll' || s === 'hidden') { scrolls = true; break; }
          }
          if (!scrolls) wide.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} (right ${Math.round(b.right)})`);
        }
      }
    }
    return { scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5) };
  });
  if (r.scroll > r.client + 1)
    failures.push(`${name} at ${width}px: scrolls horizontally (${r.scroll} > ${r.client}): ${r.wide.join(', ')}`);
  await ctx.close();
}

try {
  const pages = samplePages(site);
  for (const { name, path: rel } of pages) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + rel, { waitUntil: 'load' });
    await skipLink(page, name);
    const stops = await focusRing(page, name);
    await page.close();
    for (const w of [320, 640]) await reflow(name, rel, w);
    console.log(`checked ${name}: ${stops} tab stops, reflow at 320 and 640 px`);
  }
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`keyboard: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log('keyboard: skip link, focus indicators and reflow ok');
