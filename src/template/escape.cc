#include "template/escape.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "base/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kapstok::tmpl::internal {
namespace {

constexpr int kMaxSpecial = 8;
constexpr size_t kMaxReplacement = 8;

}  // namespace

// The bytes that AppendHtmlEscaped changes and what it changes them to,
// derived from it once.
struct EscapeTable {
  // What each byte becomes: itself (length 1) or its replacement.
  uint8_t length[256] = {};
  char replacement[256][kMaxReplacement] = {};
  char chars[kMaxSpecial] = {};
  int count = 0;  // of chars
  // False when AppendHtmlEscaped changes more than kMaxSpecial bytes, the NUL
  // byte, or a byte into more than kMaxReplacement bytes: then every value
  // goes through AppendHtmlEscaped itself.
  bool fast = true;
#if defined(__SSE2__)
  __m128i splat[kMaxSpecial];  // chars[i] in every byte
#endif

  EscapeTable() {
    for (int c = 0; c < 256; ++c) {
      std::string one(1, static_cast<char>(c));
      std::string escaped = HtmlEscape(one);
      if (escaped == one) {
        length[c] = 1;
        replacement[c][0] = static_cast<char>(c);
        continue;
      }
      if (c == 0 || count == kMaxSpecial || escaped.empty() ||
          escaped.size() > kMaxReplacement) {
        fast = false;
        return;
      }
      chars[count++] = static_cast<char>(c);
      length[c] = static_cast<uint8_t>(escaped.size());
      std::memcpy(replacement[c], escaped.data(), escaped.size());
    }
#if defined(__SSE2__)
    // Unused places repeat the first special byte.
    for (int i = count; i < kMaxSpecial && count > 0; ++i) chars[i] = chars[0];
    for (int i = 0; i < kMaxSpecial; ++i) splat[i] = _mm_set1_epi8(chars[i]);
#endif
  }
};

namespace {

const EscapeTable& Table() {
  static const EscapeTable table;
  return table;
}

// Writes the replacement of special byte `c` at dst (which has room for
// kMaxReplacement bytes) and returns its length.
// (c is a size_t so that indexing by it needs no sign extension.)
inline size_t Replace(const EscapeTable& t, size_t c, char* dst) {
  std::memcpy(dst, t.replacement[c], kMaxReplacement);
  return t.length[c];
}

// Escapes the n bytes at p, one by one, at w; returns the cursor after
// them. Every byte has a "replacement" (itself, for most), so there is no
// branch on the data: for a block with special bytes this is faster than
// taking it apart run by run, whose branches on where the special bytes are
// mispredict.
[[gnu::always_inline]] inline char* EscapeBytes(const EscapeTable& t, const char* p, size_t n,
                                                char* w) {
  for (size_t k = 0; k < n; ++k) w += Replace(t, static_cast<unsigned char>(p[k]), w);
  return w;
}

// EscapeBytes for a table the SSE2 path cannot use (or without SSE2).
char* EscapeBytewise(const EscapeTable& t, const char* s, size_t n, char* dst) {
  return EscapeBytes(t, s, n, dst);
}

#if defined(__SSE2__)
// Bit i of the result is set when byte i of v is one of the first N special
// bytes; N = 0 stands for HTML's five (HtmlSpecialMask).
template <int N>
inline uint32_t SpecialMask(const EscapeTable& t, __m128i v) {
  if constexpr (N == 0) return HtmlSpecialMask(v);
  __m128i hit = _mm_setzero_si128();
  for (int i = 0; i < N; ++i) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, t.splat[i]));
  return static_cast<uint32_t>(_mm_movemask_epi8(hit));
}

inline Block128 Load128(const char* p) {
  Block128 x;
  std::memcpy(&x, p, 16);
  return x;
}

