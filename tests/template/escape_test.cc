// The template stage's fast HTML escaping must agree byte for byte with
// kapstok::AppendHtmlEscaped, whatever the length and wherever the special
// bytes fall relative to its 16-byte blocks.
#include "template/escape.h"

#include <cstring>
#include <memory>
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

// A short std::string keeps what an earlier, longer value left in its
// buffer after its end: special bytes there must not count.
TEST(EscapeTest, StdStringsIgnoreSpecialBytesLeftAfterTheirEnd) {
  for (char special : std::string("<>&\"'")) {
    for (size_t len = 0; len < 15; ++len) {
      std::string s(15, special);
      s.replace(0, len, len, 'a');
      s.resize(len);  // (stays in the object's buffer: bytes len + 1 .. 14 are still special)
      ASSERT_EQ(EscapeStdString(s), "x" + std::string(len, 'a')) << len << " " << special;
      s.assign(len, special);
      ASSERT_EQ(EscapeStdString(s), "x" + HtmlEscape(s))
          << len << " " << special;
    }
  }
}

// Escapes s from a heap block of exactly its size (so that the ASan build
// reports any read past either end) after a prefix already in the output
// (so that a store before the cursor would show), as a string_view and as a
// std::string: both must give the prefix plus HtmlEscape(s).
::testing::AssertionResult EscapesLikeBase(const std::string& s) {
  const std::unique_ptr<char[]> exact(new char[s.size()]);
  if (!s.empty()) std::memcpy(exact.get(), s.data(), s.size());
  std::string want = "prefix";
  want += HtmlEscape(s);
  std::string got = "prefix";
  AppendEscaped(std::string_view(exact.get(), s.size()), &got);
  if (got != want) {
    return ::testing::AssertionFailure() << "string_view of " << s.size() << " bytes: " << s
                                         << "\ngives " << got;
  }
  got = EscapeStdString(s);
  if (got != std::string("x").append(want, 6)) {
    return ::testing::AssertionFailure() << "std::string of " << s.size() << " bytes: " << s
                                         << "\ngives " << got;
  }
  return ::testing::AssertionSuccess();
}

// One special byte at every position of every length up to 100: first and
// last byte of each 16-byte block, of the block copied whole and of the
// overlapping last block, in the part of a value read from the source and
// in the last 32 bytes (copied aside before they are escaped).
TEST(EscapeTest, OneSpecialByteAtEveryPositionOfEveryLength) {
  for (size_t len = 1; len <= 100; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (char c : std::string("<>&\"'")) {
        std::string s;
        for (size_t k = 0; k < len; ++k) s += static_cast<char>('a' + k % 26);
        s[at] = c;
        ASSERT_TRUE(EscapesLikeBase(s));
      }
    }
  }
}

// Two special bytes at every pair of positions up to 70 bytes: runs between
// them of every length, across block boundaries and into the last 32 bytes.
TEST(EscapeTest, TwoSpecialBytesAtEveryPairOfPositions) {
  for (size_t len = 2; len <= 70; ++len) {
    for (size_t x = 0; x < len; ++x) {
      for (size_t y = x + 1; y < len; ++y) {
        std::string s;
        for (size_t k = 0; k < len; ++k) s += static_cast<char>('A' + k % 26);
        s[x] = '"';
        s[y] = '&';
        ASSERT_TRUE(EscapesLikeBase(s));
      }
    }
  }
}

// Values that are all special bytes, none, or only bytes next to the special
// ones (which the three-compare mask must not take for them), at every length.
TEST(EscapeTest, AllSpecialNoneSpecialAndNearMissesAtEveryLength) {
  for (size_t len = 0; len <= 100; ++len) {
    for (char c : {'<', '>', '&', '"', '\'', 'a', '!', '#', '%', '(', ')', '=', ';', '?', '\0',
                   '\xff'}) {
      ASSERT_TRUE(EscapesLikeBase(std::string(len, c)));
    }
    std::string mixed;
    for (size_t k = 0; k < len; ++k) mixed += "<a&'\"b>!#="[k % 10];
    ASSERT_TRUE(EscapesLikeBase(mixed));
  }
}

// Around the chunk size (4096): values escaped in one chunk, and in several
// where the last chunk is short, with special bytes at the chunk borders.
TEST(EscapeTest, ValuesAroundTheChunkSize) {
  for (size_t len : {4064u, 4079u, 4080u, 4095u, 4096u, 4097u, 4111u, 4112u, 4127u, 4128u,
                     8192u, 8193u, 8207u, 8208u, 8209u}) {
    std::string s(len, 'x');
    for (size_t k = 0; k < len; k += 97) s[k] = '<';
    for (size_t at : {0u, 4095u, 4096u, 4097u, 8191u, 8192u}) {
      if (at < len) s[at] = '&';
    }
    s[len - 1] = '>';
    ASSERT_TRUE(EscapesLikeBase(s));
    ASSERT_TRUE(EscapesLikeBase(std::string(len, '\'')));
    ASSERT_TRUE(EscapesLikeBase(std::string(len, 'y')));
  }
}

// Random values over an alphabet dense in special bytes, of every length up
// to 160: every combination of clean and special blocks.
TEST(EscapeTest, RandomValuesUpTo160Bytes) {
  std::mt19937 rng(2024);
  const std::string clean = "ab \xc3\xa9\n", special = "<>&\"'";
  for (size_t len = 0; len <= 160; ++len) {
    for (int round = 0; round < 50; ++round) {
      std::string s;
      const size_t density = 1 + rng() % 8;  // one special in about density bytes
      for (size_t k = 0; k < len; ++k) {
        s += rng() % density == 0 ? special[rng() % 5] : clean[rng() % 6];
      }
      ASSERT_TRUE(EscapesLikeBase(s));
    }
  }
}

#if defined(__SSE2__)
// The block mask finds every byte that HtmlEscape changes, in every place of
// a block, and no other byte but '#' (which it documents).
TEST(EscapeTest, HtmlSpecialMaskFindsExactlyTheSpecialBytesAndHash) {
  for (int c = 0; c < 256; ++c) {
    const std::string one(1, static_cast<char>(c));
    const bool special = HtmlEscape(one) != one;
    for (int at = 0; at < 16; ++at) {
      char block[16];
      std::memset(block, 'a', sizeof block);
      block[at] = static_cast<char>(c);
      const uint32_t mask =
          HtmlSpecialMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block)));
      const uint32_t want = special || c == '#' ? 1u << at : 0u;
      ASSERT_EQ(mask, want) << "byte " << c << " at " << at;
    }
  }
}
#endif

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
