// The incremental Builder: after each kind of change its site equals a full
// Build()'s output byte for byte, and a one-file edit re-renders only the
// expected pages.
#include "pipeline/builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "builder_fixture.h"
#include "testing.h"

namespace kapstok::pipeline {
namespace {

using ::testing::ElementsAre;
using ::testing::MatchesRegex;

TEST_F(BuilderTest, FullBuildEqualsBuild) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  EXPECT_TRUE(builder.stats().full);
  EXPECT_EQ(builder.stats().files_parsed, 7u);
  EXPECT_FALSE(builder.search_stale());
  EXPECT_THAT(builder.stats().phases,
              MatchesRegex("load [0-9]+ ms, model [0-9]+ ms, dirty [0-9]+ ms, pages [0-9]+ ms "
                           "\\(html .* ms\\), site [0-9]+ ms, remember [0-9]+ ms"));
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, BodyEditRendersThePageAndWhatShowsIt) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Thee in de wijk."));
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  const RebuildStats& st = builder.stats();
  EXPECT_FALSE(st.full);
  EXPECT_TRUE(st.patched);
  EXPECT_EQ(st.files_parsed, 1u);
  EXPECT_EQ(st.markdown_rendered, 1u);
  EXPECT_THAT(st.phases, MatchesRegex("load [0-9]+ ms, model [0-9]+ ms, dirty [0-9]+ ms, "
                                      "pages [0-9]+ ms \\(html .* ms\\), site [0-9]+ ms"));
  // Only the body changed: no other page shows it.
  EXPECT_THAT(st.rendered_paths, ElementsAre("voorbeelden/wijkcafe/index.html"));
  EXPECT_NE(builder.site()->Find("voorbeelden/wijkcafe/index.html")->find("Thee in de wijk."),
            std::string::npos);
  EXPECT_TRUE(builder.search_stale());
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, TitleEditRendersThePagesThatShowIt) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  std::string text = WijkCafe("Koffie in de wijk.");
  const std::string old_title = "Het wijkcafé";
  text.replace(text.find(old_title), old_title.size(), "Het buurtcafé");
  fs_.AddFile("content/voorbeelden/wijkcafe.md", text);
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_THAT(builder.stats().rendered_paths, ElementsAre("kenmerken/samenwerken/index.html",
                                                          "voorbeelden/wijkcafe/index.html"));
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, RelationChangeRendersOldAndNewTargets) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie.", "zelfstandig"));
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_THAT(builder.stats().rendered_paths,
              ElementsAre("kenmerken/samenwerken/index.html", "kenmerken/zelfstandig/index.html",
                          "voorbeelden/wijkcafe/index.html"));
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, TitleOfACitedSourceRerendersAllMarkdown) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/bronnen/movisie2013.md", "---\ntitle: Movisie (2014)\n---\nUtrecht.\n");
  ASSERT_TRUE(builder.Rebuild({"content/bronnen/movisie2013.md"}, &sink));
  EXPECT_FALSE(builder.stats().patched);
  EXPECT_EQ(builder.stats().markdown_rendered, 7u);  // citations show the title
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, BrokenFileKeepsTheLastGoodSiteUntilFixed) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  auto good = builder.site();
  fs_.AddFile("content/voorbeelden/wijkcafe.md", "---\ntitle: [kapot\n---\nTekst.\n");
  DiagnosticSink broken;
  EXPECT_FALSE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &broken));
  EXPECT_TRUE(broken.has_errors());
  EXPECT_EQ(builder.site(), good);
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Weer heel."));
  DiagnosticSink fixed;
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &fixed));
  EXPECT_FALSE(fixed.has_errors());
  EXPECT_TRUE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

