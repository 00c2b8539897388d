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
    // Unused places repeat the first special byte (the short path in
    // escape.h always compares kShortSpecial of them).
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
inline size_t Replace(const EscapeTable& t, unsigned char c, char* dst) {
  std::memcpy(dst, t.replacement[c], kMaxReplacement);
  return t.length[c];
}

size_t EscapeBytewise(const EscapeTable& t, const char* s, size_t n, char* dst);

#if defined(__SSE2__)
// Bit i of the result is set when byte i of v is one of the first N special
// bytes.
template <int N>
inline uint32_t SpecialMask(const EscapeTable& t, __m128i v) {
  __m128i hit = _mm_setzero_si128();
  for (int i = 0; i < N; ++i) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, t.splat[i]));
  return static_cast<uint32_t>(_mm_movemask_epi8(hit));
}

// Escapes s[0, n) into dst, which has room for n * kMaxReplacement + 16 bytes;
// returns the number of bytes written. N is t.count.
template <int N>
size_t EscapeChunk(const EscapeTable& t, const char* s, size_t n, char* dst) {
  char* const start = dst;
  size_t i = 0;
  // Whole blocks: store the block, keep the bytes before its first special
  // byte (the rest is overwritten next), write the replacement and go on
  // from the byte after it.
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), v);
    const uint32_t mask = SpecialMask<N>(t, v);
    if (mask == 0) {
      i += 16;
      dst += 16;
      continue;
    }
    const size_t skip = static_cast<size_t>(__builtin_ctz(mask));
    dst += skip;
    i += skip;
    dst += Replace(t, static_cast<unsigned char>(s[i]), dst);
    ++i;
  }
  // The last bytes, as one zero-padded block (NUL is never special): stored
  // whole when none is special, else escaped bytewise.
  if (i < n) {
    const size_t rest = n - i;
    uint64_t lo = 0, hi = 0;
    if (rest >= 8) {
      std::memcpy(&lo, s + i, 8);
      if (rest > 8) {
        std::memcpy(&hi, s + n - 8, 8);
        hi >>= 8 * (16 - rest);  // keep the rest - 8 bytes after lo's
      }
    } else if (rest >= 4) {
      uint32_t a, b;
      std::memcpy(&a, s + i, 4);
      std::memcpy(&b, s + n - 4, 4);
      lo = a | (static_cast<uint64_t>(b) << (8 * (rest - 4)));
    } else {
      for (size_t k = 0; k < rest; ++k) {
        lo |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
      }
    }
    // (Built in registers; _mm_set_epi64x goes through the stack.)
    const __m128i v = _mm_unpacklo_epi64(_mm_cvtsi64_si128(static_cast<int64_t>(lo)),
                                         _mm_cvtsi64_si128(static_cast<int64_t>(hi)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), v);
    if (SpecialMask<N>(t, v) == 0) return static_cast<size_t>(dst - start) + rest;
    dst += EscapeBytewise(t, s + i, rest, dst);
  }
  return static_cast<size_t>(dst - start);
}
#endif

// No data-dependent branches: every byte has a "replacement".
size_t EscapeBytewise(const EscapeTable& t, const char* s, size_t n, char* dst) {
  char* const start = dst;
  for (size_t i = 0; i < n; ++i) dst += Replace(t, static_cast<unsigned char>(s[i]), dst);
  return static_cast<size_t>(dst - start);
}

using ChunkFn = size_t (*)(const EscapeTable&, const char*, size_t, char*);

ChunkFn ChunkFor(const EscapeTable& t) {
  if (!t.fast) return nullptr;
#if defined(__SSE2__)
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

Escaper::Escaper() : table_(&Table()) {
  static const ChunkFn chunk = ChunkFor(*table_);
  chunk_ = chunk;
#if defined(__SSE2__)
  if (chunk_ != nullptr && table_->count <= kShortSpecial) splat_ = table_->splat;
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
    w += chunk_(*table_, s.data(), n, w);
    s.remove_prefix(n);
  }
  return w;
}

void AppendEscaped(std::string_view s, std::string* out) {
  Output o(out);
  o.Finish(Escaper().Append(s, &o, o.Start()));
}

}  // namespace kapstok::tmpl::internal
