// Text normalisation for search, shared by the index builder and (as data
// tables plus a port in themes/default/assets/search.js) the browser client:
// tokenising, case and diacritic folding, stop words and stemming. For Dutch
// the stem is Snowball "dutch" (libstemmer 2.2) after two repairs of its
// known gaps: an exception list (irregular plurals, strong verbs) and a rule
// that drops the verb ending -t (versterkt -> versterk). Owned by `search`.
//
// Parity contract: every function here has a twin in search.js that reads its
// tables from ClientTables(); tests/search/parity_test.mjs runs both over
// every word of a corpus and requires identical terms.
#ifndef KAPSTOK_SEARCH_NORMALIZE_H_
#define KAPSTOK_SEARCH_NORMALIZE_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace kapstok::search {

struct Token {
  std::string folded;  // lower case, diacritics folded: "coordinatie"
  std::string lower;   // lower case with its diacritics: "coördinatie"
  size_t begin = 0;    // byte offsets of the word in the input
  size_t end = 0;
};

// Inclusive code point ranges of word characters (letters, digits and
// combining marks); everything else separates words.
struct CodePointRange {
  char32_t first;
  char32_t last;
};
const std::vector<CodePointRange>& WordRanges();
bool IsWordChar(char32_t cp);

// Folding of single code points other than ASCII: U+00C0..U+017F to their
// base letters ("ë" -> "e", "ß" -> "ss"), combining marks to "". Code points
// not in the table fold to themselves; ASCII folds by lower-casing.
const std::map<char32_t, std::string>& FoldTable();
// Lower-casing that keeps diacritics: ASCII and U+00C0..U+00DE (not U+00D7).
char32_t LowerKeepAccent(char32_t cp);

std::string FoldWord(std::string_view word);

// Splits UTF-8 text into words (invalid bytes separate words).
std::vector<Token> Tokenize(std::string_view text);

// Tokenize without a vector or a string per word: Next() moves to the next
// word and folded()/lower() view buffers that the scanner reuses, valid
// until the next call of Next() or Reset(). The same words as Tokenize, in
// the same order (empty folded words are skipped). `text` must outlive the
// scan; one scanner can serve many texts (its buffers keep their capacity).
class WordScanner {
 public:
  WordScanner() = default;
  explicit WordScanner(std::string_view text) : text_(text) {}
  void Reset(std::string_view text) {
    text_ = text;
    pos_ = 0;
  }
  bool Next();
  std::string_view folded() const { return folded_view_; }
  std::string_view lower() const { return accented_ ? std::string_view(lower_) : folded(); }
  // True when lower() differs from folded() (the word has diacritics).
  bool accented() const { return accented_; }
  size_t begin() const { return begin_; }
  size_t end() const { return end_; }

 private:
  std::string_view text_;
  size_t pos_ = 0, begin_ = 0, end_ = 0;
  std::string_view folded_view_;  // into folded_ (ASCII words) or slow_folded_
  std::string folded_;       // sized to the longest rest of a text seen, + 8
  std::string slow_folded_;  // words with other code points
  std::string lower_;        // only meaningful when accented_ (else it equals folded())
  bool accented_ = false;
};

// Language rules: for "nl" Dutch stop words, exceptions, the -t rule and the
// Snowball stemmer; for any other language only folding (no stemming, no stop
// words). Not thread-safe (libstemmer keeps state); use one per thread.
class Normalizer {
 public:
  explicit Normalizer(std::string_view language);
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  const std::string& language() const { return language_; }
  bool stems() const { return stemmer_ != nullptr; }
  // `folded` must come from FoldWord/Tokenize.
  bool IsStopWord(std::string_view folded) const;
  // The index term of a folded word (stop words get a term too; callers
  // decide whether to skip them).
  std::string Term(std::string_view folded) const;
  // The word handed to Snowball: the exception's replacement or the -t rule
  // applied; `folded` itself otherwise.
  std::string BeforeStem(std::string_view folded) const;

  // The tables search.js needs, as one JSON object text (sorted keys):
  // {"exceptions":{...},"fold":{...},"keepT":[...],"ranges":[[a,b],...],
  //  "stemmer":"dutch"|"","stop":[...],"tBlock":[...]}.
  std::string ClientTablesJson() const;

 private:
  std::string Snowball(std::string_view word) const;

  std::string language_;
  sb_stemmer* stemmer_ = nullptr;
  const std::set<std::string, std::less<>>* stop_words_ = nullptr;
  const std::map<std::string, std::string, std::less<>>* exceptions_ = nullptr;
};

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_NORMALIZE_H_
