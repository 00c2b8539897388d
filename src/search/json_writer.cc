#include "search/json_writer.h"

#include <bit>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Whether all 8 bytes of `w` are plain (IsPlain), eight at a time: no byte
// below 0x20 or from 0x7F up, none equal to '"' or '\\'.
bool AllPlain(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  // (w + 0x01 per byte) sets a byte's high bit for 0x7F; w's own high bits
  // are the bytes >= 0x80. No carries cross bytes once those are excluded.
  const uint64_t high = w & kHigh;
  const uint64_t low = (w - 0x20 * kOnes) & ~w & kHigh;           // a byte < 0x20
  const uint64_t del = ((w & ~kHigh) + kOnes) & kHigh;             // a byte 0x7F (or 0xFF)
  return (high | low | del | has_zero(w ^ ('"' * kOnes)) | has_zero(w ^ ('\\' * kOnes))) == 0;
}

// The end of the run of plain bytes that starts at `i`.
size_t PlainRunEnd(std::string_view s, size_t i) {
#if defined(__SSE2__)
  // Sixteen bytes at a time: signed compares find the bytes below 0x20 and
  // from 0x7F up (0x80..0xFF are negative as signed bytes).
  const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i bad = _mm_or_si128(
        _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (const unsigned mask = _mm_movemask_epi8(bad)) return i + std::countr_zero(mask);
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (!AllPlain(w)) break;
  }
  while (i < s.size() && IsPlain(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

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
    const size_t run = PlainRunEnd(s, i);
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