// An added page renders only its own Markdown (a good build links to nothing
// that did not exist); a removed one re-renders all (links to it break).
TEST_F(BuilderTest, AddedFileRendersItsNeighboursRemovedFileEverything) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/voorbeelden/nieuw.md", WijkCafe("Nieuw.", "eigen-kracht"));
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/nieuw.md"}, &sink));
  EXPECT_EQ(builder.stats().files_parsed, 1u);
  EXPECT_EQ(builder.stats().markdown_rendered, 1u);
  EXPECT_THAT(builder.stats().rendered_paths,
              ElementsAre("kenmerken/eigen-kracht/index.html", "voorbeelden/nieuw/index.html"));
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
  fs_.RemoveFile("content/voorbeelden/nieuw.md");
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/nieuw.md"}, &sink));
  EXPECT_EQ(builder.stats().markdown_rendered, 7u);
  EXPECT_EQ(builder.stats().pages_rendered, 6u);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
  EXPECT_FALSE(sink.has_errors());
}

TEST_F(BuilderTest, BrokenLinkFixedByAddingItsTarget) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  auto good = builder.site();
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Zie [nieuw](../kenmerken/nieuw.md)."));
  DiagnosticSink broken;
  EXPECT_FALSE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &broken));
  EXPECT_TRUE(broken.has_errors());
  EXPECT_EQ(builder.site(), good);
  fs_.AddFile("content/kenmerken/nieuw.md",
              "---\ntitle: Nieuw\nvolgorde: 4\nsamenvatting: Nieuw.\n---\nTekst.\n");
  DiagnosticSink fixed;
  ASSERT_TRUE(builder.Rebuild({"content/kenmerken/nieuw.md"}, &fixed));
  EXPECT_FALSE(fixed.has_errors());
  EXPECT_EQ(builder.stats().markdown_rendered, 2u);  // the new page and the linking one
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

// A failed in-place rebuild leaves the model as it was; other pages' edits
// after it still land, and the fix is patched in.
TEST_F(BuilderTest, UnknownRelationTargetKeepsTheSiteUntilFixed) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  auto good = builder.site();
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie.", "samenwerken, bestaat-niet"));
  DiagnosticSink broken;
  EXPECT_FALSE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &broken));
  EXPECT_EQ(broken.error_count(), 1);
  EXPECT_EQ(builder.site(), good);
  // Another page's edit still reports the broken one, and keeps the site.
  fs_.AddFile("content/kenmerken/zelfstandig.md",
              "---\ntitle: Zelfstandig\nvolgorde: 3\nsamenvatting: Alleen.\n---\nAnders.\n");
  DiagnosticSink still;
  EXPECT_FALSE(builder.Rebuild({"content/kenmerken/zelfstandig.md"}, &still));
  EXPECT_EQ(still.error_count(), 1);
  EXPECT_EQ(builder.site(), good);
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie.", "samenwerken, zelfstandig"));
  DiagnosticSink fixed;
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &fixed));
  EXPECT_TRUE(builder.stats().patched);
  EXPECT_EQ(builder.stats().files_parsed, 1u);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, TitleEditThatMovesThePageInSiteOrder) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  // "Het wijkcafé" came after "De buurtkamer"; "Aan de koffie" comes first,
  // in the list, the home page and samenwerken's backlinks.
  std::string text = WijkCafe("Koffie in de wijk.");
  text.replace(text.find("Het wijkcafé"), std::string("Het wijkcafé").size(), "Aan de koffie");
  fs_.AddFile("content/voorbeelden/wijkcafe.md", text);
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_TRUE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie in de wijk."));
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_TRUE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, OrderFieldEditMovesAMenuPage) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/kenmerken/zelfstandig.md",
              "---\ntitle: Zelfstandig\nvolgorde: 0\nsamenvatting: Alleen.\n---\nTekst.\n");
  ASSERT_TRUE(builder.Rebuild({"content/kenmerken/zelfstandig.md"}, &sink));
  EXPECT_TRUE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, RelationsAddedAndRemovedInPlace) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  for (const char* kenmerken :
       {"samenwerken, eigen-kracht, zelfstandig", "zelfstandig", "eigen-kracht, samenwerken"}) {
    fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie.", kenmerken));
    ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink)) << kenmerken;
    EXPECT_TRUE(builder.stats().patched);
    builder.UpdateSearchIndex();
    ExpectSameAsFullBuild(builder);
  }
  // A relation to a source: a new backlink group and a new source.
  fs_.AddFile("content/voorbeelden/wijkcafe.md",
              WijkCafe("Koffie [@movisie2013].", "samenwerken]\nbronnen: [movisie2013"));
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_TRUE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, TwoPagesAtOnceThenAFileAddedAndRemoved) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Thee.", "eigen-kracht"));
  fs_.AddFile("content/kenmerken/zelfstandig.md",
              "---\ntitle: Zelf\nvolgorde: 3\nsamenvatting: Alleen.\n---\nTekst.\n");
  ASSERT_TRUE(builder.Rebuild(
      {"content/kenmerken/zelfstandig.md", "content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_TRUE(builder.stats().patched);
  EXPECT_EQ(builder.stats().files_parsed, 2u);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
  // The patched model is the base of the next full re-link.
  fs_.AddFile("content/voorbeelden/nieuw.md", WijkCafe("Nieuw.", "zelfstandig"));
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/nieuw.md"}, &sink));
  EXPECT_FALSE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
  fs_.RemoveFile("content/voorbeelden/wijkcafe.md");
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &sink));
  EXPECT_FALSE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
  EXPECT_FALSE(sink.has_errors());
}

