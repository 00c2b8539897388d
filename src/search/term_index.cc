#include "search/term_index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "base/parallel.h"

namespace kapstok::search {
namespace {

struct FieldCounts {
  double title = 0, heading = 0, body = 0;
  double Weighted() const {
    return kTitleWeight * title + kHeadingWeight * heading + kBodyWeight * body;
  }
};

// One section's term counts before BM25 (which needs the average length).
// Terms are keyed by their entry in TermIndex::terms (std::map nodes do not
// move); the order of this map is never observed (each term gets one posting
// per section, pushed in section order).
struct SectionCounts {
  uint32_t page = 0;
  uint32_t section = 0;
  int length = 0;
  std::unordered_map<TermEntry*, FieldCounts> terms;
};

enum class Field { kTitle, kHeading, kBody };

// One section's counts per folded word, made by a worker thread: tokenising
// is most of the work and needs no shared state. Spellings are the distinct
// (folded, lower) pairs whose lower-case form keeps diacritics.
struct WordCounts {
  int length = 0;
  std::unordered_map<std::string, FieldCounts> words;
  std::vector<std::pair<std::string, std::string>> spellings;
};

void CountWords(std::string_view text, Field field, const Normalizer& normalizer,
                WordCounts* out) {
  for (Token& token : Tokenize(text)) {
    if (normalizer.IsStopWord(token.folded)) continue;
    if (token.lower != token.folded) out->spellings.emplace_back(token.folded, std::move(token.lower));
    FieldCounts& c = out->words[std::move(token.folded)];
    switch (field) {
      case Field::kTitle: c.title += 1; break;
      case Field::kHeading: c.heading += 1; break;
      case Field::kBody: c.body += 1; break;
    }
    ++out->length;
  }
}

// The word counts of every section of `doc` (at least one section).
std::vector<WordCounts> CountDocument(const Document& doc, const Normalizer& normalizer) {
  std::vector<WordCounts> out(std::max<size_t>(1, doc.sections.size()));
  for (size_t s = 0; s < out.size(); ++s) {
    if (s == 0) {
      CountWords(doc.title, Field::kTitle, normalizer, &out[s]);
      // The pipeline may already have put the summary in the top section.
      bool in_top = !doc.sections.empty() &&
                    doc.sections[0].text.find(doc.summary) != std::string::npos;
      if (!in_top) CountWords(doc.summary, Field::kBody, normalizer, &out[s]);
    }
    if (s < doc.sections.size()) {
      CountWords(doc.sections[s].heading, Field::kHeading, normalizer, &out[s]);
      CountWords(doc.sections[s].text, Field::kBody, normalizer, &out[s]);
    }
    auto& sp = out[s].spellings;
    std::sort(sp.begin(), sp.end());
    sp.erase(std::unique(sp.begin(), sp.end()), sp.end());
  }
  return out;
}

// Maps folded words to terms (the stemmer is not thread-safe, so this runs on
// one thread) and records every word in TermIndex::words.
class TermMapper {
 public:
  TermMapper(const Normalizer& normalizer, TermIndex* index)
      : normalizer_(normalizer), index_(index) {}

  TermEntry* EntryOf(const std::string& folded) {
    auto it = cache_.find(folded);
    if (it == cache_.end()) {
      std::string term = normalizer_.Term(folded);
      index_->words.emplace(folded, term);
      it = cache_.emplace(folded, &index_->terms[term]).first;
    }
    return it->second;
  }

