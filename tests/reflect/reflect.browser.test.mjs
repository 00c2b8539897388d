// The Reflectietool in Chromium (playwright-core), on the handbook built by
// the real `kapstok build`: answering every statement by keyboard, answers
// kept over a reload, export and import, scores that match the answers,
// related pages for the weakest kenmerk, clearing, the page from file://,
// without JavaScript, and axe-core. Every test records the page's requests:
// nothing may leave 127.0.0.1 or file://, and no request may carry answers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, serve, buildSite, fileUrl, repoRoot } from '../browser/lib.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js', { paths: [repoRoot] });

let site, server, browser, data;

before(async () => {
  site = buildSite();
  server = await serve(site);
  browser = await launch();
  const html = fs.readFileSync(path.join(site, 'reflectie/index.html'), 'utf8');
  const m = html.match(/<script type="application\/json" id="reflect-data">([^]*?)<\/script>/);
  data = JSON.parse(m[1]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// A new context (its own localStorage) whose requests are all recorded.
async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, requests };
}

// Nothing left the machine, and nothing sent answers anywhere.
function assertPrivate(requests) {
  const ids = data.subjects.flatMap((s) => s.statements.map((st) => st.id));
  for (const r of requests) {
    assert.ok(r.url.startsWith(server.url) || /^(file|data|blob):/.test(r.url), `request left the machine: ${r.url}`);
    assert.equal(r.method, 'GET', r.url);
    assert.equal(r.body ?? null, null, r.url);
    assert.ok(!/answers|kapstok-reflectie/.test(decodeURIComponent(r.url)), r.url);
    for (const id of ids) assert.ok(!r.url.includes(id), `request carries a statement id: ${r.url}`);
  }
}

// The answer (1-based option index; scale.length + 1 is n.v.t.) that the
// tests give to statement j of subject s.
const naIndex = () => data.scale.length + 1;
function answerIndex(s, j) {
  return j % 7 === 5 ? naIndex() : ((s * 2 + j) % data.scale.length) + 1;
}
const valueOf = (k) => (k === naIndex() ? 'na' : String(k));

function expectedCounts() {
  return data.subjects.map((subject, s) => {
    const c = { id: subject.id, total: subject.statements.length, answered: 0, na: 0, sum: 0, scored: 0 };
    subject.statements.forEach((st, j) => {
      const v = valueOf(answerIndex(s, j));
      c.answered++;
      if (v === 'na') c.na++;
      else { c.scored++; c.sum += Number(v); }
    });
    c.mean = c.scored ? c.sum / c.scored : null;
    return c;
  });
}

const active = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return { tag: e.tagName, type: e.type || '', name: e.name || '', action: e.dataset.action || '' };
});

