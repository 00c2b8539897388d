#include "search/normalize.h"

#include <libstemmer.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "search/dutch_rules.h"

namespace kapstok::search {
namespace {

bool IsAsciiConsonant(char c) {
  return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' &&
         c != 'u' && c != 'y';
}

bool EndsWithAny(std::string_view w, const std::vector<std::string>& endings) {
  for (const std::string& e : endings) {
    if (EndsWith(w, e)) return true;
  }
  return false;
}

bool EndsWithAny(std::string_view w, const std::set<std::string, std::less<>>& endings) {
  for (const std::string& e : endings) {
    if (EndsWith(w, e)) return true;
  }
  return false;
}

// The -t rule. Snowball 2.2 leaves the third person and the participle
// without ge- ("versterkt", "gebruikt", "signaleert") unstemmed. Dutch verb
// stems end in a consonant or a long vowel, and a stem that itself ends in t
// takes no extra t, so, in this order: keep words ending in a DutchKeepT()
// word ("rapport", also "teamrapport"); drop the t of "-dt"; drop it after
// an allowed ending ("steunt", "meent"); keep it after a blocking ending
// that marks nouns ("kracht", "project", "dienst", "student", "buurt");
// drop it after any other consonant but t, and after "oei"/"aai". After a
// short vowel ("zet", "wet") and other long vowels ("praat", "resultaat")
// the t stays: Snowball already conflates those.
std::string ApplyDutchTRule(std::string_view w) {
  const size_t n = w.size();
  if (n < 4 || w[n - 1] != 't' || EndsWithAny(w, DutchKeepT())) return std::string(w);
  std::string_view cut = w.substr(0, n - 1);
  if (EndsWith(w, "dt") || EndsWithAny(w, DutchTAllowEndings())) return std::string(cut);
  if (EndsWithAny(w, DutchTBlockEndings())) return std::string(w);
  char before = w[n - 2];
  if (IsAsciiConsonant(before) && before != 't') return std::string(cut);
  if (EndsWith(w, "oeit") || EndsWith(w, "aait")) return std::string(cut);
  return std::string(w);
}

// Plural endings Snowball 2.2 misses: "-ies" ("organisaties"), consonant +
// "-es" ("methodes", "gemeentes"; not DutchKeepS() words like "proces"),
// "-eeen"/"-ieen" ("ideeen"), and "-sen" after a consonant ("kansen",
// "huisartsen"), which Snowball strips to "kans" while "kans" becomes "kan".
// Words ending in a DutchKeepS() word are left alone ("ouderproces").
std::string ApplyDutchPluralRule(std::string_view w) {
  const size_t n = w.size();
  if (EndsWithAny(w, DutchKeepS())) return std::string(w);
  if (n >= 5 && EndsWith(w, "ies")) return std::string(w.substr(0, n - 1));
  if (n >= 6 && EndsWith(w, "es") && IsAsciiConsonant(w[n - 3])) {
    return std::string(w.substr(0, n - 1));
  }
  if (n >= 6 && (EndsWith(w, "eeen") || EndsWith(w, "ieen"))) {
    return std::string(w.substr(0, n - 2));
  }
  if (n >= 6 && EndsWith(w, "sen") && IsAsciiConsonant(w[n - 4])) {
    return std::string(w.substr(0, n - 2));
  }
  return std::string(w);
}

// Repairs of Snowball 2.2 output: a final double consonant is undoubled
// ("gezinn" -> "gezin"; Snowball only undoubles kk, dd, tt), a long vowel
// before the final consonant is shortened also after a vowel ("sociaal" ->
// "social"), and a final v or z becomes f or s ("blijv" -> "blijf", "huiz"
// -> "huis") as in the singular.
std::string RepairDutchStem(std::string s) {
  size_t n = s.size();
  if (n >= 3 && s[n - 1] == s[n - 2] && IsAsciiConsonant(s[n - 1])) {
    s.pop_back();
    --n;
  }
  if (n >= 4 && IsAsciiConsonant(s[n - 1]) && s[n - 2] == s[n - 3] &&
      (s[n - 2] == 'a' || s[n - 2] == 'e' || s[n - 2] == 'o' || s[n - 2] == 'u')) {
    s.erase(n - 2, 1);
    --n;
  }
  if (n >= 3 && s[n - 1] == 'v') s[n - 1] = 'f';
  if (n >= 3 && s[n - 1] == 'z') s[n - 1] = 's';
  return s;
}

}  // namespace

const std::vector<CodePointRange>& WordRanges() {
  static const auto* ranges = new std::vector<CodePointRange>{
      {'0', '9'},        {'A', 'Z'},        {'a', 'z'},        {0xC0, 0xD6},
      {0xD8, 0xF6},      {0xF8, 0x24F},     {0x300, 0x36F},    {0x370, 0x3FF},
      {0x400, 0x52F},    {0x1E00, 0x1EFF},  {0x3040, 0x9FFF},  {0xAC00, 0xD7A3}};
  return *ranges;
}

bool IsWordChar(char32_t cp) {
  for (const CodePointRange& r : WordRanges()) {
    if (cp < r.first) return false;  // ranges are sorted
    if (cp <= r.last) return true;
  }
  return false;
}

const std::map<char32_t, std::string>& FoldTable() {
  static const auto* table = [] {
    auto* t = new std::map<char32_t, std::string>;
    for (char32_t cp = 0xC0; cp <= 0x17F; ++cp) {
      if (cp == 0xD7 || cp == 0xF7) continue;
      std::string utf8;
      AppendUtf8(cp, &utf8);
      std::string folded = FoldDiacritics(utf8);
      if (folded != utf8) (*t)[cp] = folded;
    }
    for (char32_t cp = 0x300; cp <= 0x36F; ++cp) (*t)[cp] = "";
    return t;
  }();
  return *table;
}

char32_t LowerKeepAccent(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  return cp;
}

namespace {

// FoldTable() as an array over U+00C0..U+036F (the only code points it
// changes): the folded UTF-8 of each, or the code point itself.
constexpr char32_t kFoldFirst = 0xC0, kFoldLast = 0x36F;

const std::vector<std::string>& FlatFoldTable() {
  static const auto* flat = [] {
    auto* t = new std::vector<std::string>(kFoldLast - kFoldFirst + 1);
    const auto& table = FoldTable();
    for (char32_t cp = kFoldFirst; cp <= kFoldLast; ++cp) {
      std::string& out = (*t)[cp - kFoldFirst];
      if (auto it = table.find(cp); it != table.end()) {
        out = it->second;
      } else {
        AppendUtf8(cp, &out);
      }
    }
    return t;
  }();
  return *flat;
}

void AppendFolded(char32_t cp, const std::vector<std::string>& flat, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
  } else if (cp >= kFoldFirst && cp <= kFoldLast) {
    *out += flat[cp - kFoldFirst];
  } else {
    AppendUtf8(cp, out);
  }
}

constexpr bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// IsAsciiWordByte as a table over all byte values (false from 0x80 up).
constexpr auto kAsciiWord = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = IsAsciiWordByte(static_cast<unsigned char>(c));
  return t;
}();