// A page of a type without a list page (`list: false`, like the handbook's
// "pagina") appears in every page's frame (the footer), so a change to its
// front matter re-renders every page, list and home pages included, and the
// sitemap still lists them all.
TEST_F(BuilderTest, FrontMatterEditOfAnUnlistedPageKeepsTheWholeSitemap) {
  std::string config;
  ASSERT_TRUE(fs_.ReadFile("kapstok.yaml", &config).ok());
  config += "  pagina:\n    folder: paginas\n    name: Pagina\n    plural: Pagina's\n"
            "    url: \"{slug}/\"\n    list: false\n";
  fs_.AddFile("kapstok.yaml", config);
  fs_.AddFile("content/paginas/colofon.md", "---\ntitle: Colofon\n---\nWie maakte dit.\n");
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink)) << test_util::Printed(sink);
  ExpectSameAsFullBuild(builder);
  fs_.AddFile("content/paginas/colofon.md", "---\ntitle: Over dit boek\n---\nWie maakte dit.\n");
  ASSERT_TRUE(builder.Rebuild({"content/paginas/colofon.md"}, &sink)) << test_util::Printed(sink);
  EXPECT_TRUE(builder.stats().patched);
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

// A static file saved together with a broken page is published once the
// page is fixed, although the fixing save names only the page.
TEST_F(BuilderTest, StaticFileOfAFailedRebuildIsPublishedWithTheNextOne) {
  fs_.AddFile("content/voorbeelden/plan.txt", "versie 1\n");
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/voorbeelden/plan.txt", "versie 2\n");
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie.", "bestaat-niet"));
  DiagnosticSink broken;
  EXPECT_FALSE(builder.Rebuild({"content/voorbeelden/plan.txt", "content/voorbeelden/wijkcafe.md"},
                               &broken));
  fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie."));
  DiagnosticSink fixed;
  ASSERT_TRUE(builder.Rebuild({"content/voorbeelden/wijkcafe.md"}, &fixed))
      << test_util::Printed(fixed);
  ASSERT_TRUE(builder.site()->Find("voorbeelden/plan.txt"));
  EXPECT_EQ(*builder.site()->Find("voorbeelden/plan.txt"), "versie 2\n");
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

TEST_F(BuilderTest, UnknownChangesAreFoundByComparingText) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  fs_.AddFile("content/kenmerken/zelfstandig.md",
              "---\ntitle: Zelfstandig\nvolgorde: 3\nsamenvatting: Alleen.\n---\nAnders.\n");
  ASSERT_TRUE(builder.Rebuild({}, &sink));
  EXPECT_EQ(builder.stats().files_parsed, 1u);
  EXPECT_THAT(builder.stats().rendered_paths, ElementsAre("kenmerken/zelfstandig/index.html"));
  builder.UpdateSearchIndex();
  ExpectSameAsFullBuild(builder);
}

