#include "search/term_index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace kapstok::search {
namespace {

struct FieldCounts {
  double title = 0, heading = 0, body = 0;
  double Weighted() const {
    return kTitleWeight * title + kHeadingWeight * heading + kBodyWeight * body;
  }
};

// One section's term counts before BM25 (which needs the average length).
struct SectionCounts {
  uint32_t page = 0;
  uint32_t section = 0;
  int length = 0;
  std::map<std::string, FieldCounts> terms;
};

enum class Field { kTitle, kHeading, kBody };

class Collector {
 public:
  Collector(const Normalizer& normalizer, TermIndex* index)
      : normalizer_(normalizer), index_(index) {}

  void Add(std::string_view text, Field field, SectionCounts* counts) {
    for (const Token& token : Tokenize(text)) {
      if (normalizer_.IsStopWord(token.folded)) continue;
      const std::string& term = TermOf(token.folded);
      FieldCounts& c = counts->terms[term];
      switch (field) {
        case Field::kTitle: c.title += 1; break;
        case Field::kHeading: c.heading += 1; break;
        case Field::kBody: c.body += 1; break;
      }
      ++counts->length;
      if (token.lower != token.folded) {
        index_->terms[term].spellings[token.lower].insert(counts->page);
      }
    }
  }

 private:
  const std::string& TermOf(const std::string& folded) {
    auto it = cache_.find(folded);
    if (it == cache_.end()) {
      it = cache_.emplace(folded, normalizer_.Term(folded)).first;
      index_->words.emplace(folded, it->second);
    }
    return it->second;
  }

  const Normalizer& normalizer_;
  TermIndex* index_;
  std::unordered_map<std::string, std::string> cache_;
};

std::vector<SectionCounts> CountTerms(const std::vector<Document>& docs,
                                      const Normalizer& normalizer, TermIndex* index) {
  Collector collector(normalizer, index);
  std::vector<SectionCounts> out;
  for (uint32_t page = 0; page < docs.size(); ++page) {
    const Document& doc = docs[page];
    size_t n = std::max<size_t>(1, doc.sections.size());
    for (uint32_t s = 0; s < n; ++s) {
      SectionCounts counts;
      counts.page = page;
      counts.section = s;
      if (s == 0) {
        collector.Add(doc.title, Field::kTitle, &counts);
        // The pipeline may already have put the summary in the top section.
        bool in_top = !doc.sections.empty() &&
                      doc.sections[0].text.find(doc.summary) != std::string::npos;
        if (!in_top) collector.Add(doc.summary, Field::kBody, &counts);
      }
      if (s < doc.sections.size()) {
        collector.Add(doc.sections[s].heading, Field::kHeading, &counts);
        collector.Add(doc.sections[s].text, Field::kBody, &counts);
      }
      out.push_back(std::move(counts));
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
    for (const auto& [term, counts] : s.terms) {
      index.terms[term].postings.push_back(
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
