#include "model/path_index.h"

#include <cassert>
#include <cstring>
#include <limits>

namespace kapstok::model {

PathIndex::PathIndex(std::initializer_list<std::pair<std::string_view, const Page*>> entries) {
  Reserve(entries.size());
  for (const auto& [path, page] : entries) Insert(path, page);
}

// Eight bytes at a time, each step multiplied and folded (as splitmix64
// mixes): paths of 20-80 bytes take a few steps, and the low bits that pick
// a slot depend on every byte.
uint64_t PathIndex::Hash(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  uint64_t tail = 0;
  // An empty view may have a null data(): memcpy must not see it.
  if (i < s.size()) std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

size_t PathIndex::SlotOf(std::string_view path, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.page == nullptr || (s.hash == hash && KeyOf(s) == path)) return i;
  }
}

void PathIndex::Grow(size_t n) {
  size_t capacity = slots_.empty() ? 16 : slots_.size();
  while (capacity < 2 * n) capacity *= 2;
  if (capacity == slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  const size_t mask = capacity - 1;
  for (const Slot& s : old) {
    if (s.page == nullptr) continue;
    size_t i = s.hash & mask;
    while (slots_[i].page != nullptr) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void PathIndex::Reserve(size_t n) { Grow(n); }

bool PathIndex::Insert(std::string_view path, const Page* page) {
  assert(page != nullptr);
  Grow(size_ + 1);
  const uint64_t hash = Hash(path);
  Slot& s = slots_[SlotOf(path, hash)];
  if (s.page != nullptr) return false;
  // Offsets and sizes are 32 bits: a site's paths come nowhere near 4 GiB.
  assert(keys_.size() + path.size() <= std::numeric_limits<uint32_t>::max());
  s.hash = hash;
  s.key_offset = static_cast<uint32_t>(keys_.size());
  s.key_size = static_cast<uint32_t>(path.size());
  s.page = page;
  keys_.append(path);
  ++size_;
  return true;
}

void PathIndex::Set(std::string_view path, const Page* page) {
  if (!Insert(path, page)) slots_[SlotOf(path, Hash(path))].page = page;
}

const Page* PathIndex::Find(std::string_view path) const {
  if (slots_.empty()) return nullptr;
  return slots_[SlotOf(path, Hash(path))].page;
}

std::vector<std::string_view> PathIndex::Paths() const {
  std::vector<std::string_view> out;
  out.reserve(size_);
  for (const Slot& s : slots_)
    if (s.page != nullptr) out.push_back(KeyOf(s));
  return out;
}

}  // namespace kapstok::model
