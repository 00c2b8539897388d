// BuildReflection and RenderReflection on small in-memory sites: statement
// ids, duplicates, related pages in both directions, script-safe data.
#include "reflect/reflection.h"

#include <gtest/gtest.h>

#include "reflect/reflect_page.h"
#include "testing.h"

namespace kapstok::reflect {
namespace {

using test_util::LoadedSite;
using test_util::LoadSite;
using test_util::SourceDir;

const char kConfig[] = R"(site:
  title: Werkboek
  language: nl
  base_url: https://example.org/w/
types:
  thema:
    folder: themas
    name: Thema
    plural: Thema's
    order_by: volgorde
    fields:
      volgorde: {type: int, required: true}
      punten: {type: list}
    relations:
      bronnen: {target: bron, many: true}
  tip:
    folder: tips
    name: Tip
    plural: Tips
    relations:
      thema: {target: thema}
  bron:
    folder: bronnen
    name: Bron
    plural: Bronnen
reflection:
  slug: spiegel
  title: Spiegel
  type: thema
  statements: punten
  scale: [Zelden, Soms, Vaak]
  not_applicable: geen idee
  related: [tip, bron]
)";

class ReflectionTest : public ::testing::Test {
 protected:
  void Add(const std::string& path, const std::string& text) { fs_.AddFile("w/" + path, text); }
  std::unique_ptr<LoadedSite> Load(const std::string& config = kConfig) {
    Add("kapstok.yaml", config);
    auto site = LoadSite(fs_, "w", RealFileSystem(), SourceDir());
    EXPECT_TRUE(site->model) << site->Errors();
    EXPECT_FALSE(site->sink.has_errors()) << site->Errors();
    return site;
  }
  MemoryFileSystem fs_;
};

TEST(StatementIdTest, IsSubjectAndFnv1aOfTheText) {
  EXPECT_EQ(StatementId("k", ""), "k-811c9dc5");
  EXPECT_EQ(StatementId("k", "a"), "k-e40c292c");
  EXPECT_EQ(StatementId("op-de-vraag-af", "a"), "op-de-vraag-af-e40c292c");
}

TEST_F(ReflectionTest, KeepsSiteOrderAndGivesDuplicatesASuffix) {
  Add("content/themas/b.md", "---\ntitle: B\nvolgorde: 2\npunten: [Luister, Vraag door, Luister]\n---\n");
  Add("content/themas/a.md", "---\ntitle: A\nvolgorde: 1\npunten: ['Wees *eerlijk*']\n---\n");
  Add("content/themas/c.md", "---\ntitle: C\nvolgorde: 3\n---\n");
  auto site = Load();
  ASSERT_TRUE(site->model);
  Reflection r = BuildReflection(*site->model);
  ASSERT_EQ(r.subjects.size(), 3u);
  EXPECT_EQ(r.subjects[0].page->id(), "a");
  ASSERT_EQ(r.subjects[0].statements.size(), 1u);
  EXPECT_EQ(r.subjects[0].statements[0].text, "Wees *eerlijk*");
  EXPECT_EQ(r.subjects[0].statements[0].html, "Wees <em>eerlijk</em>");
  const auto& b = r.subjects[1].statements;
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].id, StatementId("b", "Luister"));
  EXPECT_EQ(b[1].id, StatementId("b", "Vraag door"));
  EXPECT_EQ(b[2].id, StatementId("b", "Luister") + "-2");
  // A subject without statements is kept, so the page still names it.
  EXPECT_EQ(r.subjects[2].page->id(), "c");
  EXPECT_TRUE(r.subjects[2].statements.empty());
  EXPECT_EQ(r.statement_count, 4u);
}

