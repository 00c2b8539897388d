// StringIdMap: an insert-only hash map from strings to uint32_t ids for the
// search stage's per-word hot loop (one lookup per word of every page).
// Keys are copied into one arena; slots are a flat array probed linearly,
// so a lookup touches one or two cache lines and allocates nothing.
// Owned by `search`.
#ifndef KAPSTOK_SEARCH_STRING_ID_MAP_H_
#define KAPSTOK_SEARCH_STRING_ID_MAP_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kapstok::search {

class StringIdMap {
 public:
  // The value stored for `key`, or nullptr. The pointer is valid until the
  // next Insert.
  const uint32_t* Find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = Hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.offset == kEmpty) return nullptr;
      if (s.hash == h && Equals(s, key)) return &s.value;
    }
  }

  // Stores key -> value unless `key` is present; returns the stored value
  // and whether it was inserted.
  std::pair<uint32_t, bool> Insert(std::string_view key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = Hash(key);
    size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.offset == kEmpty) break;
      if (s.hash == h && Equals(s, key)) return {s.value, false};
    }
    slots_[i] = {h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()), value};
    arena_.append(key);
    ++size_;
    return {value, true};
  }

  size_t size() const { return size_; }

  // Calls fn(key, value) for every entry, in no particular order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& s : slots_)
      if (s.offset != kEmpty) fn(std::string_view(arena_).substr(s.offset, s.length), s.value);
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash;
    uint32_t offset = kEmpty;  // of the key in arena_
    uint32_t length;
    uint32_t value;
  };

  static uint64_t Hash(std::string_view key) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    uint64_t h = key.size() * kMul;
    size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
      uint64_t chunk;
      std::memcpy(&chunk, key.data() + i, 8);
      h = (h ^ chunk) * kMul;
      h ^= h >> 29;
    }
    if (i < key.size()) {
      uint64_t chunk = 0;
      std::memcpy(&chunk, key.data() + i, key.size() - i);
      h = (h ^ chunk) * kMul;
    }
    h ^= h >> 32;
    h *= kMul;
    return h ^ (h >> 29);
  }

  bool Equals(const Slot& s, std::string_view key) const {
    return s.length == key.size() && std::memcmp(arena_.data() + s.offset, key.data(), s.length) == 0;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.offset == kEmpty) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].offset != kEmpty) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  std::string arena_;
};

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_STRING_ID_MAP_H_
