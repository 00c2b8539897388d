#include "model/link_resolver.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "base/file_system.h"
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
    if (ok) {
      ASSERT_EQ(got, want) << path;
    }
    std::string same = path;  // the output may be the input
    ASSERT_EQ(NormalizeRelPath(same, &same), ok);
    if (ok) {
      ASSERT_EQ(same, want) << path;
    }
  }
}

TEST(PageLinkResolverTest, ResolvesPagesStaticFilesAndSuggests) {
  Page target;
  target.url = "kenmerken/eigen-kracht/";
  PathIndex by_path = {{"kenmerken/eigen-kracht.md", &target}};
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

// ResolveLink normalises the page's folder and the link into one buffer;
// it must resolve exactly as joining them (JoinPath) and normalising the
// whole path (NormalizeRelPath) does, for any folder and any link.
TEST(PageLinkResolverTest, ResolvesAsJoiningThenNormalisingWould) {
  Page top, deep, list;
  top.url = "kenmerken/eigen-kracht/";
  deep.url = "a/b/c/";
  PathIndex by_path = {{"kenmerken/eigen-kracht.md", &top}, {"a/b/c.md", &deep},
                       {"index.md", &list}};
  std::set<std::string> statics = {"a/foto.png"};
  std::map<std::string, const Page*> citable;
  const std::vector<std::string> parts = {"..", ".", "", "a", "b", "c.md", "kenmerken",
                                          "eigen-kracht.md", "foto.png", "index.md", "%2E%2E",
                                          "eigen%2Dkracht.md"};
  std::mt19937 rng(7);
  for (const std::string dir : {"", ".", "a", "a/b", "kenmerken", "a/b/"}) {
    PageLinkResolver r(by_path, statics, citable, dir, "../../");
    for (int n = 0; n < 3000; ++n) {
      std::string path = rng() % 4 == 0 ? "/" : "";
      for (size_t k = 0, count = 1 + rng() % 5; k < count; ++k)
        path += (k ? "/" : "") + parts[rng() % parts.size()];
      const std::string fragment = rng() % 3 == 0 ? "#x/../y" : "";
      // The reference: decode, join, normalise, look up.
      std::string decoded;
      for (size_t i = 0; i < path.size(); ++i) {
        if (path.compare(i, 3, "%2E") == 0 || path.compare(i, 3, "%2D") == 0) {
          decoded += path[i + 2] == 'E' ? '.' : '-';
          i += 2;
        } else {
          decoded += path[i];
        }
      }
      std::string joined = !decoded.empty() && decoded[0] == '/' ? decoded.substr(1)
                                                                  : JoinPath(dir, decoded);
      std::string norm;
      std::optional<std::string> want;
      const bool inside = NormalizeRelPath(joined, &norm);
      if (inside && by_path.Find(norm)) want = "../../" + by_path.Find(norm)->url + fragment;
      else if (inside && statics.count(norm)) want = "../../" + norm + fragment;
      std::string error, hint;
      std::optional<std::string> got = r.ResolveLink(path + fragment, &error, &hint);
      ASSERT_EQ(got, want) << dir << " + " << path;
      if (!got) {
        ASSERT_EQ(error.find("leaves the content folder") != std::string::npos, !inside)
            << dir << " + " << path << ": " << error;
      }
    }
  }
}

}  // namespace
}  // namespace kapstok::model
