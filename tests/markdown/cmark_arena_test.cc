// Render() parses into a per-thread arena (cmark_arena.h): pages small and
// large, rendered one after another and inside another scope, must come out
// exactly as with cmark's own allocator.
#include "markdown/cmark_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "fake_resolver.h"
#include "markdown/cmark_util.h"
#include "markdown/markdown.h"

namespace kapstok::markdown {
namespace {

// cmark-gfm with its default allocator (malloc and free).
std::string CmarkHtml(std::string_view markdown) {
  ParserPtr parser = NewGfmParser(CMARK_OPT_DEFAULT);
  NodePtr document = ParseDocument(parser.get(), markdown);
  CmarkString html(cmark_render_html(document.get(), CMARK_OPT_DEFAULT,
                                     cmark_parser_get_syntax_extensions(parser.get())));
  return html.get();
}

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
    ASSERT_EQ(Render(md, options, resolver, nullptr).html, CmarkHtml(md)) << repeat;
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
  EXPECT_EQ(Render(md, options, resolver, nullptr).html, CmarkHtml(md));
}

TEST(CmarkArenaTest, AllocationsAreAlignedAndKeepTheirBytesWhenGrown) {
  ArenaScope scope;
  cmark_mem* mem = scope.mem();
  char* a = static_cast<char*>(mem->calloc(3, 7));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 16, 0u);
  for (int i = 0; i < 21; ++i) EXPECT_EQ(a[i], 0);
  std::memcpy(a, "abcdefghijklmnopqrstu", 21);
  a = static_cast<char*>(mem->realloc(a, 1000));  // the newest: grows in place
  char* b = static_cast<char*>(mem->calloc(1, 5));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 16, 0u);
  a = static_cast<char*>(mem->realloc(a, 600000));  // moves, past a block
  EXPECT_EQ(std::string(a, 21), "abcdefghijklmnopqrstu");
  b = static_cast<char*>(mem->realloc(b, 3));  // shrinks where it is
  mem->free(a);
  mem->free(b);
}

}  // namespace
}  // namespace kapstok::markdown
