// StringIdMap: an insert-only hash map from strings to uint32_t ids for the
// search stage's per-word hot loop (one lookup per word of every page).
// Slots are a flat array probed linearly. A key of up to 16 bytes is held
// in its slot as two 64-bit words read from its bytes (with its length they
// determine it), so looking up a word touches one slot and calls no memcmp;
// longer keys are compared against a copy in an arena. Owned by `search`.
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
    const Key k = MakeKey(key);
    for (size_t i = k.hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.length == kEmpty) return nullptr;
      if (Matches(s, k, key)) return &s.value;
    }
  }

  // Stores key -> value unless `key` is present; returns the stored value
  // and whether it was inserted.
  std::pair<uint32_t, bool> Insert(std::string_view key, uint32_t value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const Key k = MakeKey(key);
    size_t i = k.hash & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.length == kEmpty) break;
      if (Matches(s, k, key)) return {s.value, false};
    }
    const uint32_t offset = static_cast<uint32_t>(arena_.size());
    arena_.append(key);
    slots_[i] = {k.a, key.size() <= kInline ? k.b : offset, static_cast<uint32_t>(key.size()),
                 value};
    entries_.push_back({offset, static_cast<uint32_t>(key.size()), value, k.hash});
    return {value, true};
  }

  size_t size() const { return entries_.size(); }

  // Calls fn(key, value) for every entry, in insertion order. The keys view
  // the map's arena (valid while the map lives and is not inserted into).
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Entry& e : entries_) fn(std::string_view(arena_).substr(e.offset, e.length), e.value);
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr size_t kInline = 16;
  static constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

  // A key's identity in a slot: up to 16 bytes, `a` and `b` are read from
  // its bytes such that (length, a, b) determine it; longer keys have their
  // hash in `a` and their arena offset in `b`.
  struct Slot {
    uint64_t a;
    uint64_t b;
    uint32_t length = kEmpty;  // kEmpty: a free slot
    uint32_t value;
  };
  struct Key {
    uint64_t a, b, hash;
  };
  struct Entry {
    uint32_t offset, length, value;
    uint64_t hash;
  };

  static uint64_t Load(const char* p, size_t n) {  // n <= 8
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    return v;
  }
  static uint64_t Mix(uint64_t h) {
    h ^= h >> 32;
    h *= kMul;
    return h ^ (h >> 29);
  }

  // For up to 16 bytes: two (possibly overlapping) reads that cover every
  // byte, so equal (length, a, b) means equal keys.
  static Key MakeKey(std::string_view key) {
    const char* p = key.data();
    const size_t n = key.size();
    uint64_t a, b;
    if (n > kInline) {
      const uint64_t h = LongHash(key);
      return {h, 0, h};
    }
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      a = lo;
      b = hi;
    } else if (n > 0) {
      a = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
      b = 0;
    } else {
      a = b = 0;
    }
    return {a, b, Mix((a ^ (b * kMul) ^ n) * kMul)};
  }

  static uint64_t LongHash(std::string_view key) {
    uint64_t h = key.size() * kMul;
    size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
      h = (h ^ Load(key.data() + i, 8)) * kMul;
      h ^= h >> 29;
    }
    if (i < key.size()) h = (h ^ Load(key.data() + i, key.size() - i)) * kMul;
    return Mix(h);
  }

  bool Matches(const Slot& s, const Key& k, std::string_view key) const {
    if (s.length != key.size() || s.a != k.a) return false;
    if (key.size() <= kInline) return s.b == k.b;
    return std::memcmp(arena_.data() + s.b, key.data(), key.size()) == 0;
  }

  void Grow() {
    slots_.assign(slots_.empty() ? 1024 : slots_.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Entry& e : entries_) {
      size_t i = e.hash & mask_;
      while (slots_[i].length != kEmpty) i = (i + 1) & mask_;
      const Key k = MakeKey(std::string_view(arena_).substr(e.offset, e.length));
      slots_[i] = {k.a, e.length <= kInline ? k.b : e.offset, e.length, e.value};
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<Entry> entries_;  // in insertion order
  std::string arena_;           // every key's bytes
};

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_STRING_ID_MAP_H_
