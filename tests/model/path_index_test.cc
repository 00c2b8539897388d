#include "model/path_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/site_model.h"

namespace kapstok::model {
namespace {

TEST(PathIndexTest, FindsWhatWasAddedAndNothingElse) {
  Page a, b, c;
  PathIndex index = {{"kenmerken/a.md", &a}, {"kenmerken/b.md", &b}};
  EXPECT_EQ(index.Find("kenmerken/a.md"), &a);
  EXPECT_EQ(index.Find("kenmerken/b.md"), &b);
  EXPECT_EQ(index.Find("kenmerken/c.md"), nullptr);
  EXPECT_EQ(index.Find("kenmerken/a.m"), nullptr);   // a prefix
  EXPECT_EQ(index.Find("kenmerken/a.md/"), nullptr);  // longer
  EXPECT_EQ(index.Find(""), nullptr);
  EXPECT_EQ(PathIndex().Find("kenmerken/a.md"), nullptr);  // empty: no table yet
  EXPECT_TRUE(index.Insert("", &c));  // any bytes are a key
  EXPECT_EQ(index.Find(""), &c);
  EXPECT_EQ(index.Find(std::string_view()), &c);  // null data(): UBSan checks the hash
  EXPECT_EQ(index.size(), 3u);
}

// As std::unordered_map's emplace and operator[]: Insert keeps the page a
// path has, Set replaces it; neither adds the path twice.
TEST(PathIndexTest, InsertKeepsAndSetReplaces) {
  Page a, b;
  PathIndex index;
  EXPECT_TRUE(index.Insert("index.md", &a));
  EXPECT_FALSE(index.Insert("index.md", &b));
  EXPECT_EQ(index.Find("index.md"), &a);
  index.Set("index.md", &b);
  EXPECT_EQ(index.Find("index.md"), &b);
  index.Set("bronnen/_index.md", &a);
  EXPECT_EQ(index.Find("bronnen/_index.md"), &a);
  EXPECT_EQ(index.size(), 2u);
  std::vector<std::string_view> paths = index.Paths();
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string_view>{"bronnen/_index.md", "index.md"}));
}

// Grown far past its first table, with and without Reserve, it agrees with
// std::unordered_map on every path added and on as many that were not
// (which differ from them in one byte or in length).
TEST(PathIndexTest, AgreesWithAnUnorderedMapAtAnySize) {
  std::vector<Page> pages(5000);
  for (bool reserve : {false, true}) {
    PathIndex index;
    if (reserve) index.Reserve(pages.size());
    std::unordered_map<std::string, const Page*> reference;
    for (size_t i = 0; i < pages.size(); ++i) {
      std::string path = "praktijkvoorbeelden/pagina-" + std::to_string(i) + ".md";
      ASSERT_EQ(index.Insert(path, &pages[i]), reference.emplace(path, &pages[i]).second);
    }
    ASSERT_EQ(index.size(), reference.size());
    for (const auto& [path, page] : reference) {
      ASSERT_EQ(index.Find(path), page) << path;
      std::string other = path;
      other[other.size() - 4] ^= 1;  // the last digit
      auto it = reference.find(other);
      ASSERT_EQ(index.Find(other), it == reference.end() ? nullptr : it->second) << other;
      ASSERT_EQ(index.Find(path + "x"), nullptr);
      ASSERT_EQ(index.Find(std::string_view(path).substr(0, path.size() - 1)), nullptr);
    }
    std::vector<std::string_view> paths = index.Paths();
    ASSERT_EQ(paths.size(), reference.size());
    for (std::string_view p : paths) ASSERT_TRUE(reference.count(std::string(p))) << p;
  }
}

}  // namespace
}  // namespace kapstok::model