 private:
  const Normalizer& normalizer_;
  TermIndex* index_;
  std::unordered_map<std::string, TermEntry*> cache_;
};

// Counts in parallel, a batch of documents at a time (bounded memory), then
// merges each batch into per-section term counts in document order.
std::vector<SectionCounts> CountTerms(const std::vector<Document>& docs,
                                      const Normalizer& normalizer, TermIndex* index) {
  constexpr size_t kBatch = 512;
  TermMapper mapper(normalizer, index);
  std::vector<SectionCounts> out;
  std::vector<std::vector<WordCounts>> batch;
  for (size_t first = 0; first < docs.size(); first += kBatch) {
    batch.assign(std::min(kBatch, docs.size() - first), {});
    ParallelFor(batch.size(), [&](size_t i) {
      batch[i] = CountDocument(docs[first + i], normalizer);
    });
    for (size_t i = 0; i < batch.size(); ++i) {
      const uint32_t page = static_cast<uint32_t>(first + i);
      for (uint32_t s = 0; s < batch[i].size(); ++s) {
        const WordCounts& words = batch[i][s];
        SectionCounts counts;
        counts.page = page;
        counts.section = s;
        counts.length = words.length;
        for (const auto& [folded, c] : words.words) {
          FieldCounts& sum = counts.terms[mapper.EntryOf(folded)];
          sum.title += c.title;
          sum.heading += c.heading;
          sum.body += c.body;
        }
        for (const auto& [folded, lower] : words.spellings) {
          mapper.EntryOf(folded)->spellings[lower].insert(page);
        }
        out.push_back(std::move(counts));
      }
    }
  }
  return out;
}

bool KnownModifier(const std::string& m, const std::set<std::string>& terms,
                   const std::set<std::string>& words) {
  auto known = [&](const std::string& w) {
    return w.size() >= 3 && (words.count(w) || terms.count(w));
  };
  if (known(m)) return true;
  if (m.size() > 1 && (m.back() == 's' || m.back() == 'e') && known(m.substr(0, m.size() - 1))) {
    return true;
  }
  return m.size() > 2 && m.ends_with("en") && known(m.substr(0, m.size() - 2));
}

void AddCompoundPostings(TermIndex* index, const std::set<std::string>& words) {
  std::set<std::string> terms;
  for (const auto& [term, entry] : index->terms) terms.insert(term);
  std::map<std::string, std::vector<Posting>> extra;
  for (const std::string& term : terms) {
    std::string head = CompoundHead(term, terms, words);
    if (head.empty()) continue;
    index->compound_heads[term] = head;
    for (Posting p : index->terms[term].postings) {
      p.score = std::max(1, static_cast<int>(std::lround(p.score * kCompoundFactor)));
      extra[head].push_back(p);
    }
  }
  for (auto& [head, postings] : extra) {
    std::vector<Posting>& list = index->terms[head].postings;
    list.insert(list.end(), postings.begin(), postings.end());
    std::stable_sort(list.begin(), list.end());
    // Keep the best score per (page, section).
    std::vector<Posting> merged;
    for (const Posting& p : list) {
      if (!merged.empty() && !(merged.back() < p)) {
        merged.back().score = std::max(merged.back().score, p.score);
      } else {
        merged.push_back(p);
      }
    }
    list = std::move(merged);
  }
}

}  // namespace

int QuantisedBm25(double tf, double length, double avg_length) {
  if (tf <= 0) return 0;
  double norm = 1 - kBm25B + kBm25B * (avg_length > 0 ? length / avg_length : 1);
  double value = tf * (kBm25K1 + 1) / (tf + kBm25K1 * norm);  // in (0, k1 + 1)
  int q = static_cast<int>(std::lround(value / (kBm25K1 + 1) * kMaxScore));
  return std::clamp(q, 1, kMaxScore);
}

std::string CompoundHead(const std::string& term, const std::set<std::string>& terms,
                         const std::set<std::string>& words) {
  constexpr size_t kMinModifier = 4, kMinHead = 4, kMinUnknownHead = 5;
  std::string fallback;
  for (size_t k = kMinModifier; k + kMinHead <= term.size(); ++k) {
    std::string head = term.substr(k);
    if (!KnownModifier(term.substr(0, k), terms, words)) continue;
    if (terms.count(head)) return head;
    if (fallback.empty() && head.size() >= kMinUnknownHead) fallback = head;
  }
  return fallback;
}

TermIndex BuildTermIndex(const std::vector<Document>& docs, const Normalizer& normalizer) {
  TermIndex index;
  std::vector<SectionCounts> sections = CountTerms(docs, normalizer, &index);
  index.sections = static_cast<uint32_t>(sections.size());
  double total = 0;
  for (const SectionCounts& s : sections) total += s.length;
  double avg = sections.empty() ? 0 : total / sections.size();
  for (const SectionCounts& s : sections) {
    for (const auto& [entry, counts] : s.terms) {
      entry->postings.push_back(
          {s.page, s.section, QuantisedBm25(counts.Weighted(), s.length, avg)});
    }
  }
  std::set<std::string> words;
  for (const auto& [word, term] : index.words) {
    if (!normalizer.IsStopWord(word)) words.insert(word);
  }
  AddCompoundPostings(&index, words);
  return index;
}

}  // namespace kapstok::search
