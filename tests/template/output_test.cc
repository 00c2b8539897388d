// The renderer's output buffer: appends land in order however far the
// buffer has to grow, a second Output on the same thread (while the first
// holds the thread's scratch buffer) works on its own, and escaping across
// its internal 4 KB chunks agrees with kapstok::AppendHtmlEscaped.
#include "template/output.h"

#include <string>

#include <gtest/gtest.h>

#include "base/text.h"
#include "template/escape.h"

namespace kapstok::tmpl::internal {
namespace {

TEST(OutputTest, AppendsInOrderThroughManyGrowths) {
  std::string out = "head:";
  std::string expected = out;
  {
    Output o(&out);
    char* w = o.Start();
    for (int i = 0; i < 20000; ++i) {
      std::string piece(static_cast<size_t>(i % 97), static_cast<char>('a' + i % 26));
      w = o.Append(w, piece);
      expected += piece;
    }
    o.Finish(w);
  }
  EXPECT_EQ(out, expected);
}

TEST(OutputTest, NestedOutputsOnOneThreadAreIndependent) {
  std::string outer, inner;
  Output a(&outer);
  char* wa = a.Append(a.Start(), "outer-1 ");
  {
    Output b(&inner);
    char* wb = b.Append(b.Start(), std::string(10000, 'i'));
    wa = a.Append(wa, "outer-2");
    b.Finish(wb);
  }
  a.Finish(wa);
  EXPECT_EQ(outer, "outer-1 outer-2");
  EXPECT_EQ(inner, std::string(10000, 'i'));
}

TEST(OutputTest, EscapesLongValuesAcrossChunks) {
  std::string s;
  for (int i = 0; s.size() < 20000; ++i) s += (i % 13 == 0) ? "<&>\"'" : "plain text ";
  std::string got = "x";
  AppendEscaped(s, &got);
  std::string want = "x";
  want += HtmlEscape(s);
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace kapstok::tmpl::internal
