#include "search/string_id_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace kapstok::search {
namespace {

TEST(StringIdMapTest, FindsWhatWasInsertedAndKeepsTheFirstValue) {
  StringIdMap map;
  EXPECT_EQ(map.Find("kracht"), nullptr);
  EXPECT_EQ(map.Insert("kracht", 1), std::make_pair(1u, true));
  EXPECT_EQ(map.Insert("kracht", 2), std::make_pair(1u, false));
  EXPECT_EQ(map.Insert("", 3), std::make_pair(3u, true));
  ASSERT_NE(map.Find("kracht"), nullptr);
  EXPECT_EQ(*map.Find("kracht"), 1u);
  EXPECT_EQ(*map.Find(""), 3u);
  EXPECT_EQ(map.Find("krach"), nullptr);
  EXPECT_EQ(map.Find("krachten"), nullptr);
  EXPECT_EQ(map.size(), 2u);
}

// Keys that differ in one byte anywhere, at every length around the
// inline limit and the word reads (1-3, 4-7, 8-16, longer), must stay apart.
TEST(StringIdMapTest, KeysDifferingInOneByteAtAnyLengthStayApart) {
  StringIdMap map;
  std::map<std::string, uint32_t> reference;
  for (size_t n = 0; n <= 40; ++n) {
    for (size_t at = 0; at < std::max<size_t>(n, 1); ++at) {
      for (char c : {'a', 'b', '\0', '\xff'}) {
        std::string key(n, 'x');
        if (n > 0) key[at] = c;
        auto [it, inserted] = reference.emplace(key, static_cast<uint32_t>(reference.size()));
        EXPECT_EQ(map.Insert(key, it->second), std::make_pair(it->second, inserted)) << key;
      }
    }
  }
  ASSERT_EQ(map.size(), reference.size());
  for (const auto& [key, value] : reference) {
    const uint32_t* found = map.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
}

TEST(StringIdMapTest, MatchesAMapOnRandomKeysAndListsThemInInsertionOrder) {
  StringIdMap map;
  std::map<std::string, uint32_t> reference;
  std::vector<std::string> order;
  std::mt19937 rng(5);
  for (int i = 0; i < 50000; ++i) {  // grows the table many times
    std::string key(rng() % 24, ' ');
    for (char& c : key) c = static_cast<char>('a' + rng() % 3);
    auto [it, inserted] = reference.emplace(key, i);
    if (inserted) order.push_back(key);
    ASSERT_EQ(map.Insert(key, i), std::make_pair(it->second, inserted)) << key;
  }
  for (const auto& [key, value] : reference) ASSERT_EQ(*map.Find(key), value) << key;
  std::vector<std::string> listed;
  map.ForEach([&](std::string_view key, uint32_t value) {
    listed.emplace_back(key);
    EXPECT_EQ(reference.at(std::string(key)), value);
  });
  EXPECT_EQ(listed, order);
}

}  // namespace
}  // namespace kapstok::search
