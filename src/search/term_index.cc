#include "search/term_index.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "base/parallel.h"
#include "search/string_id_map.h"

namespace kapstok::search {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Field weights as integers: a section's weighted term frequency is a sum
// of these, exact in a uint32_t and in the double BM25 takes.
enum Field { kTitle, kHeading, kBody };
constexpr uint32_t kFieldWeight[] = {4, 2, 1};
static_assert(kTitleWeight == 4.0 && kHeadingWeight == 2.0 && kBodyWeight == 1.0);

// One worker thread's state, kept for the whole build: a Normalizer of its
// own (libstemmer keeps state), the term of every folded word it has seen as
// a worker-local term id (kNone for stop words), and reused buffers.
struct Worker {
  Worker(uint32_t id, const std::string& language) : id(id), normalizer(language) {}

  uint32_t TermOf(std::string_view folded) {
    if (const uint32_t* term = word_terms.Find(folded)) return *term;
    uint32_t term = kNone;
    if (!normalizer.IsStopWord(folded)) {
      std::string t = normalizer.Term(folded);
      auto [id, inserted] = term_ids.Insert(t, static_cast<uint32_t>(terms.size()));
      if (inserted) {
        terms.push_back(std::move(t));
        slot.push_back(kNone);
      }
      term = id;
    }
    word_terms.Insert(folded, term);
    return term;
  }

  const uint32_t id;
  Normalizer normalizer;
  StringIdMap word_terms;          // folded word -> local term id or kNone
  StringIdMap term_ids;            // term -> local term id
  std::vector<std::string> terms;  // local term id -> term
  std::vector<uint32_t> slot;      // local term id -> its entry in the section
  WordScanner scanner;
};

// Hands each concurrent task a Worker; workers are made on demand (at most
// one per thread running at once) and live until the pool is destroyed.
class WorkerPool {
 public:
  explicit WorkerPool(std::string language) : language_(std::move(language)) {}

  Worker* Acquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<Worker>(static_cast<uint32_t>(all_.size()), language_));
      return all_.back().get();
    }
    Worker* w = free_.back();
    free_.pop_back();
    return w;
  }
  void Release(Worker* w) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(w);
  }
  // Only while no task runs.
  const std::vector<std::unique_ptr<Worker>>& all() const { return all_; }

 private:
  const std::string language_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Worker>> all_;
  std::vector<Worker*> free_;
};

// One document's counts in worker-local term ids: per section a run of
// (term, weighted frequency) entries, unique per term, and its length in
// words; plus the distinct accented spellings of the document's terms.
struct DocCounts {
  uint32_t worker = 0;
  struct Entry {
    uint32_t term;
    uint32_t tf;
  };
  std::vector<Entry> entries;
  std::vector<uint32_t> section_end;  // per section: end of its entries
  std::vector<uint32_t> lengths;      // per section
  std::vector<std::pair<uint32_t, std::string>> spellings;  // (term, lower), sorted unique
};

void CountText(std::string_view text, Field field, size_t section_begin, Worker* w,
               DocCounts* out, uint32_t* length) {
  w->scanner.Reset(text);
  while (w->scanner.Next()) {
    const uint32_t term = w->TermOf(w->scanner.folded());
    if (term == kNone) continue;  // stop word
    if (w->scanner.accented()) out->spellings.emplace_back(term, w->scanner.lower());
    // slot[term] may be left from an earlier section or document: it is
    // this section's entry only if it lies in the section and names the term.
    uint32_t& s = w->slot[term];
    if (s == kNone || s < section_begin || s >= out->entries.size() ||
        out->entries[s].term != term) {
      s = static_cast<uint32_t>(out->entries.size());
      out->entries.push_back({term, 0});
    }
    out->entries[s].tf += kFieldWeight[field];
    ++*length;
  }
}

