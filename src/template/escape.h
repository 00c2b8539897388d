// Fast HTML escaping for interpolated values. The set of bytes to escape and
// their replacements come from kapstok::AppendHtmlEscaped (base/text.h), so
// the output is always identical to it; this only finds the bytes that need
// escaping sixteen at a time (two compares a block while they are HTML's
// five), copies the clean blocks whole and escapes a block with special
// bytes byte by byte through a table, with no branch on where they are (a
// value shorter than 16 bytes is taken apart in registers). Internal to the
// `template` stage.
#ifndef KAPSTOK_TEMPLATE_ESCAPE_H_
#define KAPSTOK_TEMPLATE_ESCAPE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "template/output.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kapstok::tmpl::internal {

struct EscapeTable;

#if defined(__SSE2__)
// 16 bytes in two general registers (GCC and Clang on x86-64): a block of
// input that is shifted, rather than reloaded, to get at its later bytes.
__extension__ using Block128 = unsigned __int128;

// Escapes the first `len` (at most 16) bytes of `x` at w, given `mask`, the
// non-zero set of those bytes that are special (bit i: byte i). Writes up to
// 16 bytes past the end of what it escapes (see Escaper::Room); returns the
// cursor after the escaped bytes. Not inline: only values with a special byte
// get here.
char* EscapeBlock(const EscapeTable& t, Block128 x, size_t len, uint32_t mask, char* w);
// EscapeBlock for the n (< 16) bytes at p, which may be read as 16 bytes.
char* EscapeShortString(const EscapeTable& t, const char* p, size_t n, uint32_t mask, char* w);

// The n (< 16) bytes at p in the low bytes of a block, the rest zero,
// from loads that stay within [p, p + n).
inline Block128 ShortBlock(const char* p, size_t n) {
  uint64_t lo = 0, hi = 0;
  if (n >= 8) {
    std::memcpy(&lo, p, 8);
    if (n > 8) {
      std::memcpy(&hi, p + n - 8, 8);
      hi >>= 8 * (16 - n);  // keep the n - 8 bytes after lo's
    }
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    lo = a | (static_cast<uint64_t>(b) << (8 * (n - 4)));
  } else {
    for (size_t k = 0; k < n; ++k) lo |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
  }
  return (static_cast<Block128>(hi) << 64) | lo;
}

// x as an SSE register. (Built in registers; _mm_set_epi64x goes through
// the stack.)
inline __m128i ToVector(Block128 x) {
  return _mm_unpacklo_epi64(_mm_cvtsi64_si128(static_cast<int64_t>(x)),
                            _mm_cvtsi64_si128(static_cast<int64_t>(x >> 64)));
}

// Bit i set when byte i of v is one of HTML's five special bytes (the ones
// AppendHtmlEscaped replaces) or '#' (0x23), which costs one compare less:
// '"' (0x22), '#', '&' (0x26) and '\'' (0x27) are the bytes with x | 0x05 ==
// 0x27, '<' (0x3c) and '>' (0x3e) those with x | 0x02 == 0x3e. Escaping
// leaves a '#' as it is (its replacement is itself), so the mask only says
// where to look.
inline uint32_t HtmlSpecialMask(__m128i v) {
  const __m128i quot_amp_apos =
      _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x05)), _mm_set1_epi8(0x27));
  const __m128i lt_gt = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x02)), _mm_set1_epi8(0x3e));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(quot_amp_apos, lt_gt)));
}
#endif

// Escapes into an Output. Cheap to copy; the renderer keeps one per render so
// that each value costs one call and no initialisation check.
class Escaper {
 public:
  Escaper();

  // Appends `s` at cursor `w` of *out exactly as kapstok::AppendHtmlEscaped
  // would; returns the cursor after it.
  [[gnu::always_inline]] char* Append(std::string_view s, Output* out, char* w) const {
#if defined(__SSE2__)
    if (html_ && s.size() <= kChunk) [[likely]] {
      const size_t n = s.size();
      w = out->Room(w, Room(n));
      // Most values are short and need no escaping: test them here as one
      // block, without a call; longer ones block by block in chunk_.
      if (n < 16) {
        const Block128 x = ShortBlock(s.data(), n);
        const __m128i v = ToVector(x);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
        const uint32_t mask = HtmlSpecialMask(v);  // (the zero bytes after n are not special)
        if (mask == 0) [[likely]] return w + n;
        return EscapeBlock(*table_, x, n, mask, w);
      }
      return chunk_(*table_, s.data(), n, w);
    }
#endif
    return AppendSlow(s, out, w);
  }

  // The same for a std::string. One that keeps its bytes in its own small
  // buffer (libstdc++: fewer than 16 bytes, within the object's 32) is
  // tested in one 16-byte load, ignoring the bytes after its end.
  [[gnu::always_inline]] char* Append(const std::string& s, Output* out, char* w) const {
#if defined(__SSE2__) && defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI
    static_assert(sizeof(std::string) == 32);
    const size_t n = s.size();
    if (s.data() == reinterpret_cast<const char*>(&s) + 16 && html_) [[likely]] {
      w = out->Room(w, Room(15));  // (n < 16: a constant is one instruction less)
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
      // Special bytes past the end (the buffer's leftovers) are rare: tested
      // only when there is one somewhere in the block.
      uint32_t mask = HtmlSpecialMask(v);
      if (mask == 0) [[likely]] return w + n;
      mask &= (1u << n) - 1;
      if (mask == 0) return w + n;
      return EscapeShortString(*table_, s.data(), n, mask, w);
    }
#endif
    return Append(std::string_view(s), out, w);
  }

 private:
  // Input is escaped in chunks of at most this many bytes, so that the room
  // reserved for the worst case (every byte replaced) stays small.
  static constexpr size_t kChunk = 4096;
  using ChunkFn = char* (*)(const EscapeTable&, const char*, size_t, char*);

  // Room needed to escape n bytes: every byte may become a replacement of up
  // to eight bytes, and whole 16-byte blocks are stored past the end.
  static size_t Room(size_t n) { return 8 * n + 16; }
  // Values longer than kChunk, and every value when the table is not
  // HTML's five bytes (html_ is false then).
  char* AppendSlow(std::string_view s, Output* out, char* w) const;

#if defined(__SSE2__)
  // Whether the bytes AppendHtmlEscaped replaces are exactly HTML's five,
  // which HtmlSpecialMask finds (and the table is fast), as they always are
  // unless base/text.cc changes; otherwise every value takes AppendSlow.
  bool html_ = false;
#endif

  const EscapeTable* table_;
  ChunkFn chunk_;  // escapes at most kChunk bytes into Room(n) bytes
};

// Appends `s` to *out exactly as kapstok::AppendHtmlEscaped would.
void AppendEscaped(std::string_view s, std::string* out);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_ESCAPE_H_
