#include "model/link_resolver.h"

#include <gtest/gtest.h>

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
