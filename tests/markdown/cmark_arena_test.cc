// Render() parses into a per-thread arena (cmark_arena.h): pages small and
// large, rendered one after another and inside another scope, must come out
// exactly as with cmark's own allocator.
#include "markdown/cmark_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "cmark_html.h"
#include "fake_resolver.h"
#include "markdown/cmark_util.h"
#include "markdown/markdown.h"

#if defined(__SANITIZE_ADDRESS__)
#define KAPSTOK_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KAPSTOK_TEST_ASAN 1
#endif
#endif

#if defined(KAPSTOK_TEST_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace kapstok::markdown {
namespace {

// No headings or tables (Render adds ids and wrappers to those), but every
// other kind of node, and buffers that grow.
std::string Page(int repeat) {
  std::string md;
  for (int i = 0; i < repeat; ++i) {
    md += "Tekst *nadruk* **sterk** ~~weg~~ `code` [link](https://example.nl/" +
          std::to_string(i) + ") www.example.nl &amp;\nregel twee\\\nnog een\n\n"
          "- [ ] taak\n- [x] klaar\n  1. genest\n\n> citaat\n\n```c\nint x = 1;\n```\n\n";
  }
  return md;
}

TEST(CmarkArenaTest, RendersExactlyAsCmarksOwnAllocatorDoes) {
  FakeResolver resolver;
  Options options;
  options.path = "x.md";
  // 1 page, then pages far past one arena block (256 KiB), then small again:
  // the arena is reset and reused in between.
  for (int repeat : {1, 3000, 1, 20000, 2}) {
    const std::string md = Page(repeat);
    ASSERT_EQ(Render(md, options, resolver, nullptr).html, CmarkHtml(md, CMARK_OPT_DEFAULT)) << repeat;
  }
}

TEST(CmarkArenaTest, ANestedScopeUsesTheDefaultAllocator) {
  ArenaScope outer;
  EXPECT_TRUE(outer.active());
  {
    ArenaScope inner;
    EXPECT_FALSE(inner.active());
    EXPECT_EQ(inner.mem(), cmark_get_default_mem_allocator());
  }
  EXPECT_NE(outer.mem(), cmark_get_default_mem_allocator());
  // Render inside a scope takes the default allocator and frees its
  // document itself; the result is the same.
  FakeResolver resolver;
  Options options;
  options.path = "x.md";
  const std::string md = Page(3);
  EXPECT_EQ(Render(md, options, resolver, nullptr).html, CmarkHtml(md, CMARK_OPT_DEFAULT));
}

TEST(CmarkArenaTest, AllocationsAreAlignedAndKeepTheirBytesWhenGrown) {
  ArenaScope scope;
  cmark_mem* mem = scope.mem();
  char* a = static_cast<char*>(mem->calloc(3, 7));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 16, 0u);
  for (int i = 0; i < 21; ++i) EXPECT_EQ(a[i], 0);
  std::memcpy(a, "abcdefghijklmnopqrstu", 21);
  char* const first = a;
  a = static_cast<char*>(mem->realloc(a, 1000));
  EXPECT_EQ(a, first);  // the newest: grows in place
  char* b = static_cast<char*>(mem->calloc(1, 5));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 16, 0u);
  EXPECT_GE(b, a + 1000);  // after a's new size, not over it
  a = static_cast<char*>(mem->realloc(a, 600000));  // moves, past a block
  EXPECT_NE(a, first);
  EXPECT_EQ(std::string(a, 21), "abcdefghijklmnopqrstu");
  char* const five = b;
  b = static_cast<char*>(mem->realloc(b, 3));
  EXPECT_EQ(b, five);  // not the newest: shrinks where it is
  mem->free(a);
  mem->free(b);
}

TEST(CmarkArenaTest, FreeingTheNewestAllocationGivesItsRoomBack) {
  ArenaScope scope;
  cmark_mem* mem = scope.mem();
  void* older = mem->calloc(1, 40);
  void* newest = mem->calloc(1, 100);
  mem->free(newest);
  EXPECT_EQ(mem->calloc(1, 100), newest);  // the same room again
  void* next = mem->calloc(1, 8);
  mem->free(older);  // not the newest: kept until the scope ends
  void* after = mem->calloc(1, 8);
  EXPECT_NE(after, older);
  EXPECT_GT(after, next);
}

#if defined(KAPSTOK_TEST_ASAN)
// Under AddressSanitizer freed arena bytes are poisoned, so that reading a
// node a pass freed (a use after free) is reported although the arena keeps
// the memory until the scope ends.
TEST(CmarkArenaTest, FreedBytesArePoisonedUnderAddressSanitizer) {
  ArenaScope scope;
  cmark_mem* mem = scope.mem();
  char* older = static_cast<char*>(mem->calloc(1, 64));
  char* newest = static_cast<char*>(mem->calloc(1, 64));
  EXPECT_FALSE(__asan_address_is_poisoned(older));
  mem->free(newest);
  EXPECT_TRUE(__asan_address_is_poisoned(newest));
  mem->free(older);
  EXPECT_TRUE(__asan_address_is_poisoned(older));
  EXPECT_TRUE(__asan_address_is_poisoned(older + 63));
  char* buffer = static_cast<char*>(mem->calloc(1, 64));
  char* last = static_cast<char*>(mem->calloc(1, 64));
  buffer = static_cast<char*>(mem->realloc(buffer, 16));  // shrinks where it is
  EXPECT_FALSE(__asan_address_is_poisoned(buffer + 15));
  EXPECT_TRUE(__asan_address_is_poisoned(buffer + 32));
  buffer = static_cast<char*>(mem->realloc(buffer, 48));  // grows back into its room
  EXPECT_FALSE(__asan_address_is_poisoned(buffer + 47));
  last = static_cast<char*>(mem->realloc(last, 16));  // the newest shrinks in place
  EXPECT_TRUE(__asan_address_is_poisoned(last + 32));
  char* moved = static_cast<char*>(mem->realloc(buffer, 4096));  // moves
  EXPECT_TRUE(__asan_address_is_poisoned(buffer));
  EXPECT_FALSE(__asan_address_is_poisoned(moved + 4095));
}
#endif

}  // namespace
}  // namespace kapstok::markdown
