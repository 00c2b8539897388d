#include "model/site_model.h"

#include <gtest/gtest.h>

#include "testing.h"

namespace kapstok::model {
namespace {

using test_util::Printed;

class SiteModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DiagnosticSink sink;
    config_ = *config::ParseConfig(R"(site:
  title: T
  citations: bron
types:
  kenmerk:
    folder: kenmerken
    order_by: volgorde
    fields:
      volgorde: {type: int}
  voorbeeld:
    folder: voorbeelden
    relations:
      kenmerken: {target: kenmerk, many: true, inverse: Voorbeelden}
      bronnen: {target: bron, many: true}
  bron:
    folder: bronnen
)", "kapstok.yaml", &sink);
  }
  std::unique_ptr<SiteModel> Build(MemoryFileSystem& fs) {
    content::LoadedContent loaded = content::LoadContent(fs, "content", config_, {}, &sink_);
    return BuildModel(std::move(loaded), config_, &sink_);
  }
  config::SiteConfig config_;
  DiagnosticSink sink_;
};

// A one-off build (keep_sources false) frees what only linking reads: the
// file texts and the relation ids; the resolved relations stay. By default
// (serve) both are kept.
TEST_F(SiteModelTest, OneOffBuildFreesFileTextsAndRelationIds) {
  for (bool keep : {false, true}) {
    MemoryFileSystem fs;
    fs.AddFile("content/kenmerken/a.md", "---\ntitle: A\n---\nTekst.\n");
    fs.AddFile("content/voorbeelden/v.md",
               "---\ntitle: V\nkenmerken: [a]\n---\nZie [a](../kenmerken/a.md).\n");
    ModelOptions options;
    options.keep_sources = keep;
    auto model = BuildModel(content::LoadContent(fs, "content", config_, {}, &sink_), config_,
                            &sink_, options);
    ASSERT_EQ(Printed(sink_), "");
    const Page* v = model->Find("voorbeeld", "v");
    ASSERT_EQ(v->relations[0].targets.size(), 1u);
    EXPECT_EQ(v->relations[0].targets[0], model->Find("kenmerk", "a"));
    EXPECT_EQ(v->body.html, "<p>Zie <a href=\"../../kenmerken/a/\">a</a>.</p>\n");
    EXPECT_EQ(v->src.relations.size(), keep ? 1u : 0u);
    EXPECT_EQ(v->src.source.empty(), !keep);
  }
}

TEST_F(SiteModelTest, ResolvesRelationsAndSortedBacklinks) {
  MemoryFileSystem fs;
  fs.AddFile("content/kenmerken/b.md", "---\ntitle: B\nvolgorde: 1\n---\n");
  fs.AddFile("content/kenmerken/a.md", "---\ntitle: A\nvolgorde: 2\n---\n");
  fs.AddFile("content/voorbeelden/zeta.md", "---\ntitle: Zeta\nkenmerken: [a, b, a]\n---\n");
  fs.AddFile("content/voorbeelden/alfa.md", "---\ntitle: Älfa\nkenmerken: [a]\nbronnen: [x]\n---\n");
  fs.AddFile("content/bronnen/x.md", "---\ntitle: X\n---\n");
  auto model = Build(fs);
  ASSERT_EQ(Printed(sink_), "");
  // Site order: kenmerken by volgorde, voorbeelden by folded title.
  const auto& k = model->PagesOfType("kenmerk");
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0]->id(), "b");
  const Page* zeta = model->Find("voorbeeld", "zeta");
  ASSERT_EQ(zeta->relations[0].targets.size(), 2u);  // the duplicate 'a' is dropped
  EXPECT_EQ(zeta->url, "voorbeelden/zeta/");
  EXPECT_EQ(zeta->root, "../../");
  const Page* a = model->Find("kenmerk", "a");
  ASSERT_EQ(a->backlinks.size(), 1u);
  EXPECT_EQ(a->backlinks[0].relation->inverse, "Voorbeelden");
  ASSERT_EQ(a->backlinks[0].pages.size(), 2u);
  EXPECT_EQ(a->backlinks[0].pages[0]->id(), "alfa");
  EXPECT_EQ(a->backlinks[0].pages[1]->id(), "zeta");
  // A relation to the citation type makes the target a source of the page.
  const Page* alfa = model->Find("voorbeeld", "alfa");
  ASSERT_EQ(alfa->sources.size(), 1u);
  EXPECT_EQ(alfa->sources[0]->id(), "x");
}

