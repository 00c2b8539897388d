// The renderer's output buffer: appends land in order, after what the string
// held, however far it has to grow and whatever room was asked for; two
// Outputs on one thread are independent; a string does not keep much room
// it did not use; and escaping across its internal 4 KB chunks agrees with
// kapstok::AppendHtmlEscaped.
#include "template/output.h"

#include <string>

#include <gtest/gtest.h>

#include "base/text.h"
#include "template/escape.h"

namespace kapstok::tmpl::internal {
namespace {

TEST(OutputTest, AppendsInOrderThroughManyGrowths) {
  for (size_t expected_size : {size_t{0}, size_t{10}, size_t{1} << 16}) {
    std::string out = "head:";
    std::string expected = out;
    {
      Output o(&out, expected_size);
      char* w = o.Start();
      for (int i = 0; i < 20000; ++i) {
        std::string piece(static_cast<size_t>(i % 97), static_cast<char>('a' + i % 26));
        w = o.Append(w, piece);
        expected += piece;
      }
      EXPECT_EQ(o.Finish(w), expected.size() - 5);
    }
    EXPECT_EQ(out, expected);
  }
}

TEST(OutputTest, DoesNotKeepRoomItDidNotUse) {
  std::string out = "head:";
  Output o(&out, size_t{1} << 20);
  o.Finish(o.Append(o.Start(), "abc"));
  EXPECT_EQ(out, "head:abc");
  EXPECT_LT(out.capacity(), 8192u);
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

TEST(OutputTest, WithoutFinishTheStringKeepsWhatItHeldBefore) {
  std::string s = "before";
  {
    Output o(&s, 100);
    char* w = o.Append(o.Start(), "written");
    w = o.Append(w, std::string(5000, 'x'));  // (grows)
  }
  EXPECT_EQ(s, "before");
}

}  // namespace
}  // namespace kapstok::tmpl::internal