// The counts of every section of `doc` (at least one section). The title
// (and the summary, unless the pipeline put it in the top section) count
// in the first section.
void CountDocument(const Document& doc, Worker* w, DocCounts* out) {
  out->worker = w->id;
  const size_t sections = std::max<size_t>(1, doc.sections.size());
  for (size_t s = 0; s < sections; ++s) {
    const size_t begin = out->entries.size();
    uint32_t length = 0;
    if (s == 0) {
      CountText(doc.title, kTitle, begin, w, out, &length);
      bool in_top = !doc.sections.empty() &&
                    doc.sections[0].Text().find(doc.summary) != std::string::npos;
      if (!in_top) CountText(doc.summary, kBody, begin, w, out, &length);
    }
    if (s < doc.sections.size()) {
      CountText(doc.sections[s].heading, kHeading, begin, w, out, &length);
      CountText(doc.sections[s].Text(), kBody, begin, w, out, &length);
    }
    out->section_end.push_back(static_cast<uint32_t>(out->entries.size()));
    out->lengths.push_back(length);
  }
  auto& sp = out->spellings;
  std::sort(sp.begin(), sp.end());
  sp.erase(std::unique(sp.begin(), sp.end()), sp.end());
}

// The index under construction, in global term ids (assigned in merge
// order, never observed: the result is sorted by term).
struct GlobalIndex {
  uint32_t Intern(std::string_view term) {
    auto [id, inserted] = ids.Insert(term, static_cast<uint32_t>(names.size()));
    if (inserted) {
      names.emplace_back(term);
      postings.emplace_back();
      spellings.emplace_back();
    }
    return id;
  }

  StringIdMap ids;                 // term -> global term id
  std::deque<std::string> names;   // global term id -> term (never moved)
  std::vector<std::vector<Posting>> postings;
  std::vector<std::map<std::string, std::set<uint32_t>>> spellings;
  std::vector<uint32_t> lengths;  // per section, in page order
};

// Maps one document's counts (made by `worker`) to global term ids in place,
// adds its spellings and section lengths to the index as page `page`, and
// counts each term's postings in `postings`. `local` maps the worker's term
// ids to global ones.
void MapToGlobal(DocCounts* d, uint32_t page, const Worker& worker, std::vector<uint32_t>* local,
                 GlobalIndex* index, std::vector<uint32_t>* postings) {
  if (local->size() < worker.terms.size()) local->resize(worker.terms.size(), kNone);
  auto global = [&](uint32_t term) {
    uint32_t& g = (*local)[term];
    if (g == kNone) {
      g = index->Intern(worker.terms[term]);
      if (postings->size() <= g) postings->resize(g + 1, 0);
    }
    return g;
  };
  index->lengths.insert(index->lengths.end(), d->lengths.begin(), d->lengths.end());
  for (DocCounts::Entry& e : d->entries) {
    e.term = global(e.term);
    ++(*postings)[e.term];
  }
  for (const auto& [term, lower] : d->spellings) index->spellings[global(term)][lower].insert(page);
}

template <typename IsTerm, typename IsWord>
bool KnownModifier(std::string_view m, const IsTerm& is_term, const IsWord& is_word) {
  auto known = [&](std::string_view w) { return w.size() >= 3 && (is_word(w) || is_term(w)); };
  if (known(m)) return true;
  if (m.size() > 1 && (m.back() == 's' || m.back() == 'e') && known(m.substr(0, m.size() - 1))) {
    return true;
  }
  return m.size() > 2 && m.ends_with("en") && known(m.substr(0, m.size() - 2));
}

// CompoundHead over any term and word lookup; the result views `term`.
template <typename IsTerm, typename IsWord>
std::string_view HeadOf(std::string_view term, const IsTerm& is_term, const IsWord& is_word) {
  constexpr size_t kMinModifier = 4, kMinHead = 4, kMinUnknownHead = 5;
  std::string_view fallback;
  for (size_t k = kMinModifier; k + kMinHead <= term.size(); ++k) {
    std::string_view head = term.substr(k);
    if (!KnownModifier(term.substr(0, k), is_term, is_word)) continue;
    if (is_term(head)) return head;
    if (fallback.empty() && head.size() >= kMinUnknownHead) fallback = head;
  }
  return fallback;
}

