#include "template/output.h"

#include <algorithm>

namespace kapstok::tmpl::internal {
namespace {

// One per thread, kept between renders: it grows to the largest page the
// thread has rendered.
struct Scratch {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
  bool busy = false;
};

thread_local Scratch scratch;

constexpr size_t kMinCapacity = 4096;
// A scratch buffer past this size (a freak page) is freed after its render.
constexpr size_t kMaxKeptCapacity = size_t{16} << 20;

}  // namespace

Output::Output(std::string* out) : out_(out) {
  size_t capacity = 0;
  if (!scratch.busy) {
    scratch.busy = true;
    owns_scratch_ = true;
    buffer_ = &scratch.data;
    capacity = scratch.capacity;
  } else {
    buffer_ = &own_;
  }
  data_ = buffer_->get();
  end_ = data_ + capacity;
}

Output::~Output() {
  if (!owns_scratch_) return;
  scratch.capacity = static_cast<size_t>(end_ - data_);
  if (scratch.capacity > kMaxKeptCapacity) {
    scratch.data.reset();
    scratch.capacity = 0;
  }
  scratch.busy = false;
}

void Output::Finish(char* w) {
  if (w != data_) out_->append(data_, static_cast<size_t>(w - data_));
}

char* Output::Grow(char* w, size_t n) {
  const size_t len = static_cast<size_t>(w - data_);
  const size_t want = std::max({len + n, 2 * static_cast<size_t>(end_ - data_), kMinCapacity});
  std::unique_ptr<char[]> bigger(new char[want]);
  if (len > 0) std::memcpy(bigger.get(), data_, len);
  *buffer_ = std::move(bigger);
  data_ = buffer_->get();
  end_ = data_ + want;
  return data_ + len;
}

}  // namespace kapstok::tmpl::internal
