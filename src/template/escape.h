// Fast HTML escaping for interpolated values. The set of bytes to escape and
// their replacements come from kapstok::AppendHtmlEscaped (base/text.h), so
// the output is always identical to it; this only finds the bytes that need
// escaping sixteen at a time and copies the clean runs between them in bulk.
// Internal to the `template` stage.
#ifndef KAPSTOK_TEMPLATE_ESCAPE_H_
#define KAPSTOK_TEMPLATE_ESCAPE_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "template/output.h"

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

  const EscapeTable* table_;
  ChunkFn chunk_;  // escapes at most kChunk bytes into Room(n) bytes
};

// Appends `s` to *out exactly as kapstok::AppendHtmlEscaped would.
void AppendEscaped(std::string_view s, std::string* out);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_ESCAPE_H_
