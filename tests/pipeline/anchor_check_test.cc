// Links to another page's #fragment: checked against the ids of that page as
// rendered (pipeline/anchor_check.h), end to end through Build().
#include "pipeline/anchor_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "pipeline/build.h"
#include "testing.h"

namespace kapstok::pipeline {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(JoinSitePathTest, ResolvesRelativeToAFolder) {
  EXPECT_EQ(JoinSitePath("voorbeelden/x/", "../../kenmerken/y/"), "kenmerken/y/");
  EXPECT_EQ(JoinSitePath("voorbeelden/x/", "./"), "voorbeelden/x/");
  EXPECT_EQ(JoinSitePath("voorbeelden/x/", ""), "voorbeelden/x/");
  EXPECT_EQ(JoinSitePath("", "kenmerken/y/"), "kenmerken/y/");
  EXPECT_EQ(JoinSitePath("voorbeelden/x/", "../../img/a.png"), "img/a.png");
  EXPECT_EQ(JoinSitePath("voorbeelden/x/", "../../"), "");  // the site root: the home page
  EXPECT_EQ(JoinSitePath("voorbeelden/x/", "../../../buiten/"), std::nullopt);
}

TEST(HtmlIdsTest, FindsIdAttributesOnly) {
  EXPECT_THAT(HtmlIds("<h2 id=\"a\">A</h2><div data-id=\"no\" grid=\"no\"\n id=\"b-2\">"),
              ElementsAre("a", "b-2"));
  EXPECT_THAT(HtmlIds("<p>id=\"tekst\"</p><h2 id=\"open"), IsEmpty());
}

// The diagnostics of valid-basic built with `link_line` as the buurtkamer's
// body: in memory, or written to disk (content pages then stream out as
// they are rendered, and their ids are recorded on the way).
std::string BuildWithBody(const std::string& link_line, bool to_disk = false) {
  MemoryFileSystem fs = test_util::FixtureFs("valid-basic");
  fs.AddFile("content/voorbeelden/buurtkamer.md",
             "---\ntitle: De buurtkamer\nsamenvatting: Ontmoeten.\nkenmerken: [eigen-kracht]\n---\n" + link_line + "\n");
  BuildOptions options;
  options.project_dir = "";
  options.write = to_disk;
  const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                    ("kapstok-anchor-test-" + std::to_string(::getpid()));
  options.out_dir = out.string();
  DiagnosticSink sink;
  BuildResult r = Build(fs, options, &sink);
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(sink.error_count(), 0);  // a missing id is a warning
  std::filesystem::remove_all(out);
  return test_util::Printed(sink);
}

TEST(AnchorCheckTest, AcceptsHeadingsAndFieldSectionsOfTheTarget) {
  // #coordinatie is a body heading of eigen-kracht, #doet the section of its
  // list field "Dit doet de professional", #aanpak a heading of samenwerken
  // (through a path with ./).
  EXPECT_EQ(BuildWithBody(
      "[a](../kenmerken/eigen-kracht.md#coordinatie) [b](../kenmerken/eigen-kracht.md#dit-doet-de-professional) "
      "[c](../kenmerken/./samenwerken.md#aanpak)"), "");
}

TEST(AnchorCheckTest, WarnsAtTheLinkWithTheClosestIdAsHint) {
  const std::string link = "Zie [a](../kenmerken/eigen-kracht.md#coordinatei).";
  EXPECT_EQ(BuildWithBody(link, /*to_disk=*/true), BuildWithBody(link));
  EXPECT_EQ(BuildWithBody(link),
            "content/voorbeelden/buurtkamer.md:6:9: warning: '../kenmerken/eigen-kracht.md' "
            "has no heading with id 'coordinatei'\n"
            "    Zie [a](../kenmerken/eigen-kracht.md#coordinatei).\n"
            "            ^\n"
            "  did you mean '#coordinatie'?\n");
}

TEST(AnchorCheckTest, LinksToFilesThatAreNotPagesAreNotChecked) {
  MemoryFileSystem fs = test_util::FixtureFs("valid-basic");
  fs.AddFile("content/bijlage.pdf", "%PDF-1.4");
  fs.AddFile("content/voorbeelden/buurtkamer.md",
             "---\ntitle: De buurtkamer\nsamenvatting: Ontmoeten.\nkenmerken: [eigen-kracht]\n---\n"
             "[pdf](../bijlage.pdf#page=2)\n");
  BuildOptions options;
  options.project_dir = "";
  options.write = false;
  DiagnosticSink sink;
  ASSERT_TRUE(Build(fs, options, &sink).status.ok());
  EXPECT_EQ(test_util::Printed(sink), "");
}

}  // namespace
}  // namespace kapstok::pipeline
