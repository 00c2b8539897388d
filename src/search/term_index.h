// The inverted index in memory: for every term the (page, section) pairs it
// occurs in with a BM25 weight quantised to 0..63, compound heads
// ("zorgverzekering" also listed under "verzekering" at half weight) and the
// accented spellings seen per term (so exact spellings can rank first).
// Built by BuildTermIndex from the documents; serialised by search_index.cc.
#ifndef KAPSTOK_SEARCH_TERM_INDEX_H_
#define KAPSTOK_SEARCH_TERM_INDEX_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "search/normalize.h"
#include "search/search_index.h"

namespace kapstok::search {

// Field weights and BM25 parameters (title > headings > body).
inline constexpr double kTitleWeight = 4.0;
inline constexpr double kHeadingWeight = 2.0;
inline constexpr double kBodyWeight = 1.0;
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;
inline constexpr int kMaxScore = 63;
// A compound's postings under its head are worth this much of the original.
inline constexpr double kCompoundFactor = 0.5;

// Sections of a page are told apart up to this many; later ones would share
// the last id (breaking the unique (page, section) postings), but a page from
// a content file of at most kMaxContentFileBytes (8 MiB) has fewer than 4 Mi
// (AddPostings asserts it in debug builds).
inline constexpr uint32_t kMaxSections = 1u << 24;

struct Posting {  // 8 bytes: the index holds millions
  uint32_t page = 0;
  uint32_t section : 24 = 0;  // < kMaxSections
  uint32_t score : 8 = 0;     // 1..kMaxScore
  bool operator<(const Posting& o) const {
    return page != o.page ? page < o.page : section < o.section;
  }
};
static_assert(sizeof(Posting) == 8 && kMaxScore < 256);

struct TermEntry {
  std::vector<Posting> postings;  // sorted by (page, section), unique
  // Lower-cased spellings with diacritics -> pages containing them.
  std::map<std::string, std::set<uint32_t>> spellings;
};

struct TermIndex {
  std::map<std::string, TermEntry> terms;
  // Compound term -> its head term (for tests and statistics).
  std::map<std::string, std::string> compound_heads;
  uint32_t sections = 0;
};

// `normalizer` must outlive the call only; it names the language (the
// worker threads stem with Normalizers of their own, since libstemmer keeps
// state).
TermIndex BuildTermIndex(const std::vector<Document>& docs, const Normalizer& normalizer);

// BM25 weight of one posting, quantised: weighted term frequency `tf`
// (title, heading and body counts times their weights) in a section of
// `length` words when sections average `avg_length` words.
int QuantisedBm25(double tf, double length, double avg_length);

// The head of a compound term: the longest proper suffix of at least 4 bytes
// that is itself a term (or, with a modifier of 4+ bytes that is a known word
// or term, any suffix) and leaves a modifier of 3+ bytes that is a known word
// or term, optionally with a linking "s", "e" or "en". "" if none.
std::string CompoundHead(const std::string& term, const std::set<std::string>& terms,
                         const std::set<std::string>& words);

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_TERM_INDEX_H_
