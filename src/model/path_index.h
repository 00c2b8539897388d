// PathIndex finds a page by its source path relative to content/
// ("kenmerken/x.md"). Every relation id and every Markdown link of every page
// is looked up here (about 180,000 lookups for 10,000 pages), so it is an
// open-addressing hash table: {hash, key, page} slots in one array, the keys
// in one buffer. A lookup reads one slot and one key, where
// std::unordered_map<std::string, ...> read a bucket, a node and the node's
// key string. Lookups (const methods) may run on many threads at once;
// changes may not. Owned by the `model` stage.
#ifndef KAPSTOK_MODEL_PATH_INDEX_H_
#define KAPSTOK_MODEL_PATH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kapstok::model {

struct Page;

class PathIndex {
 public:
  PathIndex() = default;
  // The entries, as Insert() would add them one by one.
  PathIndex(std::initializer_list<std::pair<std::string_view, const Page*>> entries);

  // Adds path -> page and returns true; when `path` is there already, keeps
  // the page it has and returns false. `page` must not be null.
  bool Insert(std::string_view path, const Page* page);
  // Adds path -> page, or gives `path` the page `page`. `page` must not be null.
  void Set(std::string_view path, const Page* page);
  // Room for `n` paths without growing.
  void Reserve(size_t n);

  // The page of `path`, or null.
  const Page* Find(std::string_view path) const;
  size_t size() const { return size_; }
  // Every path, in no particular order (sort them where order matters). The
  // views are valid until the next change.
  std::vector<std::string_view> Paths() const;

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t key_offset = 0;  // in keys_
    uint32_t key_size = 0;
    const Page* page = nullptr;  // null: an empty slot
  };
  static uint64_t Hash(std::string_view s);
  // The slot of `path` (hashed to `hash`), or the empty slot where it goes.
  // The table must have an empty slot.
  size_t SlotOf(std::string_view path, uint64_t hash) const;
  std::string_view KeyOf(const Slot& s) const { return {keys_.data() + s.key_offset, s.key_size}; }
  // Doubles the table (at least) until `n` entries keep it at most half full.
  void Grow(size_t n);

  std::vector<Slot> slots_;  // a power of two in size, or empty
  std::string keys_;         // every key, one after another
  size_t size_ = 0;
};

}  // namespace kapstok::model

#endif  // KAPSTOK_MODEL_PATH_INDEX_H_
