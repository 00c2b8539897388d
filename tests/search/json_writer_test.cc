#include "search/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace kapstok::search {
namespace {

// What the index files were written with before the hand-written writer.
std::string Nlohmann(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

std::string Written(const std::string& s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(JsonWriterTest, EscapesLikeNlohmannEnsureAscii) {
  EXPECT_EQ(Written("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"");
  EXPECT_EQ(Written("\b\t\n\f\r\x01\x1f\x7f"), "\"\\b\\t\\n\\f\\r\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(Written("coördinatie"), "\"co\\u00f6rdinatie\"");
  EXPECT_EQ(Written("\xF0\x9F\x98\x80"), "\"\\ud83d\\ude00\"");  // U+1F600
  EXPECT_EQ(Written(""), "\"\"");
}

TEST(JsonWriterTest, ReplacesInvalidUtf8LikeNlohmann) {
  const std::string cases[] = {
      "\xff",         "a\x80z",         "\xc0\x80",     "\xe0\x80\x80", "\xed\xa0\x80",
      "\xf4\x90\x80", "\xe2\x82",       "\xe2\x82z",    "\xc3",         "\xf0\x9f\x98",
      "\xf5\x80",     "\xe2\x82\xac\x80", "\xc3\xa9\xc3",
  };
  for (const std::string& s : cases) EXPECT_EQ(Written(s), Nlohmann(s)) << s;
}

TEST(JsonWriterTest, MatchesNlohmannOnRandomBytes) {
  // Bytes drawn mostly from the edges of UTF-8's ranges.
  const unsigned char pool[] = {'a', ' ', '"', '\\', 0x00, 0x1f, 0x7f, 0x80, 0x8f, 0x90,
                                0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed,
                                0xef, 0xf0, 0xf4, 0xf5, 0xff};
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string s(rng() % 8, ' ');
    for (char& c : s) c = static_cast<char>(pool[rng() % sizeof pool]);
    ASSERT_EQ(Written(s), Nlohmann(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriterTest, MatchesNlohmannOnLongMostlyPlainStrings) {
  // Long runs of plain bytes with an odd byte at any offset, so the writer's
  // 16- and 8-bytes-at-a-time scans meet every special byte in every lane.
  const unsigned char odd[] = {0x00, 0x1f, 0x20, '"', '\\', 0x7e, 0x7f, 0x80, 0xc3, 0xa9,
                               0xe2, 0xff, '!', '#', '[', ']', 0x5b, 0x5d, 0x21, 0x23};
  std::mt19937 rng(11);
  for (int n = 0; n < 20000; ++n) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) c = static_cast<char>('A' + rng() % 58);
    for (int k = rng() % 3; k > 0 && !s.empty(); --k) {
      s[rng() % s.size()] = static_cast<char>(odd[rng() % sizeof odd]);
    }
    ASSERT_EQ(Written(s), Nlohmann(s)) << testing::PrintToString(s);
  }
  for (int b = 0; b < 256; ++b) {  // every byte value at every lane
    for (int at = 0; at < 41; ++at) {  // 16-, 8- and 1-byte steps
      std::string s(41, 'x');
      s[at] = static_cast<char>(b);
      ASSERT_EQ(Written(s), Nlohmann(s)) << b << " at " << at;
    }
  }
}

TEST(JsonWriterTest, WritesUnsignedIntegers) {
  std::string out;
  AppendJsonUint(0, &out);
  out += ',';
  AppendJsonUint(18446744073709551615u, &out);
  EXPECT_EQ(out, "0,18446744073709551615");
}

}  // namespace
}  // namespace kapstok::search
