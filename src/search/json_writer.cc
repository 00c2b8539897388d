#include "search/json_writer.h"

#include <charconv>

namespace kapstok::search {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendU16(uint32_t unit, std::string* out) {
  const char buf[6] = {'\\', 'u', kHex[(unit >> 12) & 15], kHex[(unit >> 8) & 15],
                       kHex[(unit >> 4) & 15], kHex[unit & 15]};
  out->append(buf, 6);
}

void AppendCodePoint(uint32_t cp, std::string* out) {
  switch (cp) {
    case '\b': *out += "\\b"; return;
    case '\t': *out += "\\t"; return;
    case '\n': *out += "\\n"; return;
    case '\f': *out += "\\f"; return;
    case '\r': *out += "\\r"; return;
    case '"': *out += "\\\""; return;
    case '\\': *out += "\\\\"; return;
  }
  if (cp >= 0x20 && cp < 0x7F) {
    *out += static_cast<char>(cp);
  } else if (cp <= 0xFFFF) {
    AppendU16(cp, out);
  } else {
    AppendU16(0xD7C0 + (cp >> 10), out);
    AppendU16(0xDC00 + (cp & 0x3FF), out);
  }
}

// Bytes that are copied as they are: printable ASCII but '"' and '\\'.
bool IsPlain(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

// The length of the UTF-8 sequence that lead byte `c` starts and the range
// of its second byte (which excludes overlong forms, surrogates and code
// points above U+10FFFF); 0 for bytes that start no sequence.
int SequenceLength(unsigned char c, unsigned char* lo, unsigned char* hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) {
    if (c == 0xE0) *lo = 0xA0;
    if (c == 0xED) *hi = 0x9F;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (c == 0xF0) *lo = 0x90;
    if (c == 0xF4) *hi = 0x8F;
    return 4;
  }
  return 0;
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size() + 2);
  *out += '"';
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && IsPlain(static_cast<unsigned char>(s[run]))) ++run;
    out->append(s.data() + i, run - i);
    i = run;
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      AppendCodePoint(c, out);
      ++i;
      continue;
    }
    unsigned char lo, hi;
    const int len = SequenceLength(c, &lo, &hi);
    if (len == 0) {  // a stray continuation byte or an impossible lead byte
      AppendU16(0xFFFD, out);
      ++i;
      continue;
    }
    uint32_t cp = c & (0xFF >> (len + 1));
    int k = 1;
    for (; k < len && i + k < s.size(); ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if (cc < (k == 1 ? lo : 0x80) || cc > (k == 1 ? hi : 0xBF)) break;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (k < len) {
      // The valid prefix is replaced once; the byte that broke it (if any)
      // starts afresh.
      AppendU16(0xFFFD, out);
      i += k;
      continue;
    }
    AppendCodePoint(cp, out);
    i += len;
  }
  *out += '"';
}

void AppendJsonUint(uint64_t v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

}  // namespace kapstok::search