// The next code point at *i if it is a word character (advancing *i), or
// U+0000 without advancing. Invalid bytes (NextCodePoint's U+FFFD for one
// byte >= 0x80) are not word characters.
char32_t NextWordChar(std::string_view text, size_t* i) {
  unsigned char c = static_cast<unsigned char>(text[*i]);
  if (c < 0x80) {
    if (!kAsciiWord[c]) return 0;
    ++*i;
    return c;
  }
  size_t next = *i;
  char32_t cp = NextCodePoint(text, &next);
  if ((cp == 0xFFFD && next == *i + 1) || !IsWordChar(cp)) return 0;
  *i = next;
  return cp;
}

}  // namespace

std::string FoldWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  const auto& flat = FlatFoldTable();
  for (size_t i = 0; i < word.size();) AppendFolded(NextCodePoint(word, &i), flat, &out);
  return out;
}

namespace {

// The bytes of `w` that are not ASCII letters or digits, as the high bit of
// each such byte (all bytes at once; no carry crosses a byte since every
// sum below stays under 0x100).
uint64_t NonWordBytes(uint64_t w) {
  constexpr uint64_t k01 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
  const uint64_t v = w & ~k80;           // the low 7 bits of every byte
  const uint64_t l = v | (0x20 * k01);   // lower-cased if a letter
  const uint64_t alpha = (l + (0x80 - 'a') * k01) & ~(l + (0x80 - 'z' - 1) * k01);
  const uint64_t digit = (v + (0x80 - '0') * k01) & ~(v + (0x80 - '9' - 1) * k01);
  return (~(alpha | digit) | w) & k80;   // w's high bits: bytes from 0x80 up
}

}  // namespace

