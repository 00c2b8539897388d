/* Kapstok reflection tool: turns the reflection page's list of statements
   into a questionnaire (one subject per step) and a result view.

   Everything it needs is in the page: the statements, scale, related pages
   and UI strings come from the JSON in <script id="reflect-data">, so the
   page also works when opened from disk (file://). Answers are kept only in
   localStorage under data.storage_key and in files the visitor exports
   themselves: this script makes no network request at all.

   Stored value: {"version": 1, "answers": {"<statement id>": "1".."n" | "na"},
   "step": 1..subjects | "result"}. Export file: {"format": "kapstok-reflectie",
   "version": 1, "reflection": title, "answers": {...}}. */
(function () {
  'use strict';

  var dataEl = document.getElementById('reflect-data');
  var app = document.getElementById('reflect-app');
  if (!dataEl || !app || !window.JSON) return;
  var data;
  try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }

  var form = document.getElementById('reflect-form');
  var result = document.getElementById('reflect-result');
  var statusEl = document.getElementById('reflect-status');
  var svgNs = 'http://www.w3.org/2000/svg';
  var scaleMax = data.scale.length;
  var lang = document.documentElement.lang || 'en';
  var numberFormat = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  // Statements in site order, and by id.
  var statements = [];
  var byId = {};
  data.subjects.forEach(function (subject, s) {
    subject.statements.forEach(function (st) {
      var rec = { id: st.id, text: st.text, subject: s, order: statements.length };
      statements.push(rec);
      byId[st.id] = rec;
    });
  });
  var stepCount = data.subjects.length;
  if (!statements.length) return;  // nothing to answer: keep the plain list

  function t(key, args) {
    var text = data.strings[key] || key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return args && Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : m;
    });
  }

  function validAnswer(v) {
    if (v === 'na') return true;
    var n = Number(v);
    return typeof v === 'string' && /^[0-9]+$/.test(v) && n >= 1 && n <= scaleMax;
  }

  // Known statements with valid answers only: an edited site may have
  // dropped statements since the answers were given.
  function cleanAnswers(raw) {
    var out = {};
    if (!raw || typeof raw !== 'object') return out;
    Object.keys(raw).forEach(function (id) {
      var v = String(raw[id]);
      if (byId[id] && validAnswer(v)) out[id] = v;
    });
    return out;
  }

  // ---- Storage -------------------------------------------------------
  var storage = null;
  try {
    var probe = data.storage_key + ':probe';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    storage = window.localStorage;
  } catch (e) { storage = null; }

  var state = { answers: {}, step: 1 };
  var lastStep = 1;  // the step to return to from the result view
  function load() {
    if (!storage) return;
    try {
      var saved = JSON.parse(storage.getItem(data.storage_key) || 'null');
      if (!saved) return;
      state.answers = cleanAnswers(saved.answers);
      if (saved.step === 'result' || (saved.step >= 1 && saved.step <= stepCount)) state.step = saved.step;
    } catch (e) { /* unreadable: start afresh */ }
  }
  function save() {
    if (!storage) return;
    try {
      storage.setItem(data.storage_key, JSON.stringify({ version: 1, answers: state.answers, step: state.step }));
    } catch (e) { say(t('storage_unavailable')); }
  }

  function say(text) {
    statusEl.textContent = '';
    // A fresh text node, so screen readers announce a repeated message too.
    window.setTimeout(function () { statusEl.textContent = text; }, 50);
  }

  // ---- Questionnaire -------------------------------------------------
  function applyAnswers() {
    var inputs = form.querySelectorAll('input[type="radio"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].checked = state.answers[inputs[i].name] === inputs[i].value;
  }

  function countFor(subjectIndex) {
    var c = { answered: 0, scored: 0, na: 0, sum: 0, total: data.subjects[subjectIndex].statements.length };
    data.subjects[subjectIndex].statements.forEach(function (st) {
      var v = state.answers[st.id];
      if (!v) return;
      c.answered++;
      if (v === 'na') c.na++;
      else { c.scored++; c.sum += Number(v); }
    });
    c.mean = c.scored ? c.sum / c.scored : null;
    return c;
  }

  function answeredTotal() {
    return statements.filter(function (s) { return state.answers[s.id]; }).length;
  }

  function updateProgress() {
    var n = answeredTotal();
    document.getElementById('reflect-step-text').textContent =
      state.step === 'result' ? t('result_title') : t('step', { n: state.step, total: stepCount });
    document.getElementById('reflect-answered-text').textContent = t('answered', { n: n, total: statements.length });
    document.getElementById('reflect-progress').value = n;
    data.subjects.forEach(function (subject, s) {
      var c = countFor(s);
      var el = app.querySelector('[data-count-for="' + (s + 1) + '"]');
      if (el) el.textContent = '(' + c.answered + '/' + c.total + ')';
    });
  }

  function go(step, focus) {
    state.step = step;
    if (step !== 'result') lastStep = step;
    var steps = form.querySelectorAll('.reflect__step');
    for (var i = 0; i < steps.length; i++) steps[i].hidden = String(i + 1) !== String(step);
    result.hidden = step !== 'result';
    form.hidden = step === 'result';
    var buttons = app.querySelectorAll('[data-goto]');
    for (var j = 0; j < buttons.length; j++) {
      if (buttons[j].getAttribute('data-goto') === String(step)) buttons[j].setAttribute('aria-current', 'step');
      else buttons[j].removeAttribute('aria-current');
    }
    if (step === 'result') renderResult();
    else {
      var section = steps[step - 1];
      section.querySelector('[data-action="previous"]').disabled = step === 1;
      section.querySelector('[data-action="next"]').textContent = step === stepCount ? t('to_result') : t('next');
    }
    updateProgress();
    save();
    if (focus) {
      var heading = step === 'result' ? document.getElementById('reflect-result-title')
                                      : steps[step - 1].querySelector('.reflect__step-title');
      heading.focus();
      if (heading.scrollIntoView) heading.scrollIntoView({ block: 'start' });
    }
  }

  // ---- Result --------------------------------------------------------
  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(name, attrs, text) {
    var e = document.createElementNS(svgNs, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function scoreText(mean) { return mean === null ? t('no_score') : numberFormat.format(mean); }
  function answerLabel(v) { return v === 'na' ? data.not_applicable : data.scale[Number(v) - 1]; }

  function renderChart(counts) {
    var width = 640, rowHeight = 52, labelWidth = 0, barMax = width - 70;
    var height = counts.length * rowHeight + 24;
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img',
                            'aria-labelledby': 'reflect-chart-title reflect-chart-desc',
                            'class': 'reflect__svg', focusable: 'false' });
    root.appendChild(svg('title', { id: 'reflect-chart-title' }, t('chart_title')));
    root.appendChild(svg('desc', { id: 'reflect-chart-desc' }, counts.map(function (c, s) {
      return data.subjects[s].title + ': ' + scoreText(c.mean);
    }).join('; ')));
    for (var tick = 1; tick <= scaleMax; tick++) {
      var x = labelWidth + barMax * tick / scaleMax;
      root.appendChild(svg('line', { x1: x, x2: x, y1: 0, y2: height - 20, 'class': 'reflect__grid' }));
      root.appendChild(svg('text', { x: x, y: height - 4, 'text-anchor': 'middle', 'class': 'reflect__tick' }, String(tick)));
    }
    counts.forEach(function (c, s) {
      var y = s * rowHeight;
      root.appendChild(svg('text', { x: 0, y: y + 17, 'class': 'reflect__bar-label' }, data.subjects[s].title));
      var w = c.mean === null ? 0 : barMax * c.mean / scaleMax;
      root.appendChild(svg('rect', { x: labelWidth, y: y + 24, width: w.toFixed(1), height: 18, 'class': 'reflect__bar' }));
      root.appendChild(svg('text', { x: (labelWidth + w + 6).toFixed(1), y: y + 38, 'class': 'reflect__bar-value' }, scoreText(c.mean)));
    });
    return root;
  }

  function renderTable(counts) {
    var body = document.querySelector('#reflect-table tbody');
    body.textContent = '';
    counts.forEach(function (c, s) {
      var subject = data.subjects[s];
      var row = el('tr', { 'data-subject': subject.id, 'data-score': c.mean === null ? '' : c.mean.toFixed(2) });
      var th = el('th', { scope: 'row' });
      th.appendChild(el('a', { href: subject.url }, subject.title));
      row.appendChild(th);
      row.appendChild(el('td', {}, scoreText(c.mean)));
      row.appendChild(el('td', {}, c.answered + '/' + c.total));
      row.appendChild(el('td', {}, String(c.na)));
      body.appendChild(row);
    });
  }

  function renderStatements(list, items) {
    list.textContent = '';
    if (!items.length) { list.appendChild(el('li', {}, t('none_yet'))); return; }
    items.forEach(function (s) {
      var li = el('li', { 'data-statement': s.id });
      li.appendChild(el('span', { 'class': 'reflect__list-text' }, s.text));
      li.appendChild(el('span', { 'class': 'reflect__list-meta' },
                        data.subjects[s.subject].title + ': ' + answerLabel(state.answers[s.id])));
      list.appendChild(li);
    });
  }

  function renderSuggestions(counts) {
    var box = document.getElementById('reflect-suggestions');
    box.textContent = '';
    var weakest = counts.map(function (c, s) { return { c: c, s: s }; })
      .filter(function (x) { return x.c.mean !== null; })
      .sort(function (a, b) { return a.c.mean - b.c.mean || a.s - b.s; })
      .slice(0, data.weakest);
    if (!weakest.length) { box.appendChild(el('p', {}, t('none_yet'))); return; }
    weakest.forEach(function (x) {
      var subject = data.subjects[x.s];
      var section = el('section', { 'class': 'reflect__suggestion', 'data-subject': subject.id,
                                    'aria-labelledby': 'reflect-next-' + subject.id });
      var h = el('h4', { id: 'reflect-next-' + subject.id });
      h.appendChild(el('a', { href: subject.url }, subject.title));
      h.appendChild(document.createTextNode(' (' + scoreText(x.c.mean) + ')'));
      section.appendChild(h);
      subject.related.forEach(function (group) {
        section.appendChild(el('p', { 'class': 'reflect__group' }, group.label));
        var ul = el('ul', { 'data-type': group.type });
        group.items.forEach(function (item) {
          var li = el('li');
          li.appendChild(el('a', { href: item.url }, item.title));
          ul.appendChild(li);
        });
        section.appendChild(ul);
      });
      box.appendChild(section);
    });
  }

  function renderResult() {
    var counts = data.subjects.map(function (s, i) { return countFor(i); });
    var na = counts.reduce(function (a, c) { return a + c.na; }, 0);
    document.getElementById('reflect-result-summary').textContent =
      t('result_summary', { n: answeredTotal(), total: statements.length, na: na, na_label: data.not_applicable });
    var chart = document.getElementById('reflect-chart');
    chart.textContent = '';
    chart.appendChild(renderChart(counts));
    renderTable(counts);
    var scored = statements.filter(function (s) { var v = state.answers[s.id]; return v && v !== 'na'; });
    var high = scored.slice().sort(function (a, b) {
      return Number(state.answers[b.id]) - Number(state.answers[a.id]) || a.order - b.order;
    }).slice(0, data.highlights);
    var taken = {};
    high.forEach(function (s) { taken[s.id] = true; });
    var low = scored.slice().sort(function (a, b) {
      return Number(state.answers[a.id]) - Number(state.answers[b.id]) || a.order - b.order;
    }).filter(function (s) { return !taken[s.id]; }).slice(0, data.highlights);
    renderStatements(document.getElementById('reflect-strongest'), high);
    renderStatements(document.getElementById('reflect-weakest'), low);
    renderSuggestions(counts);
    if (window.kapstokFixLinks) window.kapstokFixLinks(result);
  }

  // ---- Export, import, clear -----------------------------------------
  function exportAnswers() {
    var payload = { format: 'kapstok-reflectie', version: 1, reflection: data.title, answers: state.answers };
    var blob = new Blob([JSON.stringify(payload, null, 2) + '\n'], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = el('a', { href: url, download: data.slug + '.json' });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say(t('exported', { file: data.slug + '.json' }));
  }

  function importText(text) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    if (!parsed || parsed.format !== 'kapstok-reflectie' || typeof parsed.answers !== 'object') {
      say(t('import_error'));
      return;
    }
    state.answers = cleanAnswers(parsed.answers);
    applyAnswers();
    save();
    go(state.step, false);
    say(t('imported', { n: Object.keys(state.answers).length }));
  }

  function clearAll() {
    if (!window.confirm(t('clear_confirm'))) return;
    state.answers = {};
    applyAnswers();
    go(1, true);
    if (storage) storage.removeItem(data.storage_key);  // go() saved an empty state
    say(t('cleared'));
  }

  // ---- Wiring --------------------------------------------------------
  form.addEventListener('change', function (e) {
    var input = e.target;
    if (!input || input.type !== 'radio' || !byId[input.name] || !validAnswer(input.value)) return;
    state.answers[input.name] = input.value;
    save();
    updateProgress();
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  app.addEventListener('click', function (e) {
    var target = e.target.closest ? e.target.closest('button') : null;
    if (!target) return;
    var step = typeof state.step === 'number' ? state.step : stepCount;
    var gotoStep = target.getAttribute('data-goto');
    if (gotoStep) go(gotoStep === 'result' ? 'result' : Number(gotoStep), true);
    switch (target.getAttribute('data-action')) {
      case 'previous': if (step > 1) go(step - 1, true); break;
      case 'next': go(step < stepCount ? step + 1 : 'result', true); break;
      case 'back': go(lastStep, true); break;
      case 'print': renderResult(); window.print(); break;
      case 'export': exportAnswers(); break;
      case 'clear': clearAll(); break;
    }
  });
  document.getElementById('reflect-import').addEventListener('change', function (e) {
    var file = e.target.files && e.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { importText(String(reader.result)); e.target.value = ''; };
    reader.onerror = function () { say(t('import_error')); e.target.value = ''; };
    reader.readAsText(file);
  });
  window.addEventListener('beforeprint', renderResult);

  // "#stap-<subject id>" opens that step (a link from a subject's page).
  function stepFromHash() {
    var m = /^#stap-(.+)$/.exec(window.location.hash);
    if (!m) return null;
    for (var s = 0; s < stepCount; s++)
      if (data.subjects[s].id === decodeURIComponent(m[1])) return s + 1;
    return null;
  }

  load();
  document.getElementById('reflect-static').hidden = true;
  app.hidden = false;
  applyAnswers();
  var linked = stepFromHash();
  go(linked || state.step, !!linked);
  window.addEventListener('hashchange', function () {
    var step = stepFromHash();
    if (step) go(step, true);
  });
  if (!storage) say(t('storage_unavailable'));
}());
