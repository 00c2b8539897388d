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
  char* Append(std::string_view s, Output* out, char* w) const {
#if defined(__SSE2__)
    // Most values are short and need no escaping: test them here as one
    // block, without a call.
    if (s.size() < 16 && splat_ != nullptr) {
      w = out->Room(w, Room(s.size()));
      if (StoreIfClean(s, w)) return w + s.size();
      return w + chunk_(*table_, s.data(), s.size(), w);
    }
#endif
    if (s.size() <= kChunk && chunk_ != nullptr) [[likely]] {
      w = out->Room(w, Room(s.size()));
      return w + chunk_(*table_, s.data(), s.size(), w);
    }
    return AppendLong(s, out, w);
  }

 private:
  // Input is escaped in chunks of at most this many bytes, so that the room
  // reserved for the worst case (every byte replaced) stays small.
  static constexpr size_t kChunk = 4096;
  using ChunkFn = size_t (*)(const EscapeTable&, const char*, size_t, char*);

  // Room needed to escape n bytes: every byte may become a replacement of up
  // to eight bytes, and whole 16-byte blocks are stored past the end.
  static size_t Room(size_t n) { return 8 * n + 16; }
  // Long values, and every value when AppendHtmlEscaped changes bytes that
  // the fast path cannot handle (chunk_ is null then).
  char* AppendLong(std::string_view s, Output* out, char* w) const;

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
    __m128i hit = _mm_cmpeq_epi8(v, splat_[0]);
    for (int i = 1; i < kShortSpecial; ++i) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, splat_[i]));
    return _mm_movemask_epi8(hit) == 0;
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