TEST_F(ReflectionTest, RelatedPagesComeFromBothDirectionsInSiteOrder) {
  Add("content/themas/a.md", "---\ntitle: A\nvolgorde: 1\npunten: [x]\nbronnen: [z, y]\n---\n");
  Add("content/themas/b.md", "---\ntitle: B\nvolgorde: 2\npunten: [x]\n---\n");
  Add("content/tips/t2.md", "---\ntitle: Tweede\nthema: a\n---\n");
  Add("content/tips/t1.md", "---\ntitle: Eerste\nthema: a\n---\n");
  Add("content/tips/t3.md", "---\ntitle: Derde\nthema: b\n---\n");
  Add("content/bronnen/y.md", "---\ntitle: Y\n---\n");
  Add("content/bronnen/z.md", "---\ntitle: Z\n---\n");
  auto site = Load();
  ASSERT_TRUE(site->model);
  Reflection r = BuildReflection(*site->model);
  ASSERT_EQ(r.subjects.size(), 2u);
  const Subject& a = r.subjects[0];
  ASSERT_EQ(a.related.size(), 2u);
  EXPECT_EQ(a.related[0].type->id, "tip");  // in `related` order
  ASSERT_EQ(a.related[0].pages.size(), 2u);
  EXPECT_EQ(a.related[0].pages[0]->title(), "Eerste");  // site (title) order
  EXPECT_EQ(a.related[0].pages[1]->title(), "Tweede");
  EXPECT_EQ(a.related[1].type->id, "bron");
  ASSERT_EQ(a.related[1].pages.size(), 2u);
  EXPECT_EQ(a.related[1].pages[0]->id(), "y");
  const Subject& b = r.subjects[1];
  ASSERT_EQ(b.related.size(), 1u);  // no bronnen: the empty group is left out
  EXPECT_EQ(b.related[0].pages[0]->title(), "Derde");
}

TEST_F(ReflectionTest, RendersThePageAtItsSlugWithScriptSafeData) {
  Add("content/themas/a.md",
      "---\ntitle: A\nvolgorde: 1\npunten: [\"Zeg nooit </script><script>alert(1)</script>\"]\n---\n");
  auto site = Load();
  ASSERT_TRUE(site->model);
  OutputFiles files = RenderReflection(*site->model, *site->theme);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "spiegel/index.html");
  Reflection r = BuildReflection(*site->model);
  std::string json = ReflectionJson(r, *site->config, *site->theme, "../");
  EXPECT_EQ(json.find('<'), std::string::npos);
  EXPECT_NE(json.find("Zeg nooit \\u003c/script>"), std::string::npos);
  EXPECT_NE(files[0].bytes.find(json), std::string::npos);
  EXPECT_EQ(files[0].bytes.find("<script>alert"), std::string::npos);
  // The configured scale and not-applicable answer, in order.
  const std::string& html = files[0].bytes;
  size_t z = html.find("<span>Zelden</span>"), s = html.find("<span>Soms</span>"),
         v = html.find("<span>Vaak</span>"), n = html.find("<span>geen idee</span>");
  ASSERT_NE(z, std::string::npos);
  EXPECT_LT(z, s);
  EXPECT_LT(s, v);
  EXPECT_LT(v, n);
  EXPECT_NE(html.find("value=\"na\""), std::string::npos);
  EXPECT_NE(html.find("<title>Spiegel | Werkboek</title>"), std::string::npos);
}

TEST_F(ReflectionTest, NoReflectionSectionMeansNoPage) {
  std::string config = kConfig;
  config = config.substr(0, config.find("reflection:"));
  Add("content/themas/a.md", "---\ntitle: A\nvolgorde: 1\npunten: [x]\n---\n");
  auto site = Load(config);
  ASSERT_TRUE(site->model);
  EXPECT_TRUE(RenderReflection(*site->model, *site->theme).empty());
}

TEST_F(ReflectionTest, WarnsWhenTheThemeHasNoTemplate) {
  Add("content/themas/a.md", "---\ntitle: A\nvolgorde: 1\npunten: [x]\n---\n");
  auto site = Load();
  ASSERT_TRUE(site->model);
  MemoryFileSystem theme_fs;
  for (const char* name : {"page", "list", "home", "404", "layouts/base"})
    theme_fs.AddFile("t/templates/" + std::string(name) + ".mustache", "{{page_title}}");
  theme_fs.AddFile("t/themes/default/i18n/en.yaml", "home: Home\n");
  DiagnosticSink sink;
  std::unique_ptr<render::Theme> theme =
      render::LoadTheme(theme_fs, "t/templates", "t/themes/default", "en", &sink);
  ASSERT_TRUE(theme) << [&] {
    std::string s;
    for (const Diagnostic& d : sink.Sorted()) s += FormatHuman(d);
    return s;
  }();
  EXPECT_TRUE(RenderReflection(*site->model, *theme, &sink).empty());
  std::string printed;
  for (const Diagnostic& d : sink.Sorted()) printed += FormatHuman(d);
  EXPECT_EQ(printed,
            "kapstok.yaml: warning: the theme has no template 'reflectie', so the reflection "
            "page 'spiegel/' is not made\n"
            "  add templates/reflectie.mustache, or remove 'reflection:' from kapstok.yaml\n");
}

}  // namespace
}  // namespace kapstok::reflect
