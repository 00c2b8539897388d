#include "base/text.h"

#include <gtest/gtest.h>

namespace kapstok {
namespace {

TEST(TextTest, SlugifyFoldsDiacriticsAndHyphenates) {
  EXPECT_EQ(Slugify("Eigen kracht versterken"), "eigen-kracht-versterken");
  EXPECT_EQ(Slugify("  Coördinatie & ideeën (België)! "), "coordinatie-ideeen-belgie");
  EXPECT_EQ(Slugify("Ĳsselmonde"), "ijsselmonde");
  EXPECT_EQ(Slugify("../../etc/passwd"), "etc-passwd");
}

TEST(TextTest, FindsInvalidUtf8) {
  EXPECT_EQ(FindInvalidUtf8("ok é"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("a\xc0\x80"), 1u);  // overlong NUL
  EXPECT_EQ(FindInvalidUtf8("\xed\xa0\x80"), 0u);  // surrogate
  // Past and across the 8-byte ASCII steps.
  EXPECT_EQ(FindInvalidUtf8("0123456789abcdef\xff"), 16u);
  EXPECT_EQ(FindInvalidUtf8("0123456789\xc3\xa9" "bcdefghij\xc3"), 21u);
  EXPECT_EQ(FindInvalidUtf8("01234567\xe2\x82\xac" + std::string(20, 'x')),
            std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("0123456\xe2\x82"), 7u);  // cut short at the end
}

TEST(TextTest, EscapesHtml) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(TextTest, ClosestMatchSuggestsNearNames) {
  std::vector<std::string> c = {"eigen-kracht-versterken", "integraal-werken", "op-de-vraag-af"};
  EXPECT_EQ(ClosestMatch("eigen-kracht", c), "eigen-kracht-versterken");
  EXPECT_EQ(ClosestMatch("integraal-werkn", c), "integraal-werken");
  EXPECT_EQ(ClosestMatch("zzz", c), "");
}

TEST(TextTest, ColumnOfByteCountsCodePoints) {
  EXPECT_EQ(ColumnOfByte("éé x", 5), 4);
}

}  // namespace
}  // namespace kapstok
