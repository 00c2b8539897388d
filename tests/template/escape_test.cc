// The template stage's fast HTML escaping must agree byte for byte with
// kapstok::AppendHtmlEscaped, whatever the length and wherever the special
// bytes fall relative to its 16-byte blocks.
#include "template/escape.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "base/text.h"

namespace kapstok::tmpl::internal {
namespace {

TEST(EscapeTest, EscapesLikeAppendHtmlEscaped) {
  std::string out = "x";
  AppendEscaped("<a href=\"#\">Tom & Jerry's</a>", &out);
  EXPECT_EQ(out, "x&lt;a href=&quot;#&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(EscapeTest, AgreesWithBaseOnRandomStringsOfEveryLength) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab <>&\"'\xc3\xa9\n";
  for (int len = 0; len < 70; ++len) {
    for (int round = 0; round < 20; ++round) {
      std::string s;
      for (int i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
      std::string got;
      AppendEscaped(s, &got);
      ASSERT_EQ(got, HtmlEscape(s)) << "input: " << s;
    }
  }
}

TEST(EscapeTest, EveryByteValue) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  std::string got;
  AppendEscaped(all + all, &got);
  EXPECT_EQ(got, HtmlEscape(all + all));
}

}  // namespace
}  // namespace kapstok::tmpl::internal