bool WordScanner::Next() {
  const char* const text = text_.data();
  const size_t n = text_.size();
  size_t pos = pos_;
  while (pos < n) {
    const size_t start = pos;
    const unsigned char first = static_cast<unsigned char>(text[pos]);
    if (first < 0x80) {
      if (!kAsciiWord[first]) {  // an ASCII separator
        ++pos;
        continue;
      }
      // Fast path: a word of ASCII letters and digits only (lower-cased by
      // setting bit 0x20, which digits already have), folded once.
      // The buffer can hold the rest of the text and 8 bytes more, so the
      // run is copied while it is scanned, 8 bytes at a time.
      if (folded_.size() < n - start + 8) folded_.resize(n - start + 8);
      char* out = folded_.data();
      size_t end = start;
      bool stopped = false;
      if constexpr (std::endian::native == std::endian::little) {
        for (; end + 8 <= n; end += 8, out += 8) {
          uint64_t w;
          std::memcpy(&w, text + end, 8);
          const uint64_t lowered = w | 0x2020202020202020ull;
          std::memcpy(out, &lowered, 8);
          if (const uint64_t stop = NonWordBytes(w)) {
            end += std::countr_zero(stop) / 8;
            stopped = true;
            break;
          }
        }
      }
      for (; !stopped && end < n && kAsciiWord[static_cast<unsigned char>(text[end])]; ++end) {
        *out++ = static_cast<char>(text[end] | 0x20);
      }
      if (end == n || static_cast<unsigned char>(text[end]) < 0x80) {
        folded_view_ = std::string_view(folded_.data(), end - start);
        pos_ = end;
        begin_ = start;
        end_ = end;
        accented_ = false;
        return true;
      }
      // Non-ASCII follows: the general path below reads the word again.
    }
    // Skip separators: a code point that is no word character (or an
    // invalid byte) is consumed whole, as Tokenize did.
    char32_t cp = NextWordChar(text_, &pos);
    if (cp == 0) {
      NextCodePoint(text_, &pos);
      continue;
    }
    const auto& flat = FlatFoldTable();
    std::string& folded = slow_folded_;
    folded.clear();
    lower_.clear();
    bool ascii = true;
    for (;;) {
      if (cp < 0x80) {
        const char c = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        folded += c;
        lower_ += c;
      } else {
        ascii = false;
        AppendFolded(cp, flat, &folded);
        AppendUtf8(LowerKeepAccent(cp), &lower_);
      }
      if (pos >= n) break;
      cp = NextWordChar(text_, &pos);
      if (cp == 0) break;
    }
    if (folded.empty()) continue;  // only combining marks
    folded_view_ = folded;
    pos_ = pos;
    begin_ = start;
    end_ = pos;
    accented_ = !ascii && folded != lower_;
    return true;
  }
  pos_ = pos;
  return false;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  WordScanner scanner(text);
  while (scanner.Next()) {
    tokens.push_back({std::string(scanner.folded()), std::string(scanner.lower()), scanner.begin(),
                      scanner.end()});
  }
  return tokens;
}

Normalizer::Normalizer(std::string_view language) : language_(language) {
  if (language == "nl") {
    stemmer_ = sb_stemmer_new("dutch", "UTF_8");
    stop_words_ = &DutchStopWords();
    exceptions_ = &DutchExceptions();
  }
}

Normalizer::~Normalizer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

bool Normalizer::IsStopWord(std::string_view folded) const {
  return stop_words_ && stop_words_->count(folded) > 0;
}

std::string Normalizer::BeforeStem(std::string_view folded) const {
  if (!stemmer_) return std::string(folded);
  if (auto it = exceptions_->find(folded); it != exceptions_->end()) return it->second;
  return ApplyDutchPluralRule(ApplyDutchTRule(folded));
}

std::string Normalizer::Snowball(std::string_view word) const {
  const sb_symbol* out = sb_stemmer_stem(
      stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) return std::string(word);  // out of memory: fall back to the word
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

std::string Normalizer::Term(std::string_view folded) const {
  if (!stemmer_) return std::string(folded);
  return RepairDutchStem(Snowball(BeforeStem(folded)));
}

std::string Normalizer::ClientTablesJson() const {
  nlohmann::json j;
  j["ranges"] = nlohmann::json::array();
  for (const CodePointRange& r : WordRanges()) {
    j["ranges"].push_back({static_cast<uint32_t>(r.first), static_cast<uint32_t>(r.last)});
  }
  j["fold"] = nlohmann::json::object();
  for (const auto& [cp, folded] : FoldTable()) j["fold"][std::to_string(cp)] = folded;
  j["stemmer"] = stemmer_ ? "dutch" : "";
  j["stop"] = nlohmann::json::array();
  j["exceptions"] = nlohmann::json::object();
  j["tBlock"] = nlohmann::json::array();
  j["keepT"] = nlohmann::json::array();
  j["tAllow"] = nlohmann::json::array();
  j["keepS"] = nlohmann::json::array();
  if (stemmer_) {
    for (const std::string& w : *stop_words_) j["stop"].push_back(w);
    for (const auto& [from, to] : *exceptions_) j["exceptions"][from] = to;
    for (const std::string& e : DutchTBlockEndings()) j["tBlock"].push_back(e);
    for (const std::string& w : DutchKeepT()) j["keepT"].push_back(w);
    for (const std::string& e : DutchTAllowEndings()) j["tAllow"].push_back(e);
    for (const std::string& w : DutchKeepS()) j["keepS"].push_back(w);
  }
  return j.dump(-1, ' ', true);
}

}  // namespace kapstok::search