// Answers every statement with the keyboard only: Tab into each radio group,
// Space to choose the first answer, arrow keys to move to the wanted one,
// Tab on to the "next" button and Enter.
async function answerAllByKeyboard(page) {
  const firstId = data.subjects[0].statements[0].id;
  for (let i = 0; i < 100 && (await active(page)).name !== firstId; i++) await page.keyboard.press('Tab');
  assert.equal((await active(page)).name, firstId, 'Tab reaches the first question');
  for (const [s, subject] of data.subjects.entries()) {
    for (const [j, st] of subject.statements.entries()) {
      const a = await active(page);
      assert.equal(a.type, 'radio');
      assert.equal(a.name, st.id, `focus is on statement ${j + 1} of ${subject.title}`);
      await page.keyboard.press('Space');
      for (let k = 1; k < answerIndex(s, j); k++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
    }
    for (let i = 0; i < 3 && (await active(page)).action !== 'next'; i++) await page.keyboard.press('Tab');
    assert.equal((await active(page)).action, 'next');
    await page.keyboard.press('Enter');
    if (s + 1 < data.subjects.length) {
      const heading = await page.evaluate(() => document.activeElement.textContent);
      assert.ok(heading.includes(data.subjects[s + 1].title), heading);
      await page.keyboard.press('Tab');
    }
  }
}

const checkedAnswers = (page) => page.evaluate(() => {
  const out = {};
  for (const i of document.querySelectorAll('#reflect-form input[type=radio]:checked')) out[i.name] = i.value;
  return out;
});

function expectedAnswers() {
  const out = {};
  data.subjects.forEach((subject, s) => subject.statements.forEach((st, j) => { out[st.id] = valueOf(answerIndex(s, j)); }));
  return out;
}

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('reflectietool over http://127.0.0.1', () => {
  test('answer everything by keyboard; the scores, highlights and suggestions match; a reload keeps it', async () => {
    const { context, page, requests } = await open(server.url + 'reflectie/');
    await answerAllByKeyboard(page);
    assert.ok(await page.locator('#reflect-result').isVisible());
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reflect-result-title');
    const total = data.subjects.reduce((n, s) => n + s.statements.length, 0);
    assert.equal(await page.locator('#reflect-answered-text').textContent(), `${total} van ${total} stellingen beantwoord`);

    // Per-kenmerk scores: the data attribute, the table text and the chart.
    const expected = expectedCounts();
    const nl = new Intl.NumberFormat('nl', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const rows = await page.locator('#reflect-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      id: tr.dataset.subject, score: tr.dataset.score, cells: [...tr.cells].map((c) => c.textContent),
    })));
    assert.equal(rows.length, expected.length);
    for (const [i, c] of expected.entries()) {
      assert.equal(rows[i].id, c.id);
      assert.ok(Math.abs(Number(rows[i].score) - c.mean) < 0.005, `${c.id}: ${rows[i].score} vs ${c.mean}`);
      assert.deepEqual(rows[i].cells, [data.subjects[i].title, nl.format(c.mean), `${c.answered}/${c.total}`, String(c.na)]);
    }
    const bars = await page.locator('#reflect-chart svg rect.reflect__bar').count();
    assert.equal(bars, expected.length);
    assert.ok((await page.locator('#reflect-chart svg desc').textContent()).includes(`${data.subjects[0].title}: ${nl.format(expected[0].mean)}`));

    // Strongest and weakest statements.
    const answers = expectedAnswers();
    const scored = data.subjects.flatMap((s) => s.statements).filter((st) => answers[st.id] !== 'na');
    const strongest = [...scored].sort((a, b) => Number(answers[b.id]) - Number(answers[a.id]))[0];
    const weakestStatement = [...scored].sort((a, b) => Number(answers[a.id]) - Number(answers[b.id]))[0];
    assert.equal(await page.locator('#reflect-strongest li').first().getAttribute('data-statement'), strongest.id);
    assert.equal(await page.locator('#reflect-weakest li').first().getAttribute('data-statement'), weakestStatement.id);
    assert.equal(await page.locator('#reflect-strongest li').count(), data.highlights);

    // Suggestions: the weakest kenmerk first, with its related pages, each
    // of which links back to that kenmerk in the built site.
    const weakest = [...expected].sort((a, b) => a.mean - b.mean)[0];
    const suggestions = page.locator('.reflect__suggestion');
    assert.equal(await suggestions.count(), data.weakest);
    assert.equal(await suggestions.first().getAttribute('data-subject'), weakest.id);
    const links = await suggestions.first().locator('ul a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 3, links.join(' '));
    const types = await suggestions.first().locator('ul').evaluateAll((uls) => uls.map((u) => u.dataset.type));
    assert.ok(types.includes('competentie') && types.includes('interventie'), types.join(' '));
    for (const href of links) {
      const file = path.join(site, 'reflectie', href, 'index.html');
      const html = fs.readFileSync(file, 'utf8');
      assert.ok(html.includes(`href="../../kenmerken/${weakest.id}/"`), `${href} does not link to ${weakest.id}`);
    }

    // A reload keeps every answer and the result view.
    await page.reload();
    assert.deepEqual(await checkedAnswers(page), expectedAnswers());
    assert.ok(await page.locator('#reflect-result').isVisible());
    assert.equal(await page.locator('#reflect-table tbody tr').count(), expected.length);
    assertPrivate(requests);
    await context.close();
  });

  test('export to a file and import it in a fresh browser; a wrong file changes nothing', async () => {
    const a = await open(server.url + 'reflectie/');
    const first = data.subjects[0].statements;
    await a.page.locator(`input[name="${first[0].id}"][value="4"]`).check();
    await a.page.locator(`input[name="${first[1].id}"][value="na"]`).check();
    await a.page.locator('[data-action="next"]:visible').click();
    const second = data.subjects[1].statements;
    await a.page.locator(`input[name="${second[0].id}"][value="2"]`).check();
    const [download] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.locator('[data-action="export"]').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'reflectie.json');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reflect-')), 'reflectie.json');
    await download.saveAs(file);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    const want = { [first[0].id]: '4', [first[1].id]: 'na', [second[0].id]: '2' };
    assert.equal(exported.format, 'kapstok-reflectie');
    assert.deepEqual(exported.answers, want);
    assert.ok(fs.statSync(file).size < 1024);
    assertPrivate(a.requests);
    await a.context.close();

    const b = await open(server.url + 'reflectie/');
    assert.deepEqual(await checkedAnswers(b.page), {});
    const wrong = path.join(path.dirname(file), 'wrong.json');
    fs.writeFileSync(wrong, '{"answers": {"x": "1"}}');
    await b.page.locator('#reflect-import').setInputFiles(wrong);
    await b.page.locator('#reflect-status', { hasText: 'niets veranderd' }).waitFor();
    assert.deepEqual(await checkedAnswers(b.page), {});
    await b.page.locator('#reflect-import').setInputFiles(file);
    await b.page.locator('#reflect-status', { hasText: '3 antwoorden geïmporteerd' }).waitFor();
    assert.deepEqual(await checkedAnswers(b.page), want);
    await b.page.reload();
    assert.deepEqual(await checkedAnswers(b.page), want);
    assertPrivate(b.requests);
    await b.context.close();
  });

  test('printing shows only the result, on one A4 page, even from a step', async () => {
    const { context, page, requests } = await open(server.url + 'reflectie/');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reflect-')), 'all.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'kapstok-reflectie', version: 1, answers: expectedAnswers() }));
    await page.locator('#reflect-import').setInputFiles(file);
    await page.locator('#reflect-status', { hasText: 'geïmporteerd' }).waitFor();
    assert.ok(await page.locator('#reflect-form').isVisible());
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const shown = await page.evaluate(() => ['#reflect-form', '#reflect-result', '.reflect__data', '.site-header']
      .map((s) => getComputedStyle(document.querySelector(s)).display));
    assert.deepEqual(shown.map((d) => d !== 'none'), [false, true, false, false]);
    assert.equal(await page.locator('.reflect__suggestion').count(), data.weakest);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, `the summary prints on ${pages} pages`);
    assertPrivate(requests);
    await context.close();
  });

  test('a link to #stap-<kenmerk> opens that step', async () => {
    const third = data.subjects[2];
    const { context, page } = await open(server.url + 'reflectie/#stap-' + third.id);
    const visible = await page.locator('.reflect__step:visible').getAttribute('data-step');
    assert.equal(visible, '3');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'stap-' + third.id);
    assert.equal(await page.locator('#reflect-step-text').textContent(), `Stap 3 van ${data.subjects.length}`);
    await context.close();
  });

  test('one button clears everything', async () => {
    const { context, page, requests } = await open(server.url + 'reflectie/');
    const st = data.subjects[0].statements;
    await page.locator(`input[name="${st[0].id}"][value="5"]`).check();
    await page.locator(`input[name="${st[2].id}"][value="1"]`).check();
    assert.equal(Object.keys(await checkedAnswers(page)).length, 2);
    page.once('dialog', (d) => d.accept());
    await page.locator('[data-action="clear"]').click();
    await page.locator('#reflect-status', { hasText: 'gewist' }).waitFor();
    assert.deepEqual(await checkedAnswers(page), {});
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), data.storage_key), null);
    assert.equal(await page.locator('#reflect-progress').evaluate((p) => p.value), 0);
    await page.reload();
    assert.deepEqual(await checkedAnswers(page), {});
    assertPrivate(requests);
    await context.close();
  });

  test('axe-core: no violations on the questionnaire and the result view', async () => {
    const { context, page } = await open(server.url + 'reflectie/');
    assert.deepEqual(await axe(page), []);
    const st = data.subjects[0].statements;
    await page.locator(`input[name="${st[0].id}"][value="3"]`).check();
    await page.locator('[data-goto="result"]').click();
    await page.locator('#reflect-result').waitFor();
    assert.deepEqual(await axe(page), []);
    await context.close();
  });

  test('on a phone: nothing scrolls sideways, the options are big enough to tap', async () => {
    const { context, page } = await open(server.url + 'reflectie/', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
    const heights = await page.locator('.reflect__option:visible').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().height));
    assert.ok(heights.length > 0 && heights.every((h) => h >= 44), heights.join(' '));
    await context.close();
  });

  test('without JavaScript the page is a readable list of every statement', async () => {
    const { context, page, requests } = await open(server.url + 'reflectie/', { javaScriptEnabled: false });
    assert.ok(await page.locator('#reflect-static').isVisible());
    assert.ok(!(await page.locator('#reflect-app').isVisible()));
    const items = await page.locator('#reflect-static li[data-statement]').evaluateAll((lis) => lis.map((li) => li.textContent));
    assert.deepEqual(items, data.subjects.flatMap((s) => s.statements.map((st) => st.text)));
    assert.ok((await page.locator('.reflect__privacy').textContent()).includes('nooit verstuurd'));
    assertPrivate(requests);
    await context.close();
  });
});

test('the home page links to the tool, by the title from kapstok.yaml', () => {
  const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  assert.ok(home.includes(`<a href="./reflectie/">${data.title}</a>`));
});

describe('reflectietool from file://', () => {
  test('answers are kept over a reload and the result links work from disk', async () => {
    const { context, page, requests } = await open(fileUrl(site, 'reflectie/'));
    assert.ok(await page.locator('#reflect-app').isVisible());
    const st = data.subjects[0].statements;
    await page.locator(`input[name="${st[0].id}"][value="1"]`).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.reload();
    assert.deepEqual(await checkedAnswers(page), { [st[0].id]: '2' });
    await page.locator('[data-goto="result"]').click();
    const href = await page.locator('.reflect__suggestion ul a').first().getAttribute('href');
    assert.match(href, /\/index\.html$/);
    assert.ok(requests.every((r) => r.url.startsWith('file:')), requests.map((r) => r.url).join(' '));
    assertPrivate(requests);
    await context.close();
  });
});