// The head of every compound term as a global term id (kNone for a term
// that is no compound), indexed by global term id and sized to every term,
// heads included. Heads are found among the terms and words before any head
// is interned. A word is any folded word that some worker saw and that is
// no stop word. Also records each compound's head in `out`.
std::vector<uint32_t> FindCompounds(const WorkerPool& pool, GlobalIndex* index, TermIndex* out) {
  auto is_word = [&](std::string_view w) {
    for (const auto& worker : pool.all()) {
      const uint32_t* term = worker->word_terms.Find(w);
      if (term && *term != kNone) return true;
    }
    return false;
  };
  auto is_term = [&](std::string_view t) { return index->ids.Find(t) != nullptr; };
  std::vector<std::pair<uint32_t, std::string_view>> compounds;  // (term, head)
  for (uint32_t t = 0; t < index->names.size(); ++t) {
    std::string_view head = HeadOf(index->names[t], is_term, is_word);
    if (!head.empty()) compounds.emplace_back(t, head);
  }
  std::vector<uint32_t> heads(index->names.size(), kNone);
  for (const auto& [term, head] : compounds) {
    out->compound_heads.emplace(index->names[term], head);
    heads[term] = index->Intern(head);  // `head` views names[term], which a deque keeps in place
  }
  heads.resize(index->names.size(), kNone);
  return heads;
}

// Appends `p` to `list` (sorted by (page, section)), where `p` sorts last
// or has the key of the last posting; then the best score of the two wins.
inline void AppendBest(Posting p, std::vector<Posting>* list) {
  if (!list->empty() && list->back().page == p.page && list->back().section == p.section) {
    list->back().score = std::max<uint32_t>(list->back().score, p.score);
  } else {
    list->push_back(p);
  }
}

// QuantisedBm25 in two steps, for the postings of one section: the length
// normalisation once per section, then the score per weighted frequency.
// Gives exactly QuantisedBm25's results (the same operations in the same
// order).
double Bm25Norm(double length, double avg_length) {
  return kBm25K1 * (1 - kBm25B + kBm25B * (avg_length > 0 ? length / avg_length : 1));
}
uint32_t Bm25Score(double tf, double k1_norm) {
  if (tf <= 0) return 0;
  double value = tf * (kBm25K1 + 1) / (tf + k1_norm);  // in (0, k1 + 1)
  // lround without the libm call: for 0 <= x < 2^52, floor(x + 0.5) is
  // lround(x) but for x = 0.5 - 2^-54, where it gives 1 instead of 0 (the
  // clamp below makes both 1). value > 0, so the cast floors.
  int q = static_cast<int>(value / (kBm25K1 + 1) * kMaxScore + 0.5);
  return std::clamp(q, 1, kMaxScore);
}

// Appends the postings of one document (in global term ids) as page `page`,
// scored with BM25 against the average section length `avg`, and lists
// every compound's posting also under its head (heads[term]) at
// kCompoundFactor of its score; a head's own posting counts as it was (a
// head can itself be a compound: only own postings pass to a head). Pages
// arrive in order and a section's entries all at once, so every list stays
// sorted by (page, section), and the postings a head gets for one section
// (its own and its compounds') meet at the end of its list, where the best
// score wins. `is_head[term]` says whether any compound has that head (only
// a head's list can already hold a posting of the section).
void AddPostings(const DocCounts& d, uint32_t page, double avg,
                 const std::vector<uint32_t>& heads, const std::vector<char>& is_head,
                 GlobalIndex* index) {
  static_assert(kCompoundFactor == 0.5);  // lround(score * 0.5) == (score + 1) / 2
  size_t e = 0;
  for (uint32_t s = 0; s < d.section_end.size(); ++s) {
    const double k1_norm = Bm25Norm(d.lengths[s], avg);
    const uint32_t once = Bm25Score(1, k1_norm);  // the usual weighted frequency
    // Never clamped in practice: a section is the top one, a field's or a
    // heading's, each at least 2 bytes of its content file, and content files
    // are capped at kMaxContentFileBytes (8 MiB, content/front_matter.h), so
    // a page has fewer than 4 Mi sections. Were it clamped, sections would
    // share an id and the postings would no longer be unique per (page,
    // section), which AppendBest relies on.
    assert(s < kMaxSections);
    const uint32_t section = std::min(s, kMaxSections - 1);
    for (; e < d.section_end[s]; ++e) {
      const uint32_t term = d.entries[e].term;
      const uint32_t tf = d.entries[e].tf;
      const uint32_t score = tf == 1 ? once : Bm25Score(tf, k1_norm);
      if (is_head[term]) {
        AppendBest({page, section, score}, &index->postings[term]);
      } else {
        index->postings[term].push_back({page, section, score});
      }
      if (const uint32_t head = heads[term]; head != kNone) {
        AppendBest({page, section, std::max(1u, (score + 1u) / 2)}, &index->postings[head]);
      }
    }
  }
}

