#include "template/output.h"

#include <algorithm>

namespace kapstok::tmpl::internal {
namespace {

constexpr size_t kMinRoom = 4096;

#if defined(__cpp_lib_string_resize_and_overwrite)
// *s at size n; bytes past its old size are indeterminate (the callers
// write them before they are read, or cut them off).
void ResizeForOverwrite(std::string* s, size_t n) {
  s->resize_and_overwrite(n, [](char*, size_t m) { return m; });
}
#elif defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI
// C++20's libstdc++ lacks resize_and_overwrite (C++23). Without it, making
// room would first fill it with zeros that the renderer then overwrites, so
// this sets the length through libstdc++'s private _M_set_length (which
// stores only the terminating NUL), reached through an explicit
// instantiation, where access is not checked ([temp.spec.general]);
// folly's resizeWithoutInitialization does the same. Any other library
// takes resize below. The length must not exceed the capacity.
void SetLength(std::string* s, size_t n);
template <void (std::string::*kSetLength)(std::string::size_type)>
struct LengthSetter {
  friend void SetLength(std::string* s, size_t n) { (s->*kSetLength)(n); }
};
template struct LengthSetter<&std::string::_M_set_length>;

// *s at size n; bytes past its old size are indeterminate.
void ResizeForOverwrite(std::string* s, size_t n) {
  if (n > s->size()) s->reserve(n);
  SetLength(s, n);
}
#else
void ResizeForOverwrite(std::string* s, size_t n) { s->resize(n); }
#endif

}  // namespace

Output::Output(std::string* out, size_t expected) : out_(out), base_(out->size()) {
  ResizeForOverwrite(out_, base_ + std::max(expected, kMinRoom));
  data_ = out_->data() + base_;
  end_ = out_->data() + out_->size();
}

Output::~Output() {
  // Without Finish the bytes written are not known (the cursor is the
  // caller's): cut *out back to what it held before, so that it never keeps
  // indeterminate bytes.
  if (!finished_) [[unlikely]] out_->resize(base_);
}

size_t Output::Finish(char* w) {
  finished_ = true;
  const size_t written = static_cast<size_t>(w - data_);
  out_->resize(base_ + written);  // (a cut: no copy, no fill)
  // A page much smaller than expected (or one that doubled the room just
  // before its end) does not keep the room it did not use.
  if (out_->capacity() - out_->size() > out_->size() / 2 + kMinRoom) out_->shrink_to_fit();
  return written;
}

char* Output::Grow(char* w, size_t n) {
  const size_t len = static_cast<size_t>(w - data_);
  const size_t room = static_cast<size_t>(end_ - data_);
  const size_t want = std::max({len + n, 2 * room, kMinRoom});
  out_->resize(base_ + len);  // so that only the bytes written are copied over
  ResizeForOverwrite(out_, base_ + want);
  data_ = out_->data() + base_;
  end_ = out_->data() + out_->size();
  return data_ + len;
}

}  // namespace kapstok::tmpl::internal
