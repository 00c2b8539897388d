// The template stage's fast HTML escaping must agree byte for byte with
// kapstok::AppendHtmlEscaped, whatever the length and wherever the special
// bytes fall relative to its 16-byte blocks.
#include "template/escape.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "base/text.h"
#include "template/output.h"

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

// The renderer escapes std::strings: those short enough to live inside the
// object (fewer than 16 bytes) take their own path, read as one block.
std::string EscapeStdString(const std::string& s) {
  std::string out = "x";
  Output o(&out);
  o.Finish(Escaper().Append(s, &o, o.Start()));
  return out;
}

TEST(EscapeTest, StdStringsAgreeWithBaseAtEveryLength) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab <>&\"'\xc3\xa9\n";
  for (int len = 0; len < 70; ++len) {
    for (int round = 0; round < 20; ++round) {
      std::string s;
      for (int i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
      ASSERT_EQ(EscapeStdString(s), "x" + HtmlEscape(s)) << "input: " << s;
    }
  }
}

TEST(EscapeTest, BlocksFullOfSpecialBytes) {
  for (int len = 0; len < 40; ++len) {
    for (char c : std::string("<>&\"'")) {
      const std::string s(static_cast<size_t>(len), c);
      ASSERT_EQ(EscapeStdString(s), "x" + HtmlEscape(s)) << "input: " << s;
      std::string got = "x";
      AppendEscaped(s, &got);
      ASSERT_EQ(got, "x" + HtmlEscape(s)) << "input: " << s;
    }
  }
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (size_t n = 0; n < all.size(); n += 7) {
    const std::string s = all.substr(n, 15);  // short, kept in the object
    ASSERT_EQ(EscapeStdString(s), "x" + HtmlEscape(s)) << n;
  }
}

}  // namespace
}  // namespace kapstok::tmpl::internal