// Escapes s[0, n) into dst, which has room for n * kMaxReplacement + 16
// bytes; returns the cursor after it. N is t.count, or 0 when the special
// bytes are HTML's five. Blocks without a special byte (most) are copied
// whole, a block with some byte by byte (EscapeBytes). The last n % 16
// bytes are read as the 16 that end at s + n: copied whole when clean (over
// bytes already written as they are), else escaped one by one. No load
// reaches outside s[0, n).
template <int N>
char* EscapeChunk(const EscapeTable& t, const char* s, size_t n, char* dst) {
  if (n < 16) {
    const Block128 x = ShortBlock(s, n);
    // (The zero bytes after n are never special: a table with NUL is not fast.)
    const uint32_t mask = SpecialMask<N>(t, ToVector(x));
    std::memcpy(dst, &x, 16);
    if (mask == 0) return dst + n;
    return EscapeBlock(t, x, n, mask, dst);
  }
  const char* p = s;
  const char* const end = s + n;
  bool clean = true;  // whether the block before p was written as it is
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    clean = SpecialMask<N>(t, v) == 0;
    if (clean) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), v);
      dst += 16;
    } else {
      dst = EscapeBytes(t, p, 16, dst);
    }
  }
  const size_t rem = static_cast<size_t>(end - p);
  if (rem == 0) return dst;
  const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
  if (SpecialMask<N>(t, last) == 0) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + rem - 16), last);
    return dst + rem;
  }
  // When the block before p was written as it is, its last 16 - rem bytes
  // are escaped again with the rest: a fixed count of bytes to escape.
  if (clean) return EscapeBytes(t, end - 16, 16, dst - (16 - rem));
  return EscapeBytes(t, p, rem, dst);
}
#endif

using ChunkFn = char* (*)(const EscapeTable&, const char*, size_t, char*);

// Whether t's special bytes are exactly HTML's five (HtmlSpecialMask).
bool IsHtml(const EscapeTable& t) {
  if (!t.fast || t.count != 5) return false;
  std::string chars(t.chars, t.chars + t.count);
  std::sort(chars.begin(), chars.end());
  return chars == "\"&'<>";
}

ChunkFn ChunkFor(const EscapeTable& t) {
  if (!t.fast) return nullptr;
#if defined(__SSE2__)
  if (IsHtml(t)) return EscapeChunk<0>;
  switch (t.count) {
    case 1: return EscapeChunk<1>;
    case 2: return EscapeChunk<2>;
    case 3: return EscapeChunk<3>;
    case 4: return EscapeChunk<4>;
    case 5: return EscapeChunk<5>;
    case 6: return EscapeChunk<6>;
    case 7: return EscapeChunk<7>;
    case 8: return EscapeChunk<8>;
    default: break;
  }
#endif
  return EscapeBytewise;
}

}  // namespace

#if defined(__SSE2__)
// For each special byte, in order: the 16 bytes of x from the first one not
// yet written (which holds the clean run before the special byte, and more
// that later stores overwrite), then the replacement. Shifts stay below 128
// bits: `done` is at most 15 before a special byte, and at 16 the last store
// is of bytes that lie past the end (the & 127 keeps the shift defined).
char* EscapeBlock(const EscapeTable& t, Block128 x, size_t len, uint32_t mask, char* w) {
  size_t done = 0;
  do {
    const size_t p = static_cast<size_t>(__builtin_ctz(mask));
    mask &= mask - 1;
    const Block128 run = x >> (8 * done);
    std::memcpy(w, &run, 16);
    w += p - done;
    w += Replace(t, static_cast<unsigned char>(x >> (8 * p)), w);
    done = p + 1;
  } while (mask != 0);
  const Block128 tail = x >> ((8 * done) & 127);
  std::memcpy(w, &tail, 16);
  return w + (len - done);
}

char* EscapeShortString(const EscapeTable& t, const char* p, size_t n, uint32_t mask, char* w) {
  return EscapeBlock(t, Load128(p), n, mask, w);
}
#endif

Escaper::Escaper() : table_(&Table()) {
  static const ChunkFn chunk = ChunkFor(*table_);
  chunk_ = chunk;
#if defined(__SSE2__)
  static const bool html = IsHtml(*table_);
  html_ = html;
#endif
}

char* Escaper::AppendSlow(std::string_view s, Output* out, char* w) const {
  if (chunk_ == nullptr) {
    std::string escaped;
    AppendHtmlEscaped(s, &escaped);
    return out->Append(w, escaped);
  }
  while (!s.empty()) {
    const size_t n = std::min(s.size(), kChunk);
    w = out->Room(w, Room(n));
    w = chunk_(*table_, s.data(), n, w);
    s.remove_prefix(n);
  }
  return w;
}

void AppendEscaped(std::string_view s, std::string* out) {
  Output o(out);
  o.Finish(Escaper().Append(s, &o, o.Start()));
}

}  // namespace kapstok::tmpl::internal
