#include "markdown/cmark_arena.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)  // GCC
#define KAPSTOK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang (the fuzzers)
#define KAPSTOK_ASAN 1
#endif
#endif
#if defined(KAPSTOK_ASAN)
#include <sanitizer/asan_interface.h>
#define KAPSTOK_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define KAPSTOK_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define KAPSTOK_POISON(p, n) ((void)(p), (void)(n))
#define KAPSTOK_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace kapstok::markdown {
namespace {

constexpr size_t kAlign = 16;   // what malloc guarantees on x86-64 and arm64
constexpr size_t kHeader = 16;  // each allocation's size is kept just before it
constexpr size_t kBlockSize = size_t{256} << 10;  // a page's document fits in one or two

size_t RoundUp(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

// A block of arena memory: this header, then the allocations.
struct Block {
  Block* next;
  size_t size;  // of the whole block, header included
  char* begin() { return reinterpret_cast<char*>(this) + RoundUp(sizeof(Block)); }
  char* end() { return reinterpret_cast<char*>(this) + size; }
};

[[noreturn]] void OutOfMemory() {
  // cmark's own allocator aborts too when the system has no memory left.
  std::abort();
}

class Arena {
 public:
  ~Arena() {
    FreeBlocks(nullptr);
  }

  void* Allocate(size_t n) {
    if (n > SIZE_MAX - kHeader - kAlign) OutOfMemory();
    const size_t need = kHeader + RoundUp(n);
    if (need > static_cast<size_t>(end_ - cur_)) NewBlock(need);
    char* p = cur_ + kHeader;
    KAPSTOK_UNPOISON(p - kHeader, need);
    std::memcpy(p - sizeof(size_t), &n, sizeof(size_t));
    cur_ += need;
    last_ = p;
    return p;
  }

  void* Reallocate(void* ptr, size_t n) {
    if (ptr == nullptr) return Allocate(n);
    char* p = static_cast<char*>(ptr);
    size_t old;
    std::memcpy(&old, p - sizeof(size_t), sizeof(size_t));
    // The newest allocation (a growing buffer, usually) grows in place.
    const size_t room = static_cast<size_t>(end_ - p);
    if (p == last_ && n <= room && RoundUp(n) <= room) {
      char* const old_end = cur_;  // p + RoundUp(old)
      cur_ = p + RoundUp(n);
      KAPSTOK_UNPOISON(p, RoundUp(n));
      if (cur_ < old_end) KAPSTOK_POISON(cur_, old_end - cur_);  // shrunk in place
      std::memcpy(p - sizeof(size_t), &n, sizeof(size_t));
      return p;
    }
    if (n <= old) {
      // Shrinking: the old room is kept (the header keeps the old size), the
      // bytes past `n` are not the caller's any more.
      KAPSTOK_UNPOISON(p, n);
      KAPSTOK_POISON(p + n, RoundUp(old) - n);
      return p;
    }
    void* q = Allocate(n);
    KAPSTOK_UNPOISON(p, old);  // bytes past a shrunk size are copied too
    std::memcpy(q, p, old);
    KAPSTOK_POISON(p, RoundUp(old));  // realloc frees the old allocation
    return q;
  }

  void Free(void* ptr) {
    if (ptr == nullptr) return;
    // Only the newest allocation is given back (a buffer freed right after
    // use); everything else goes when the scope ends. Under AddressSanitizer
    // the freed bytes are poisoned, so that a use after free is reported.
    char* p = static_cast<char*>(ptr);
    if (p == last_) {
      KAPSTOK_POISON(p - kHeader, cur_ - (p - kHeader));
      cur_ = p - kHeader;
      last_ = nullptr;
      return;
    }
#if defined(KAPSTOK_ASAN)
    size_t size;
    std::memcpy(&size, p - sizeof(size_t), sizeof(size_t));
    KAPSTOK_POISON(p, RoundUp(size));
#endif
  }

  // Drops every allocation; keeps one standard block for the next scope.
  void Reset() {
    Block* keep = nullptr;
    for (Block* b = blocks_; b != nullptr; b = b->next) {
      if (b->size == kBlockSize) keep = b;  // the oldest standard block
    }
    FreeBlocks(keep);
    blocks_ = keep;
    if (keep != nullptr) {
      keep->next = nullptr;
      cur_ = keep->begin();
      end_ = keep->end();
      KAPSTOK_POISON(cur_, end_ - cur_);
    } else {
      cur_ = end_ = nullptr;
    }
    last_ = nullptr;
  }

 private:
  void NewBlock(size_t need) {
    const size_t size = need + RoundUp(sizeof(Block)) > kBlockSize
                            ? need + RoundUp(sizeof(Block))
                            : kBlockSize;
    Block* b = static_cast<Block*>(std::malloc(size));
    if (b == nullptr) OutOfMemory();
    b->next = blocks_;
    b->size = size;
    blocks_ = b;
    cur_ = b->begin();
    end_ = b->end();
    KAPSTOK_POISON(cur_, end_ - cur_);
  }

  // Frees every block but `keep`.
  void FreeBlocks(Block* keep) {
    for (Block* b = blocks_; b != nullptr;) {
      Block* next = b->next;
      if (b != keep) {
        KAPSTOK_UNPOISON(b, b->size);
        std::free(b);
      }
      b = next;
    }
    if (keep == nullptr) blocks_ = nullptr;
  }

  char* cur_ = nullptr;  // free space of the newest block: [cur_, end_)
  char* end_ = nullptr;
  char* last_ = nullptr;  // the newest allocation, if not freed
  Block* blocks_ = nullptr;  // newest first
};

thread_local Arena arena;
thread_local bool arena_in_use = false;

void* ArenaCalloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) OutOfMemory();
  void* p = arena.Allocate(count * size);
  std::memset(p, 0, count * size);
  return p;
}
void* ArenaRealloc(void* p, size_t size) { return arena.Reallocate(p, size); }
void ArenaFree(void* p) { arena.Free(p); }

cmark_mem arena_mem = {ArenaCalloc, ArenaRealloc, ArenaFree};

}  // namespace

ArenaScope::ArenaScope() : active_(!arena_in_use) {
  if (active_) arena_in_use = true;
}

ArenaScope::~ArenaScope() {
  if (!active_) return;
  arena.Reset();
  arena_in_use = false;
}

cmark_mem* ArenaScope::mem() const {
  return active_ ? &arena_mem : cmark_get_default_mem_allocator();
}

}  // namespace kapstok::markdown