TEST_F(SiteModelTest, KeepsEachTargetOnceInFirstMentionOrderInLongLists) {
  MemoryFileSystem fs;
  std::string ids;
  for (int round = 0; round < 3; ++round) {
    for (int i = 39; i >= 0; --i) {
      fs.AddFile("content/kenmerken/k" + std::to_string(i) + ".md", "---\ntitle: K\n---\n");
      ids += (ids.empty() ? "" : ", ") + std::string("k") + std::to_string(i);
    }
  }
  fs.AddFile("content/voorbeelden/v.md", "---\ntitle: V\nkenmerken: [" + ids + "]\n---\n");
  auto model = Build(fs);
  ASSERT_EQ(Printed(sink_), "");
  const std::vector<const Page*>& targets = model->Find("voorbeeld", "v")->relations[0].targets;
  ASSERT_EQ(targets.size(), 40u);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(targets[i]->id(), "k" + std::to_string(39 - i));
  EXPECT_EQ(model->Find("kenmerk", "k7")->backlinks[0].pages.size(), 1u);
}

TEST_F(SiteModelTest, ReportsUnknownTargetsWithSuggestion) {
  MemoryFileSystem fs;
  fs.AddFile("content/kenmerken/eigen-kracht-versterken.md", "---\ntitle: A\n---\n");
  fs.AddFile("content/voorbeelden/v.md",
             "---\ntitle: V\nkenmerken:\n  - eigen-kracht\n  - onbekend-iets\n---\n");
  Build(fs);
  EXPECT_EQ(Printed(sink_),
            "content/voorbeelden/v.md:4:5: error: unknown kenmerk 'eigen-kracht'\n"
            "      - eigen-kracht\n"
            "        ^\n"
            "  did you mean 'eigen-kracht-versterken'?\n"
            "content/voorbeelden/v.md:5:5: error: unknown kenmerk 'onbekend-iets'\n"
            "      - onbekend-iets\n"
            "        ^\n"
            "  there is no kenmerk with that id; the ids are the file names in content/kenmerken/\n");
}

TEST_F(SiteModelTest, RendersBodiesWithRelativeLinks) {
  MemoryFileSystem fs;
  fs.AddFile("content/kenmerken/a.md", "---\ntitle: A\n---\nZie [B](../voorbeelden/b.md#kop).\n");
  fs.AddFile("content/voorbeelden/b.md", "---\ntitle: B\n---\n## Kop\n");
  auto model = Build(fs);
  ASSERT_EQ(Printed(sink_), "");
  EXPECT_NE(model->Find("kenmerk", "a")->body.html.find("href=\"../../voorbeelden/b/#kop\""),
            std::string::npos)
      << model->Find("kenmerk", "a")->body.html;
}

TEST_F(SiteModelTest, ListItemsStayInlineAndListPagesAreLinkTargets) {
  DiagnosticSink sink;
  config_ = *config::ParseConfig(R"(site:
  title: T
types:
  kenmerk:
    folder: kenmerken
    fields:
      punten: {type: list}
)", "kapstok.yaml", &sink);
  MemoryFileSystem fs;
  fs.AddFile("content/kenmerken/a.md",
             "---\ntitle: A\npunten: ['3. Werken in de wijk', '# geen kop', '- geen lijst', '*nadruk*']\n"
             "---\nNaar [alle kenmerken](_index.md) en [home](../index.md).\n");
  auto model = Build(fs);
  ASSERT_EQ(Printed(sink_), "");
  const Page* a = model->Find("kenmerk", "a");
  EXPECT_EQ(a->list_html.at("punten"),
            (std::vector<std::string>{"3. Werken in de wijk", "# geen kop", "- geen lijst",
                                      "<em>nadruk</em>"}));
  EXPECT_NE(a->body.html.find("href=\"../../kenmerken/\""), std::string::npos) << a->body.html;
  EXPECT_NE(a->body.html.find("href=\"../../\""), std::string::npos) << a->body.html;
}

}  // namespace
}  // namespace kapstok::model