// Counts every document in parallel, then merges them in document order,
// so postings come out sorted: first to global term ids (counting each
// term's postings, so every list is allocated once, and every section's
// length), then the compounds are found, then the postings with their BM25
// scores, compounds' also under their heads.
void CountTerms(const std::vector<Document>& docs, WorkerPool* pool, GlobalIndex* index,
                TermIndex* out) {
  std::vector<DocCounts> counts(docs.size());
  ParallelFor(docs.size(), [&](size_t i) {
    Worker* w = pool->Acquire();
    CountDocument(docs[i], w, &counts[i]);
    pool->Release(w);
  });
  std::vector<std::vector<uint32_t>> local(pool->all().size());  // per worker
  std::vector<uint32_t> postings;                                 // per global term
  for (size_t i = 0; i < docs.size(); ++i) {
    const uint32_t w = counts[i].worker;
    MapToGlobal(&counts[i], static_cast<uint32_t>(i), *pool->all()[w], &local[w], index,
                &postings);
  }
  const std::vector<uint32_t> heads = FindCompounds(*pool, index, out);
  postings.resize(index->names.size(), 0);
  std::vector<uint32_t> room = postings;  // at most: own postings and every compound's
  std::vector<char> is_head(heads.size(), 0);
  for (uint32_t t = 0; t < heads.size(); ++t) {
    if (heads[t] == kNone) continue;
    room[heads[t]] += postings[t];
    is_head[heads[t]] = 1;
  }
  for (uint32_t g = 0; g < room.size(); ++g) index->postings[g].reserve(room[g]);
  double total = 0;
  for (uint32_t length : index->lengths) total += length;
  const double avg = index->lengths.empty() ? 0 : total / index->lengths.size();
  for (size_t i = 0; i < docs.size(); ++i) {
    AddPostings(counts[i], static_cast<uint32_t>(i), avg, heads, is_head, index);
    counts[i] = DocCounts();  // frees its memory as the postings grow
  }
}

}  // namespace

int QuantisedBm25(double tf, double length, double avg_length) {
  return static_cast<int>(Bm25Score(tf, Bm25Norm(length, avg_length)));
}

std::string CompoundHead(const std::string& term, const std::set<std::string>& terms,
                         const std::set<std::string>& words) {
  auto in = [](const std::set<std::string>& set) {
    return [&set](std::string_view s) { return set.count(std::string(s)) > 0; };
  };
  return std::string(HeadOf(term, in(terms), in(words)));
}

TermIndex BuildTermIndex(const std::vector<Document>& docs, const Normalizer& normalizer) {
  TermIndex out;
  WorkerPool pool(normalizer.language());
  GlobalIndex index;
  CountTerms(docs, &pool, &index, &out);
  out.sections = static_cast<uint32_t>(index.lengths.size());
  std::vector<uint32_t> order(index.names.size());
  for (uint32_t t = 0; t < order.size(); ++t) order[t] = t;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return index.names[a] < index.names[b]; });
  for (uint32_t t : order) {
    out.terms.emplace_hint(out.terms.end(), std::move(index.names[t]),
                           TermEntry{std::move(index.postings[t]), std::move(index.spellings[t])});
  }
  return out;
}

}  // namespace kapstok::search
