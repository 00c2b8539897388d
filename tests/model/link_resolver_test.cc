#include "model/link_resolver.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "model/site_model.h"

namespace kapstok::model {
namespace {

TEST(NormalizeRelPathTest, ResolvesDotsAndRejectsEscapes) {
  std::string out;
  ASSERT_TRUE(NormalizeRelPath("kenmerken/../bronnen/./x.md", &out));
  EXPECT_EQ(out, "bronnen/x.md");
  EXPECT_FALSE(NormalizeRelPath("../../etc/passwd", &out));
  EXPECT_FALSE(NormalizeRelPath("a/../../b", &out));
}

// The vector-of-parts definition NormalizeRelPath had before it worked in
// one buffer.
bool ReferenceNormalize(const std::string& path, std::string* out) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  out->clear();
  for (const std::string& p : parts) *out += (out->empty() ? "" : "/") + p;
  return true;
}

TEST(NormalizeRelPathTest, MatchesThePartsDefinitionOnRandomPaths) {
  const char* const kParts[] = {"a", "bb", "ccc.md", "..", ".", "", "..."};
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string path;
    const int n = static_cast<int>(random() % 8);
    for (int i = 0; i < n; ++i) path += std::string(i ? "/" : "") + kParts[random() % 7];
    std::string got = "stale", want;
    const bool ok = NormalizeRelPath(path, &got);
    ASSERT_EQ(ok, ReferenceNormalize(path, &want)) << path;
    if (ok) ASSERT_EQ(got, want) << path;
    std::string same = path;  // the output may be the input
    ASSERT_EQ(NormalizeRelPath(same, &same), ok);
    if (ok) ASSERT_EQ(same, want) << path;
  }
}

TEST(PageLinkResolverTest, ResolvesPagesStaticFilesAndSuggests) {
  Page target;
  target.url = "kenmerken/eigen-kracht/";
  std::unordered_map<std::string, const Page*> by_path = {{"kenmerken/eigen-kracht.md", &target}};
  std::set<std::string> statics = {"voorbeelden/foto.png"};
  std::map<std::string, const Page*> citable;
  PageLinkResolver r(by_path, statics, citable, "voorbeelden", "../../");
  std::string error, hint;
  EXPECT_EQ(r.ResolveLink("../kenmerken/eigen-kracht.md#effect", &error, &hint),
            "../../kenmerken/eigen-kracht/#effect");
  EXPECT_EQ(r.ResolveLink("foto.png", &error, &hint), "../../voorbeelden/foto.png");
  EXPECT_EQ(r.ResolveLink("../kenmerken/eigen-kracht%2Emd", &error, &hint),
            "../../kenmerken/eigen-kracht/");
  EXPECT_FALSE(r.ResolveLink("../kenmerken/eigen-kraht.md", &error, &hint));
  EXPECT_EQ(error, "link to '../kenmerken/eigen-kraht.md' points to no page");
  EXPECT_EQ(hint, "did you mean '../kenmerken/eigen-kracht.md'?");
  // A fragment is kept as written (it names no file); only the path is resolved.
  // (Found by the links fuzzer, whose check first looked at the whole href.)
  EXPECT_EQ(r.ResolveLink("../kenmerken/eigen-kracht.md#a/../../b", &error, &hint),
            "../../kenmerken/eigen-kracht/#a/../../b");
  EXPECT_FALSE(r.ResolveLink("../../../etc/passwd", &error, &hint));
  EXPECT_EQ(error, "link to '../../../etc/passwd' leaves the content folder");
}

}  // namespace
}  // namespace kapstok::model
