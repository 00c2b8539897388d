// Fast HTML escaping for interpolated values. The set of bytes to escape and
// their replacements come from kapstok::AppendHtmlEscaped (base/text.h), so
// the output is always identical to it; this only finds the bytes that need
// escaping sixteen at a time and copies the clean runs between them in bulk.
// Internal to the `template` stage.
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

// Escapes into an Output. Cheap to copy; the renderer keeps one per render so
// that each value costs one call and no initialisation check.
class Escaper {
 public:
  Escaper();

  // Appends `s` at cursor `w` of *out exactly as kapstok::AppendHtmlEscaped
  // would; returns the cursor after it.
  [[gnu::always_inline]] char* Append(std::string_view s, Output* out, char* w) const {
#if defined(__SSE2__)
    if (splat_ != nullptr && s.size() <= kChunk) [[likely]] {
      const size_t n = s.size();
      w = out->Room(w, Room(n));
      // Most values are short and need no escaping: test them here as one
      // block, without a call; longer ones 16 bytes at a time until the
      // first byte to escape.
      if (n < 16) {
        if (StoreIfClean(s, w)) return w + n;
        return w + chunk_(*table_, s.data(), n, w);
      }
      return CopyClean(s.data(), n, w);
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
    if (s.data() == reinterpret_cast<const char*>(&s) + 16 && splat_ != nullptr) [[likely]] {
      w = out->Room(w, Room(n));
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
      if ((ShortMask(v) & ((1u << n) - 1)) == 0) return w + n;
      return w + chunk_(*table_, s.data(), n, w);
    }
#endif
    return Append(std::string_view(s), out, w);
  }

 private:
  // Input is escaped in chunks of at most this many bytes, so that the room
  // reserved for the worst case (every byte replaced) stays small.
  static constexpr size_t kChunk = 4096;
  using ChunkFn = size_t (*)(const EscapeTable&, const char*, size_t, char*);

  // Room needed to escape n bytes: every byte may become a replacement of up
  // to eight bytes, and whole 16-byte blocks are stored past the end.
  static size_t Room(size_t n) { return 8 * n + 16; }
  // Values longer than kChunk, and every value when the short path cannot
  // handle the table (splat_ is null then).
  char* AppendSlow(std::string_view s, Output* out, char* w) const;

#if defined(__SSE2__)
  // For s of fewer than 16 bytes: stores a 16-byte block holding s at w and
  // returns whether none of its bytes needs escaping.
  bool StoreIfClean(std::string_view s, char* w) const {
    const char* p = s.data();
    const size_t n = s.size();
    uint64_t lo = 0, hi = 0;
    if (n >= 8) {
      std::memcpy(&lo, p, 8);
      if (n > 8) {
        std::memcpy(&hi, p + n - 8, 8);
        hi >>= 8 * (16 - n);
      }
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      lo = a | (static_cast<uint64_t>(b) << (8 * (n - 4)));
    } else {
      for (size_t k = 0; k < n; ++k) lo |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    }
    const __m128i v = _mm_unpacklo_epi64(_mm_cvtsi64_si128(static_cast<int64_t>(lo)),
                                         _mm_cvtsi64_si128(static_cast<int64_t>(hi)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
    return ShortMask(v) == 0;
  }

  // Bit i set when byte i of v is a special byte.
  uint32_t ShortMask(__m128i v) const {
    __m128i hit = _mm_cmpeq_epi8(v, splat_[0]);
    for (int i = 1; i < kShortSpecial; ++i) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, splat_[i]));
    return static_cast<uint32_t>(_mm_movemask_epi8(hit));
  }

  // For n >= 16 (room reserved at w): copies 16-byte blocks of s while they
  // need no escaping, then escapes the rest with chunk_.
  char* CopyClean(const char* s, size_t n, char* w) const {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      if (ShortMask(v) != 0) return w + i + chunk_(*table_, s + i, n - i, w + i);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w + i), v);
    }
    if (i < n) {
      // The last bytes, in a block that overlaps the one before.
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n - 16));
      if (ShortMask(v) != 0) return w + i + chunk_(*table_, s + i, n - i, w + i);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w + n - 16), v);
    }
    return w + n;
  }

  // The short path handles tables of up to this many special bytes.
  static constexpr int kShortSpecial = 5;
  // The special bytes, each repeated in a block (unused ones repeat the
  // first), when there are at most kShortSpecial of them; else null.
  const __m128i* splat_ = nullptr;
#endif

  const EscapeTable* table_;
  ChunkFn chunk_;  // escapes at most kChunk bytes into Room(n) bytes
};

// Appends `s` to *out exactly as kapstok::AppendHtmlEscaped would.
void AppendEscaped(std::string_view s, std::string* out);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_ESCAPE_H_
