#include "base/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace kapstok {

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Runs of ASCII (most of any text here) are skipped 8 bytes at a time.
    uint64_t word;
    while (i + 8 <= n && (std::memcpy(&word, s.data() + i, 8), (word & 0x8080808080808080) == 0))
      i += 8;
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int len;
    char32_t min;
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    char32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) { ++*i; return c; }
  int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) { ++*i; return 0xFFFD; }
  char32_t cp = c & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) { ++*i; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int CodePointCount(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size();) { NextCodePoint(s, &i); ++n; }
  return n;
}

std::string ExpandTabs(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\t') out += "    ";
    else out += c;
  }
  return out;
}

int DisplayWidth(std::string_view line, int n_code_points) {
  int width = 0;
  size_t i = 0;
  for (int k = 0; k < n_code_points && i < line.size(); ++k) {
    char32_t cp = NextCodePoint(line, &i);
    width += cp == '\t' ? 4 : 1;
  }
  return width;
}

int ColumnOfByte(std::string_view line, size_t byte) {
  return CodePointCount(line.substr(0, std::min(byte, line.size()))) + 1;
}

namespace {
// Folds one code point of Latin-1 Supplement / Latin Extended-A to ASCII.
const char* FoldLatin(char32_t cp) {
  static const char* const kLatin1[] = {
      // U+00C0 .. U+00FF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    static const char kBase[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
        "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    if (cp == 0x132 || cp == 0x133) return "ij";
    if (cp == 0x152 || cp == 0x153) return "oe";
    static thread_local char buf[2] = {0, 0};
    size_t idx = cp - 0x100;
    if (idx < sizeof(kBase) - 1) { buf[0] = kBase[idx]; return buf; }
  }
  return nullptr;
}
}  // namespace

std::string FoldDiacritics(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = NextCodePoint(s, &i);
    if (const char* f = FoldLatin(cp)) out += f;
    else out.append(s.substr(start, i - start));
  }
  return out;
}

std::string Slugify(std::string_view s) {
  std::string folded = FoldDiacritics(s);
  std::string out;
  bool pending_hyphen = false;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (pending_hyphen && !out.empty()) out += '-';
      pending_hyphen = false;
      out += c;
    } else if (c != '\'') {  // "Eigen Kracht's" -> "eigen-krachts"
      pending_hyphen = true;
    }
  }
  return out;
}

void AppendHtmlEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&#39;"; break;
      default: *out += c;
    }
  }
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendHtmlEscaped(s, &out);
  return out;
}

int EditDistance(std::string_view a, std::string_view b, int cap) {
  if (a.size() < b.size()) std::swap(a, b);
  if (static_cast<int>(a.size() - b.size()) > cap) return cap + 1;
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  int limit = std::max(2, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_d = limit + 1;
  for (const std::string& c : candidates) {
    int d = EditDistance(word, c, limit);
    // A candidate that contains the word (or vice versa) is a likely fix too.
    if (d > limit && !word.empty() &&
        (c.find(word) != std::string::npos || word.find(c) != std::string_view::npos))
      d = limit;
    if (d < best_d || (d == best_d && !best.empty() && c < best)) {
      best = c;
      best_d = d;
    }
  }
  return best_d <= limit ? best : std::string();
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view x) {
  return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
}

}  // namespace kapstok