// A re-link hands the previous model to a thread that frees it; a
// configuration change right after replaces the configuration that model
// points into only once that thread is done (run under ASan/TSan in CI).
TEST_F(BuilderTest, ConfigChangeRightAfterARelink) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  std::string config;
  ASSERT_TRUE(fs_.ReadFile("kapstok.yaml", &config).ok());
  for (int i = 0; i < 3; ++i) {
    const std::string page = "content/voorbeelden/nieuw" + std::to_string(i) + ".md";
    fs_.AddFile(page, WijkCafe("Nieuw."));
    ASSERT_TRUE(builder.Rebuild({page}, &sink));
    EXPECT_FALSE(builder.stats().patched);  // a new file: re-linked
    const std::string title = "title: Testhandboek";
    std::string edited = config;
    edited.replace(edited.find(title), title.size(), title + " " + std::to_string(i));
    fs_.AddFile("kapstok.yaml", edited);
    ASSERT_TRUE(builder.Rebuild({"kapstok.yaml"}, &sink));
    EXPECT_TRUE(builder.stats().full);
    ExpectSameAsFullBuild(builder);
  }
  EXPECT_FALSE(sink.has_errors()) << test_util::Printed(sink);
}

TEST_F(BuilderTest, TemplateChangeRebuildsEverything) {
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink));
  std::string page;
  ASSERT_TRUE(fs_.ReadFile("templates/page.mustache", &page).ok());
  fs_.AddFile("templates/page.mustache", page + "\n<!-- changed -->\n");
  ASSERT_TRUE(builder.Rebuild({"templates/page.mustache"}, &sink));
  EXPECT_TRUE(builder.stats().full);
  EXPECT_NE(builder.site()->Find("kenmerken/zelfstandig/index.html")->find("<!-- changed -->"),
            std::string::npos);
  ExpectSameAsFullBuild(builder);
}

// serve reports a link to another page's missing #fragment on every rebuild,
// also when the edit is to the page linked to (a body-only patch).
TEST_F(BuilderTest, WarnsAboutALinkToAMissingHeadingOfAnotherPageUntilItIsThere) {
  fs_.AddFile("content/voorbeelden/wijkcafe.md",
              WijkCafe("Zie [aanpak](../kenmerken/zelfstandig.md#aanpak)."));
  const std::string warning = "has no heading with id 'aanpak'";
  Builder builder(fs_, options_);
  DiagnosticSink first;
  ASSERT_TRUE(builder.BuildAll(&first)) << test_util::Printed(first);
  EXPECT_NE(test_util::Printed(first).find(warning), std::string::npos) << test_util::Printed(first);

  auto zelfstandig = [](const std::string& body) {
    return "---\ntitle: Zelfstandig\nvolgorde: 3\nsamenvatting: Alleen.\n---\n" + body + "\n";
  };
  fs_.AddFile("content/kenmerken/zelfstandig.md", zelfstandig("## Aanpak\n\nTekst."));
  DiagnosticSink fixed;
  ASSERT_TRUE(builder.Rebuild({"content/kenmerken/zelfstandig.md"}, &fixed));
  EXPECT_TRUE(builder.stats().patched);
  EXPECT_EQ(test_util::Printed(fixed), "");

  fs_.AddFile("content/kenmerken/zelfstandig.md", zelfstandig("## Werkwijze\n\nTekst."));
  DiagnosticSink again;
  ASSERT_TRUE(builder.Rebuild({"content/kenmerken/zelfstandig.md"}, &again));
  EXPECT_NE(test_util::Printed(again).find(warning), std::string::npos) << test_util::Printed(again);
}

}  // namespace
}  // namespace kapstok::pipeline
