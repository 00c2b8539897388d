/* Kapstok search client: vanilla JS, no framework, no fetch, no modules.
   The index (written by src/search/search_index.cc) is a set of classic
   scripts under <root>search/ that call __kapstokSearch.add(name, data); they
   are inserted as <script src> on demand, so search works over http(s) and
   from file://. Query words are normalised exactly as at build time: the
   tables come from the manifest and the Dutch stemmer below is a port of
   Snowball 2.2 "dutch" plus the repairs in src/search/normalize.cc
   (tests/search/parity_test.mjs proves both agree on every indexed word).

   Parts: 1. normaliser, 2. index loader, 3. query engine, 4. excerpts,
   5. header combobox, 6. search page. In Node (tests) it exports 1-4. */
(function () {
  'use strict';

  /* ---------------------------------------------------------------- 1. */

  var VOWELS = 'aeiouy\u00e8';
  function isVowel(c) { return c !== undefined && c !== '' && VOWELS.indexOf(c) >= 0; }
  function isConsonant(c) { return c >= 'a' && c <= 'z' && 'aeiouy'.indexOf(c) < 0; }
  function endsWith(s, e) { return s.length >= e.length && s.slice(s.length - e.length) === e; }
  function endsWithAny(s, list) {
    for (var i = 0; i < list.length; i++) if (endsWith(s, list[i])) return true;
    return false;
  }

  // Snowball 2.2 "dutch" (dutch.sbl), for words that are already folded.
  function snowballDutch(word) {
    var w = Array.from(word);
    if (w[0] === 'y') w[0] = 'Y';
    for (var i = 0; i < w.length; i++) {
      if (!isVowel(w[i])) continue;
      if (w[i + 1] === 'i' && isVowel(w[i + 2])) w[i + 1] = 'I';
      else if (w[i + 1] === 'y') w[i + 1] = 'Y';
    }
    var n = w.length, p1 = n, p2 = n, j = 0;
    while (j < n && !isVowel(w[j])) j++;
    if (j < n) {
      j++;
      while (j < n && isVowel(w[j])) j++;
      if (j < n) {
        p1 = j + 1;
        var k = j + 1;
        while (k < n && !isVowel(w[k])) k++;
        if (k < n) {
          k++;
          while (k < n && isVowel(w[k])) k++;
          if (k < n) p2 = k + 1;
        }
        if (p1 < 3) p1 = 3;
      }
    }
    var s = w.join('');
    // Work on code units below: every character that matters is ASCII.
    var eFound = false;
    function r1(pos) { return p1 <= pos; }
    function r2(pos) { return p2 <= pos; }
    function undouble() {
      if (endsWith(s, 'kk') || endsWith(s, 'dd') || endsWith(s, 'tt')) s = s.slice(0, -1);
    }
    function enEnding(bra) {  // the suffix "en"/"ene" starts at bra
      if (!r1(bra) || bra < 1 || isVowel(s[bra - 1]) || endsWith(s.slice(0, bra), 'gem')) return false;
      s = s.slice(0, bra);
      undouble();
      return true;
    }
    function eEnding() {
      eFound = false;
      var bra = s.length - 1;
      if (!endsWith(s, 'e') || !r1(bra) || bra < 1 || isVowel(s[bra - 1])) return;
      s = s.slice(0, bra);
      eFound = true;
      undouble();
    }
    // Step 1.
    var bra;
    if (endsWith(s, 'heden')) {
      bra = s.length - 5;
      if (r1(bra)) s = s.slice(0, bra) + 'heid';
    } else if (endsWith(s, 'ene') || endsWith(s, 'en')) {
      enEnding(s.length - (endsWith(s, 'ene') ? 3 : 2));
    } else if (endsWith(s, 'se') || endsWith(s, 's')) {
      bra = s.length - (endsWith(s, 'se') ? 2 : 1);
      var c = s[bra - 1];
      if (r1(bra) && bra >= 1 && !isVowel(c) && c !== 'j') s = s.slice(0, bra);
    }
    // Step 2.
    eEnding();
    // Step 3a.
    if (endsWith(s, 'heid')) {
      bra = s.length - 4;
      if (r2(bra) && s[bra - 1] !== 'c') {
        s = s.slice(0, bra);
        if (endsWith(s, 'en')) enEnding(s.length - 2);
      }
    }
    // Step 3b.
    if (endsWith(s, 'end') || endsWith(s, 'ing')) {
      bra = s.length - 3;
      if (r2(bra)) {
        s = s.slice(0, bra);
        var igBra = s.length - 2;
        if (endsWith(s, 'ig') && r2(igBra) && s[igBra - 1] !== 'e') s = s.slice(0, igBra);
        else undouble();
      }
    } else if (endsWith(s, 'ig')) {
      bra = s.length - 2;
      if (r2(bra) && s[bra - 1] !== 'e') s = s.slice(0, bra);
    } else if (endsWith(s, 'lijk')) {
      bra = s.length - 4;
      if (r2(bra)) { s = s.slice(0, bra); eEnding(); }
    } else if (endsWith(s, 'baar')) {
      bra = s.length - 4;
      if (r2(bra)) s = s.slice(0, bra);
    } else if (endsWith(s, 'bar')) {
      bra = s.length - 3;
      if (r2(bra) && eFound) s = s.slice(0, bra);
    }
    // Step 4: undouble a vowel ("vraag" -> "vrag").
    var m = s.length;
    if (m >= 4) {
      var last = s[m - 1], v1 = s[m - 3], v2 = s[m - 2], before = s[m - 4];
      if (!isVowel(last) && last !== 'I' && v1 === v2 && 'aeou'.indexOf(v1) >= 0 && !isVowel(before)) {
        s = s.slice(0, m - 2) + last;
      }
    }
    return s.replace(/Y/g, 'y').replace(/I/g, 'i');
  }

  function makeNormalizer(tables) {
    var ranges = tables.ranges, fold = tables.fold;
    var stop = new Set(tables.stop), exceptions = tables.exceptions;
    var tBlock = tables.tBlock, tAllow = tables.tAllow, keepT = tables.keepT, keepS = tables.keepS;
    var dutch = tables.stemmer === 'dutch';

    function isWordChar(cp) {
      for (var i = 0; i < ranges.length; i++) {
        if (cp < ranges[i][0]) return false;
        if (cp <= ranges[i][1]) return true;
      }
      return false;
    }
    function lowerKeepAccent(cp) {
      if (cp >= 65 && cp <= 90) return cp + 32;
      if (cp >= 0xC0 && cp <= 0xDE && cp !== 0xD7) return cp + 32;
      return cp;
    }
    function foldCodePoint(cp) {
      if (cp < 0x80) return String.fromCharCode(cp >= 65 && cp <= 90 ? cp + 32 : cp);
      var f = fold[cp];
      return f !== undefined ? f : String.fromCodePoint(cp);
    }
    function foldWord(word) {
      var out = '';
      for (var ch of word) out += foldCodePoint(ch.codePointAt(0));
      return out;
    }
    // Words of `text`: {folded, lower, begin, end} with UTF-16 offsets.
    function tokenize(text) {
      var tokens = [], cur = null, i = 0;
      for (var ch of text) {
        var cp = ch.codePointAt(0);
        if (isWordChar(cp)) {
          if (!cur) cur = { folded: '', lower: '', begin: i, end: i };
          cur.folded += foldCodePoint(cp);
          cur.lower += String.fromCodePoint(lowerKeepAccent(cp));
          cur.end = i + ch.length;
        } else if (cur) {
          if (cur.folded) tokens.push(cur);
          cur = null;
        }
        i += ch.length;
      }
      if (cur && cur.folded) tokens.push(cur);
      return tokens;
    }
    function tRule(w) {
      var n = w.length;
      if (n < 4 || w[n - 1] !== 't' || endsWithAny(w, keepT)) return w;
      var cut = w.slice(0, n - 1);
      if (endsWith(w, 'dt') || endsWithAny(w, tAllow)) return cut;
      if (endsWithAny(w, tBlock)) return w;
      var before = w[n - 2];
      if (isConsonant(before) && before !== 't') return cut;
      if (endsWith(w, 'oeit') || endsWith(w, 'aait')) return cut;
      return w;
    }
    function pluralRule(w) {
      var n = w.length;
      if (endsWithAny(w, keepS)) return w;
      if (n >= 5 && endsWith(w, 'ies')) return w.slice(0, n - 1);
      if (n >= 6 && endsWith(w, 'es') && isConsonant(w[n - 3])) return w.slice(0, n - 1);
      if (n >= 6 && (endsWith(w, 'eeen') || endsWith(w, 'ieen'))) return w.slice(0, n - 2);
      if (n >= 6 && endsWith(w, 'sen') && isConsonant(w[n - 4])) return w.slice(0, n - 2);
      return w;
    }
    function repair(s) {
      var n = s.length;
      if (n >= 3 && s[n - 1] === s[n - 2] && isConsonant(s[n - 1])) { s = s.slice(0, -1); n--; }
      if (n >= 4 && isConsonant(s[n - 1]) && s[n - 2] === s[n - 3] && 'aeou'.indexOf(s[n - 2]) >= 0) {
        s = s.slice(0, n - 2) + s[n - 1];
        n--;
      }
      if (n >= 3 && s[n - 1] === 'v') s = s.slice(0, -1) + 'f';
      if (n >= 3 && s[n - 1] === 'z') s = s.slice(0, -1) + 's';
      return s;
    }
    function beforeStem(folded) {
      if (!dutch) return folded;
      if (Object.prototype.hasOwnProperty.call(exceptions, folded)) return exceptions[folded];
      return pluralRule(tRule(folded));
    }
    function term(folded) {
      return dutch ? repair(snowballDutch(beforeStem(folded))) : folded;
    }
    return {
      tokenize: tokenize,
      foldWord: foldWord,
      isStopWord: function (folded) { return stop.has(folded); },
      beforeStem: beforeStem,
      term: term
    };
  }

  /* ---------------------------------------------------------------- 2. */

  // Loads index files by name ("manifest", "c/003") through `loadScript`,
  // which must make the file call registry.add(name, data).
  function makeRegistry(loadScript) {
    var data = Object.create(null), waiting = Object.create(null);
    return {
      add: function (name, value) {
        data[name] = value;
        if (waiting[name]) { waiting[name].resolve(value); }
      },
      get: function (name) { return data[name]; },
      load: function (name) {
        if (name in data) return Promise.resolve(data[name]);
        if (!waiting[name]) {
          var entry = {};
          entry.promise = new Promise(function (resolve, reject) {
            entry.resolve = resolve;
            entry.reject = reject;
          });
          waiting[name] = entry;
          loadScript(name, function (error) {
            if (!(name in data)) {
              delete waiting[name];
              entry.reject(error || new Error('search index file missing: ' + name));
            }
          });
        }
        return waiting[name].promise;
      }
    };
  }

  function decodeVarints(s) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS[s.charCodeAt(i)];
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) shift += 5;
      else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }
  var DIGITS = (function () {
    var a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', t = [];
    for (var i = 0; i < a.length; i++) t[a.charCodeAt(i)] = i;
    return t;
  }());

  // Postings "delta section score..." -> [{page, section, score}].
  function decodePostings(s) {
    var v = [], page = 0, value = 0, shift = 0, field = 0, section = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS[s.charCodeAt(i)];
      if (field === 2) {
        v.push({ page: page, section: section, score: d });
        field = 0;
        continue;
      }
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; continue; }
      if (field === 0) page += value; else section = value;
      field++;
      value = 0;
      shift = 0;
    }
    return v;
  }

  /* ---------------------------------------------------------------- 3. */

  var PREFIX_WEIGHT = 0.8, STEM_PREFIX_WEIGHT = 0.9, TYPO_WEIGHT = 0.5;
  var SPELLING_BONUS = 1.25, OTHER_SECTIONS = 0.25, MAX_EXPANSIONS = 40;

  // Damerau-Levenshtein distance capped at 2.
  function editDistance(a, b) {
    if (Math.abs(a.length - b.length) > 1) return 2;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      var cur = [i], rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > 1) return 2;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function Engine(registry) {
    this.registry = registry;
    this.manifest = null;
    this.norm = null;
    this.chunks = Object.create(null);
  }

  Engine.prototype.ready = function () {
    var self = this;
    if (this.norm) return Promise.resolve(this);
    return this.registry.load('manifest').then(function (m) {
      self.manifest = m;
      self.norm = makeNormalizer(m.norm);
      return self;
    });
  };

  // Query words: [{folded, lower, term, prefix}] without stop words (unless
  // the query has nothing else).
  Engine.prototype.parse = function (query) {
    var norm = this.norm, tokens = norm.tokenize(query);
    var typing = !/\s$/.test(query);
    var words = tokens.map(function (t, i) {
      return { folded: t.folded, lower: t.lower, term: norm.term(t.folded),
               prefix: typing && i === tokens.length - 1, stop: norm.isStopWord(t.folded) };
    });
    var content = words.filter(function (w) { return !w.stop; });
    return content.length ? content : [];
  };

  function chunkIndex(firsts, x) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= x) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function chunkName(i) { return 'c/' + ('00' + i).slice(-Math.max(3, String(i).length)); }

  // The chunks one word needs (sets w.chunks): those holding its term and
  // its folded form, the terms it is a prefix of (while typing, at most 2
  // chunks) and, for words of 5+ letters, the terms sharing its first four
  // letters (typo candidates, at most 2 chunks). So a typo in the first four
  // letters is not found. Returns all names.
  Engine.prototype.chunkNames = function (words) {
    var firsts = this.manifest.chunks, all = {};
    if (!firsts.length) return [];
    words.forEach(function (w) {
      var names = {};
      function add(i) { names[chunkName(i)] = all[chunkName(i)] = true; }
      function range(lo, hi, cap) {
        var a = chunkIndex(firsts, lo), b = chunkIndex(firsts, hi);
        for (var i = a; i <= Math.min(b, a + cap - 1); i++) add(i);
      }
      add(chunkIndex(firsts, w.term));
      add(chunkIndex(firsts, w.folded));
      if (w.prefix) range(w.folded, w.folded + '\uffff', 2);
      if (w.folded.length >= 5) range(w.folded.slice(0, 4), w.folded.slice(0, 4) + '\uffff', 2);
      w.chunks = Object.keys(names).sort();
    });
    return Object.keys(all).sort();
  };

  Engine.prototype.loadChunks = function (names) {
    var self = this;
    return Promise.all(names.map(function (name) {
      return self.registry.load(name).then(function (rows) {
        if (!self.chunks[name]) {
          var map = new Map();
          rows.forEach(function (r) { map.set(r[0], r); });
          self.chunks[name] = map;
        }
      });
    }));
  };

  // Candidate terms of one word: [{term, row, weight}].
  Engine.prototype.candidates = function (w) {
    var out = [], seen = new Set(), self = this, prefixes = [], typos = [];
    function push(term, row, weight) {
      if (seen.has(term)) return;
      seen.add(term);
      out.push({ term: term, row: row, weight: weight });
    }
    (w.chunks || []).forEach(function (name) {
      if (!self.chunks[name]) return;
      self.chunks[name].forEach(function (row, term) {
        if (term === w.term) push(term, row, 1);
        else if (w.prefix && w.folded.length >= 2 && term.indexOf(w.folded) === 0) prefixes.push(row);
        else if (w.prefix && term.length >= 4 && w.folded.indexOf(term) === 0 &&
                 w.folded.length - term.length <= 3) push(term, row, STEM_PREFIX_WEIGHT);
        else if (w.folded.length >= 5 && term.length >= 4 &&
                 ((w.term.length >= 5 && editDistance(term, w.term) === 1) ||
                  editDistance(term, w.folded) === 1)) typos.push(row);
      });
    });
    prefixes.sort(function (a, b) { return b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1); });
    prefixes.slice(0, MAX_EXPANSIONS).forEach(function (r) { push(r[0], r, PREFIX_WEIGHT); });
    typos.sort(function (a, b) { return b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1); });
    typos.slice(0, MAX_EXPANSIONS).forEach(function (r) { push(r[0], r, TYPO_WEIGHT); });
    return out;
  };

  // Per word: Map(page -> Map(section -> score)).
  Engine.prototype.scoreWord = function (w) {
    var n = this.manifest.pages, k1 = this.manifest.k1, max = this.manifest.maxScore;
    var pages = new Map(), terms = [];
    this.candidates(w).forEach(function (c) {
      var postings = decodePostings(c.row[1]);
      var df = 0, last = -1;
      postings.forEach(function (p) { if (p.page !== last) { df++; last = p.page; } });
      var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      var exact = null, accented = null;
      if (c.row[2]) {
        accented = new Set();
        Object.keys(c.row[2]).forEach(function (spelling) {
          var set = new Set(), page = 0;
          decodeVarints(c.row[2][spelling]).forEach(function (d) { page += d; set.add(page); accented.add(page); });
          if (spelling === w.lower) exact = set;
        });
      }
      var typedPlain = w.lower === w.folded;
      terms.push(c.term);
      postings.forEach(function (p) {
        var s = c.weight * idf * (k1 + 1) * p.score / max;
        var spelledAsTyped = typedPlain ? !(accented && accented.has(p.page)) : !!(exact && exact.has(p.page));
        if (spelledAsTyped && c.weight === 1) s *= SPELLING_BONUS;
        var sections = pages.get(p.page);
        if (!sections) { sections = new Map(); pages.set(p.page, sections); }
        if (!(sections.get(p.section) >= s)) sections.set(p.section, s);
      });
    });
    return { pages: pages, terms: terms };
  };

  // Ranks pages for `query`. Resolves to {words, results: [{page, score,
  // section, matched}], partial, terms} (partial: no page has every word).
  // With `withFacets` the facet bits (f.js) load in the same round as the
  // chunks; the header box does without them.
  Engine.prototype.search = function (query, withFacets) {
    var self = this;
    return this.ready().then(function () {
      var words = self.parse(query);
      if (!words.length) return { words: [], results: [], partial: false, terms: [] };
      return Promise.all([self.loadChunks(self.chunkNames(words)),
                          withFacets ? self.registry.load('f') : null])
        .then(function (loaded) {
          if (loaded[1]) self.facetData = loaded[1];
          return self.rank(words);
        });
    });
  };

  Engine.prototype.rank = function (words) {
    var perWord = words.map(this.scoreWord, this);
    var totals = new Map();
    perWord.forEach(function (wr) {
      wr.pages.forEach(function (sections, page) {
        var t = totals.get(page);
        if (!t) { t = { page: page, score: 0, matched: 0, sections: new Map() }; totals.set(page, t); }
        var best = 0, sum = 0;
        sections.forEach(function (s, sec) {
          best = Math.max(best, s);
          sum += s;
          t.sections.set(sec, (t.sections.get(sec) || 0) + s);
        });
        t.score += best + OTHER_SECTIONS * (sum - best);
        t.matched++;
      });
    });
    var all = Array.from(totals.values());
    var full = all.filter(function (t) { return t.matched === words.length; });
    var partial = full.length === 0 && all.length > 0;
    var results = (partial ? all : full).map(function (t) {
      var bestSection = 0, bestScore = -1;
      Array.from(t.sections.keys()).sort(function (a, b) { return a - b; }).forEach(function (sec) {
        if (t.sections.get(sec) > bestScore) { bestScore = t.sections.get(sec); bestSection = sec; }
      });
      return { page: t.page, score: t.score, matched: t.matched, section: bestSection };
    });
    results.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.page - b.page;
    });
    var terms = [];
    perWord.forEach(function (wr) { terms = terms.concat(wr.terms); });
    return { words: words, results: results, partial: partial, terms: terms };
  };

  // Facet groups: [{name, offset, values: [label]}]; group 0 is the type.
  Engine.prototype.facetGroups = function () {
    var m = this.manifest, groups = [], offset = m.types.length;
    groups.push({ name: null, offset: 0, values: m.types.map(function (t) { return t[1]; }) });
    m.facets.forEach(function (f) {
      groups.push({ name: f.name, offset: offset, values: f.values });
      offset += f.values.length;
    });
    return groups;
  };

  Engine.prototype.hasBit = function (page, bit) {
    var f = this.facetData, c = f.bits.charCodeAt(page * f.width + Math.floor(bit / 6));
    return (DIGITS[c] >> (bit % 6)) & 1;
  };

  // Applies `selected` (array per group of value-index arrays; OR within a
  // group, AND across groups). Returns {results, counts: per group per value}.
  Engine.prototype.filter = function (results, selected) {
    var self = this, groups = this.facetGroups();
    function passes(page, except) {
      for (var g = 0; g < groups.length; g++) {
        var sel = selected[g];
        if (g === except || !sel || !sel.length) continue;
        var ok = false;
        for (var i = 0; i < sel.length && !ok; i++) ok = self.hasBit(page, groups[g].offset + sel[i]);
        if (!ok) return false;
      }
      return true;
    }
    var counts = groups.map(function (g, gi) {
      return g.values.map(function (_, vi) {
        var n = 0;
        results.forEach(function (r) {
          if (self.hasBit(r.page, g.offset + vi) && passes(r.page, gi)) n++;
        });
        return n;
      });
    });
    return { results: results.filter(function (r) { return passes(r.page, -1); }), counts: counts };
  };

  // Document records for pages: {url, title, type, typeLabel, summary, sections}.
  Engine.prototype.documents = function (pages) {
    var self = this, per = this.manifest.documentsPerFile, files = {};
    pages.forEach(function (p) { files[Math.floor(p / per)] = true; });
    var names = Object.keys(files).map(function (i) { return 'd/' + ('00' + i).slice(-Math.max(3, String(i).length)); });
    return Promise.all(names.map(function (n) { return self.registry.load(n); })).then(function () {
      return pages.map(function (p) {
        var i = Math.floor(p / per);
        var file = self.registry.get('d/' + ('00' + i).slice(-Math.max(3, String(i).length)));
        var d = file[p - i * per];
        var type = self.manifest.types[d[2]] || ['', ''];
        return { page: p, url: d[0], title: d[1], type: type[0], typeLabel: type[1], summary: d[3],
                 sections: d[4].map(function (s) { return { heading: s[0], anchor: s[1], text: s[2] }; }) };
      });
    });
  };

  /* ---------------------------------------------------------------- 4. */

  var EXCERPT_WORDS = 28;

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // HTML excerpt of `text` around the densest run of query matches, with
  // <mark> around matched words. `terms` are index terms; `words` the query.
  function excerpt(norm, text, terms, words) {
    var tokens = norm.tokenize(text), termSet = new Set(terms), hits = [];
    var heads = terms.filter(function (t) { return t.length >= 4; });
    tokens.forEach(function (t, i) {
      var term = norm.term(t.folded), hit = termSet.has(term);
      // A compound matched through its head ("zorgcoördinatie").
      for (var h = 0; !hit && h < heads.length; h++) hit = endsWith(term, heads[h]);
      for (var j = 0; !hit && j < words.length; j++) {
        if (words[j].prefix && words[j].folded.length >= 2 && t.folded.indexOf(words[j].folded) === 0) hit = true;
      }
      if (hit) hits.push(i);
    });
    var start = 0, best = -1;
    for (var a = 0; a < hits.length; a++) {
      var count = 0;
      for (var b = a; b < hits.length && hits[b] < hits[a] + EXCERPT_WORDS; b++) count++;
      if (count > best) { best = count; start = Math.max(0, hits[a] - 4); }
    }
    var end = Math.min(tokens.length, start + EXCERPT_WORDS);
    if (!tokens.length) return { html: escapeHtml(text.slice(0, 200)), hits: 0 };
    var from = start > 0 ? tokens[start].begin : 0, to = end < tokens.length ? tokens[end - 1].end : text.length;
    var html = start > 0 ? '\u2026 ' : '', pos = from, hitSet = new Set(hits), shown = 0;
    for (var i = start; i < end; i++) {
      if (!hitSet.has(i)) continue;
      html += escapeHtml(text.slice(pos, tokens[i].begin)) + '<mark>' +
              escapeHtml(text.slice(tokens[i].begin, tokens[i].end)) + '</mark>';
      pos = tokens[i].end;
      shown++;
    }
    html += escapeHtml(text.slice(pos, to)) + (end < tokens.length ? ' \u2026' : '');
    return { html: html, hits: shown };
  }

  var api = { snowballDutch: snowballDutch, makeNormalizer: makeNormalizer, makeRegistry: makeRegistry,
              decodePostings: decodePostings, decodeVarints: decodeVarints, editDistance: editDistance,
              Engine: Engine, excerpt: excerpt, escapeHtml: escapeHtml };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof window === 'undefined' || typeof document === 'undefined') return;

  /* ------------------------------------------------ browser: shared state */

  var ROOT = document.documentElement.getAttribute('data-root') || '';
  var FILE = location.protocol === 'file:';
  var registry = makeRegistry(function (name, done) {
    var script = document.createElement('script');
    script.src = ROOT + 'search/' + name + '.js';
    script.async = true;
    script.onload = function () { done(); };
    script.onerror = function () { done(new Error('cannot load ' + script.src)); };
    document.head.appendChild(script);
  });
  window.__kapstokSearch = registry;
  var engine = new Engine(registry);

  function pageHref(url, anchor) {
    var path = url;
    if (FILE && (path === '' || endsWith(path, '/'))) path += 'index.html';
    return ROOT + path + (anchor ? '#' + encodeURIComponent(anchor) : '');
  }
  function searchPageHref(q) {
    return ROOT + 'zoeken/' + (FILE ? 'index.html' : '') + (q ? '?q=' + encodeURIComponent(q) : '');
  }
  function format(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (m, k) {
      return values[k] !== undefined ? values[k] : m;
    });
  }
  var uid = 0;
  function nextId(prefix) { uid++; return prefix + uid; }

  // Results with their documents and excerpts for display.
  function present(found, docs) {
    return found.map(function (r, i) {
      var d = docs[i], sec = d.sections[r.section] || { heading: '', anchor: '', text: '' };
      var text = sec.text || d.summary || (d.sections[0] && d.sections[0].text) || '';
      var ex = excerpt(engine.norm, text, lastTerms, lastWords);
      if (!ex.hits && r.section !== 0 && d.sections[0]) {
        ex = excerpt(engine.norm, d.sections[0].text || d.summary || '', lastTerms, lastWords);
      }
      return { href: pageHref(d.url, sec.anchor), title: d.title, typeLabel: d.typeLabel, type: d.type,
               heading: sec.heading, excerpt: ex.html };
    });
  }
  var lastTerms = [], lastWords = [];

  // Politely announces `text` once: after the results settle, and only if
  // it differs from what was announced last.
  function Announcer(region) {
    var timer = null, last = '';
    return {
      say: function (text) {
        clearTimeout(timer);
        timer = setTimeout(function () {
          if (text === last) return;
          last = text;
          region.textContent = text;
        }, 700);
      },
      reset: function () { clearTimeout(timer); last = ''; region.textContent = ''; }
    };
  }

  function countText(strings, n, q) {
    if (n === 0) return format(strings.none, { q: q });
    return format(n === 1 ? strings.one : strings.many, { n: n, q: q });
  }

  /* --------------------------------------------------- 5. header combobox */

  function Combobox(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input) return;
    var strings = form.dataset;
    var list = document.createElement('ul');
    var status = document.createElement('div');
    var hint = document.createElement('p');
    list.id = nextId('ks-listbox-');
    list.className = 'ks-popup';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', strings.listLabel || '');
    list.hidden = true;
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    hint.id = nextId('ks-hint-');
    hint.className = 'visually-hidden';
    hint.textContent = strings.instructions || '';
    form.classList.add('ks-enhanced');
    form.appendChild(list);
    form.appendChild(status);
    form.appendChild(hint);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-describedby', hint.id);
    var announcer = Announcer(status), active = -1, options = [], seq = 0, timer = null;

    function open(show) {
      list.hidden = !show;
      input.setAttribute('aria-expanded', show ? 'true' : 'false');
      if (!show) setActive(-1);
    }
    function setActive(i) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute('aria-selected', 'false');
        options[active].classList.remove('ks-active');
      }
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute('aria-selected', 'true');
        options[i].classList.add('ks-active');
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function option(href, inner, extraClass) {
      var li = document.createElement('li');
      li.id = nextId('ks-option-');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.className = 'ks-option' + (extraClass ? ' ' + extraClass : '');
      li.dataset.href = href;
      li.innerHTML = inner;
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { location.href = href; });
      return li;
    }
    function render(q, items, total) {
      list.textContent = '';
      options = [];
      items.forEach(function (it) {
        options.push(option(it.href,
          '<span class="ks-badge">' + escapeHtml(it.typeLabel) + '</span> ' +
          '<span class="ks-title">' + escapeHtml(it.title) + '</span>' +
          (it.heading ? ' <span class="ks-heading">\u203a ' + escapeHtml(it.heading) + '</span>' : '') +
          '<span class="ks-excerpt">' + it.excerpt + '</span>'));
      });
      if (total === 0) {
        var empty = document.createElement('li');
        empty.className = 'ks-empty-option';
        empty.setAttribute('role', 'presentation');
        empty.textContent = format(strings.none, { q: q });
        list.appendChild(empty);
      } else {
        options.push(option(searchPageHref(q), escapeHtml(format(strings.all, { q: q, n: total })), 'ks-all'));
      }
      options.forEach(function (o) { list.appendChild(o); });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      open(true);
      announcer.say(countText(strings, total, q));
    }
    function update() {
      var q = input.value, mine = ++seq;
      if (!q.trim()) { open(false); announcer.reset(); return; }
      engine.search(q).then(function (found) {
        if (mine !== seq) return null;
        var top = found.results.slice(0, 6);
        return engine.documents(top.map(function (r) { return r.page; })).then(function (docs) {
          if (mine !== seq) return;
          lastTerms = found.terms;
          lastWords = found.words;
          render(q, present(top, docs), found.results.length);
        });
      }).catch(function () {
        if (mine === seq) { list.textContent = ''; announcer.say(strings.unavailable || ''); }
      });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 80);
    });
    input.addEventListener('focus', function () { engine.ready().catch(function () {}); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) { if (options.length) open(true); else update(); return; }
        if (!options.length) return;
        var d = e.key === 'ArrowDown' ? 1 : -1;
        setActive(active < 0 ? (d > 0 ? 0 : options.length - 1) : (active + d + options.length) % options.length);
      } else if (e.key === 'Enter') {
        if (!list.hidden && active >= 0 && options[active]) {
          e.preventDefault();
          location.href = options[active].dataset.href;
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); open(false); } else if (input.value) { input.value = ''; }
      } else if (e.key === 'Home' || e.key === 'End') {
        setActive(-1);
      }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      location.href = searchPageHref(input.value.trim());
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) open(false);
    });
  }

  /* ------------------------------------------------------ 6. search page */

  function SearchPage(page) {
    var form = page.querySelector('form');
    var input = page.querySelector('input[name="q"]');
    var statusEl = page.querySelector('[data-search-status]');
    var resultsEl = page.querySelector('[data-search-results]');
    var facetsEl = page.querySelector('[data-search-facets]');
    // Filters start open on wide screens, folded on phones (results first).
    var facetsBox = page.querySelector('[data-search-facets-box]');
    facetsBox.open = !window.matchMedia || window.matchMedia('(min-width: 48em)').matches;
    var emptyEl = page.querySelector('[data-search-empty]');
    var moreEl = page.querySelector('[data-search-more]');
    var noteEl = page.querySelector('[data-search-note]');
    var strings = page.dataset;
    var announcer = Announcer(statusEl), seq = 0, timer = null;
    var found = null, selected = [], shown = 0, PAGE = 10;
    page.classList.add('ks-enhanced');

    function syncUrl(q) {
      if (!history.replaceState) return;
      var url = location.pathname + (q ? '?q=' + encodeURIComponent(q) : '');
      try { history.replaceState(null, '', url); } catch (e) { /* file:// in some browsers */ }
    }
    // Builds the filters for a new query (values with results); on a change
    // of selection only the counts change, so focus stays where it was.
    var countEls = [];
    function updateCounts(counts) {
      countEls.forEach(function (c) { c.el.textContent = '(' + counts[c.group][c.value] + ')'; });
    }
    function renderFacets(counts) {
      countEls = [];
      facetsEl.textContent = '';
      engine.facetGroups().forEach(function (g, gi) {
        var visible = g.values.map(function (_, vi) { return vi; }).filter(function (vi) {
          return counts[gi][vi] > 0 || (selected[gi] || []).indexOf(vi) >= 0;
        });
        if (!visible.length) return;
        var fs = document.createElement('fieldset');
        var legend = document.createElement('legend');
        legend.textContent = g.name === null ? strings.typeLabel : g.name;
        fs.appendChild(legend);
        visible.forEach(function (vi) {
          var label = document.createElement('label');
          var box = document.createElement('input');
          box.type = 'checkbox';
          box.checked = (selected[gi] || []).indexOf(vi) >= 0;
          box.addEventListener('change', function () {
            var sel = selected[gi] || (selected[gi] = []);
            var at = sel.indexOf(vi);
            if (box.checked && at < 0) sel.push(vi);
            if (!box.checked && at >= 0) sel.splice(at, 1);
            show(true, true);
          });
          var count = document.createElement('span');
          count.className = 'ks-count';
          count.textContent = '(' + counts[gi][vi] + ')';
          countEls.push({ el: count, group: gi, value: vi });
          label.appendChild(box);
          label.appendChild(document.createTextNode(' ' + g.values[vi] + ' '));
          label.appendChild(count);
          fs.appendChild(label);
        });
        facetsEl.appendChild(fs);
      });
      facetsBox.hidden = !facetsEl.children.length;
    }
    function appendResults(list, q, mine) {
      var slice = list.slice(shown, shown + PAGE);
      return engine.documents(slice.map(function (r) { return r.page; })).then(function (docs) {
        if (mine !== seq) return;
        present(slice, docs).forEach(function (it) {
          var li = document.createElement('li');
          li.className = 'ks-result';
          li.innerHTML = '<a class="ks-result__link" href="' + escapeHtml(it.href) + '">' +
            '<span class="ks-badge">' + escapeHtml(it.typeLabel) + '</span> ' +
            '<span class="ks-title">' + escapeHtml(it.title) + '</span></a>' +
            (it.heading ? '<p class="ks-heading">' + escapeHtml(it.heading) + '</p>' : '') +
            '<p class="ks-excerpt">' + it.excerpt + '</p>';
          resultsEl.appendChild(li);
        });
        shown += slice.length;
        moreEl.hidden = shown >= list.length;
      });
    }
    function show(announce, keepFacets) {
      var q = input.value.trim(), mine = seq;
      var filtered = engine.filter(found.results, selected);
      if (keepFacets) updateCounts(filtered.counts); else renderFacets(filtered.counts);
      resultsEl.textContent = '';
      shown = 0;
      noteEl.hidden = !found.partial;
      emptyEl.hidden = filtered.results.length > 0;
      var text = countText(strings, filtered.results.length, q);
      if (announce) announcer.say(text);
      page.querySelector('[data-search-count]').textContent = text;
      return appendResults(filtered.results, q, mine);
    }
    function update() {
      var q = input.value, mine = ++seq;
      syncUrl(q.trim());
      if (!q.trim()) {
        found = null;
        resultsEl.textContent = '';
        facetsEl.textContent = '';
        facetsBox.hidden = true;
        moreEl.hidden = true;
        noteEl.hidden = true;
        emptyEl.hidden = false;
        page.querySelector('[data-search-count]').textContent = '';
        announcer.reset();
        return;
      }
      engine.search(q, true).then(function (f) {
        if (mine !== seq) return;
        found = f;
        lastTerms = f.terms;
        lastWords = f.words;
        show(true);
      }).catch(function () {
        if (mine === seq) announcer.say(strings.unavailable || '');
      });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); update(); });
    moreEl.addEventListener('click', function () {
      appendResults(engine.filter(found.results, selected).results, input.value.trim(), seq);
    });
    var m = /[?&]q=([^&#]*)/.exec(location.search);
    if (m) {
      input.value = decodeURIComponent(m[1].replace(/\+/g, ' '));
      update();
    }
  }

  function init() {
    var boxes = document.querySelectorAll('form[data-search-box]');
    for (var i = 0; i < boxes.length; i++) Combobox(boxes[i]);
    var page = document.querySelector('[data-search-page]');
    if (page) SearchPage(page);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
