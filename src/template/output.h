// Output is the renderer's append-only byte sink. The renderer writes through
// a cursor (a char*) that it keeps in a local variable and passes along, so
// each append is one bounds check and a copy, with no std::string
// bookkeeping and no store and reload of a length per piece. Bytes are
// written straight into the caller's string: it is resized ahead of the
// cursor (to the size the caller expects, then doubling) and cut back to
// what was written by Finish(), so there is no second buffer to copy from.
// Internal to the `template` stage.
#ifndef KAPSTOK_TEMPLATE_OUTPUT_H_
#define KAPSTOK_TEMPLATE_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kapstok::tmpl::internal {

class Output {
 public:
  // Appends to *out, which must outlive this Output and must not be used
  // otherwise until Finish(): until then it is larger than what was written,
  // and the bytes past what was written are indeterminate. `expected` is the
  // number of bytes the caller expects to write: room for that many is made
  // at once.
  explicit Output(std::string* out, size_t expected = 0);
  // Without a Finish() call, cuts *out back to what it held before.
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  // The cursor at which writing starts.
  char* Start() const { return data_; }

  // Makes room for `n` bytes at cursor `w` (a cursor of this Output) and
  // returns the cursor to write them at: `w`, or its place in a larger buffer.
  char* Room(char* w, size_t n) {
    if (static_cast<size_t>(end_ - w) < n) [[unlikely]] return Grow(w, n);
    return w;
  }

  // Appends `s` at `w`; returns the cursor after it.
  char* Append(char* w, std::string_view s) {
    w = Room(w, s.size());
    Copy(w, s.data(), s.size());
    return w + s.size();
  }

  // Ends the output at cursor `w`: *out keeps what it held before plus the
  // bytes written. Returns the number of bytes written. Call once.
  size_t Finish(char* w);

  // Copies pieces of up to 64 bytes inline with overlapping moves (most
  // pieces of a page are a few bytes to a line); longer ones with memcpy.
  static void Copy(char* dst, const char* src, size_t n) {
    if (n > 16) {
      if (n > 64) {
        std::memcpy(dst, src, n);
        return;
      }
      // 17 to 64 bytes: 16-byte moves from both ends, overlapping.
      char a[16], b[16], c[16], d[16];
      std::memcpy(a, src, 16);
      std::memcpy(b, src + n - 16, 16);
      if (n > 32) {
        std::memcpy(c, src + 16, 16);
        std::memcpy(d, src + n - 32, 16);
        std::memcpy(dst + 16, c, 16);
        std::memcpy(dst + n - 32, d, 16);
      }
      std::memcpy(dst, a, 16);
      std::memcpy(dst + n - 16, b, 16);
    } else if (n >= 8) {
      uint64_t a, b;
      std::memcpy(&a, src, 8);
      std::memcpy(&b, src + n - 8, 8);
      std::memcpy(dst, &a, 8);
      std::memcpy(dst + n - 8, &b, 8);
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, src, 4);
      std::memcpy(&b, src + n - 4, 4);
      std::memcpy(dst, &a, 4);
      std::memcpy(dst + n - 4, &b, 4);
    } else {
      for (size_t i = 0; i < n; ++i) dst[i] = src[i];
    }
  }

 private:
  char* Grow(char* w, size_t n);

  std::string* out_;
  size_t base_;  // out_->size() before the first byte written
  char* data_;   // out_->data() + base_
  char* end_;    // out_->data() + out_->size()
  bool finished_ = false;
};

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_OUTPUT_H_
