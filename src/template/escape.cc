#include "template/escape.h"

#include <cstdint>
#include <cstring>

#include "base/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kapstok::tmpl::internal {
namespace {

constexpr int kMaxSpecial = 8;

// The bytes that AppendHtmlEscaped changes, derived from it once.
struct EscapeTable {
  bool special[256] = {};
  char chars[kMaxSpecial] = {};
  int count = 0;  // -1: more than kMaxSpecial special bytes; scan bytewise
  EscapeTable() {
    for (int c = 0; c < 256; ++c) {
      std::string one(1, static_cast<char>(c));
      special[c] = HtmlEscape(one) != one;
      if (!special[c]) continue;
      if (count >= 0 && count < kMaxSpecial) {
        chars[count++] = static_cast<char>(c);
      } else {
        count = -1;
      }
    }
  }
};

const EscapeTable& Table() {
  static const EscapeTable table;
  return table;
}

// Bit i of the result is set when block[i] is special (16 bytes).
uint32_t SpecialMask(const EscapeTable& t, const char* block) {
#if defined(__SSE2__)
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
  __m128i hit = _mm_setzero_si128();
  for (int i = 0; i < t.count; ++i) {
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(t.chars[i])));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(hit));
#else
  uint32_t mask = 0;
  for (int i = 0; i < 16; ++i) {
    if (t.special[static_cast<unsigned char>(block[i])]) mask |= 1u << i;
  }
  return mask;
#endif
}

}  // namespace

void AppendEscaped(std::string_view s, std::string* out) {
  const EscapeTable& t = Table();
  size_t run = 0;  // start of the bytes not yet appended
  size_t i = 0;
  auto escape_at = [&](size_t at) {
    out->append(s.data() + run, at - run);
    AppendHtmlEscaped(s.substr(at, 1), out);
    run = at + 1;
  };
  if (t.count >= 0) {
    for (; i + 16 <= s.size(); i += 16) {
      for (uint32_t mask = SpecialMask(t, s.data() + i); mask != 0; mask &= mask - 1) {
        escape_at(i + static_cast<size_t>(__builtin_ctz(mask)));
      }
    }
  }
  for (; i < s.size(); ++i) {
    if (t.special[static_cast<unsigned char>(s[i])]) escape_at(i);
  }
  out->append(s.data() + run, s.size() - run);
}

}  // namespace kapstok::tmpl::internal
