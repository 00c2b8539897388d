#include <gtest/gtest.h>

#include "content/loader.h"
#include "test_config.h"

namespace kapstok::content {
namespace {

class ValidateTest : public ::testing::Test {
 protected:
  std::optional<ParsedPage> Parse(const std::string& type, const std::string& text) {
    return ParsePage(text, "c/" + type + ".md", type + ".md", "x", config_.FindType(type), &sink_);
  }
  config::SiteConfig config_ = TestConfig();
  DiagnosticSink sink_;
};

TEST_F(ValidateTest, AcceptsEveryFieldKind) {
  auto p = Parse("kenmerk",
                 "---\ntitle: Eigen kracht\nvolgorde: 2\npunten: [a, b]\nfase: midden\n"
                 "datum: 2024-02-29\nlink: https://movisie.nl\nactief: true\nkorte: k\n"
                 "boks: {x: [een], y: twee}\nincomplete: true\n---\nTekst\n");
  ASSERT_TRUE(p) << Printed(sink_);
  EXPECT_EQ(p->title, "Eigen kracht");
  EXPECT_EQ(p->fields.at("volgorde").number, 2);
  EXPECT_EQ(p->fields.at("punten").items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p->fields.at("boks").entries.size(), 2u);
  EXPECT_EQ(p->fields.at("boks").entries[1].second, std::vector<std::string>{"twee"});
  EXPECT_TRUE(p->incomplete);
  EXPECT_EQ(p->body(), "Tekst\n");
}

TEST_F(ValidateTest, ReportsUnknownFieldWithSuggestion) {
  EXPECT_FALSE(Parse("kenmerk", "---\ntitle: A\nvolgorde: 1\nvolgrde: 2\n---\n"));
  EXPECT_EQ(Printed(sink_),
            "c/kenmerk.md:4:1: error: unknown field 'volgrde' for a page of type 'kenmerk'\n"
            "    volgrde: 2\n"
            "    ^\n"
            "  did you mean 'volgorde'?\n");
}

TEST_F(ValidateTest, ReportsWrongTypesAtTheirValues) {
  EXPECT_FALSE(Parse("kenmerk",
                     "---\ntitle: A\nvolgorde: twee\npunten: los\nfase: start\ndatum: 2024-13-01\n"
                     "link: movisie.nl\nactief: misschien\nkorte: |\n  a\n  b\nboks: [a]\n---\n"));
  EXPECT_EQ(Printed(sink_),
            "c/kenmerk.md:3:11: error: 'volgorde' must be a whole number, found 'twee'\n"
            "    volgorde: twee\n"
            "              ^\n"
            "c/kenmerk.md:4:9: error: 'punten' must be a list (lines starting with '- '), found 'los'\n"
            "    punten: los\n"
            "            ^\n"
            "c/kenmerk.md:5:7: error: 'fase' must be one of begin, midden, eind, found 'start'\n"
            "    fase: start\n"
            "          ^\n"
            "c/kenmerk.md:6:8: error: 'datum' must be a date written as YYYY-MM-DD, found '2024-13-01'\n"
            "    datum: 2024-13-01\n"
            "           ^\n"
            "c/kenmerk.md:7:7: error: 'link' must be a web address starting with https:// or http://, found 'movisie.nl'\n"
            "    link: movisie.nl\n"
            "          ^\n"
            "c/kenmerk.md:8:9: error: 'actief' must be true or false, found 'misschien'\n"
            "    actief: misschien\n"
            "            ^\n"
            "c/kenmerk.md:9:8: error: 'korte' must be one line of text\n"
            "    korte: |\n"
            "           ^\n"
            "c/kenmerk.md:12:7: error: 'boks' must be a mapping from kenmerk ids to lists, found a list\n"
            "    boks: [a]\n"
            "          ^\n");
}

TEST_F(ValidateTest, ReportsMinMaxAndMissingRequired) {
  EXPECT_FALSE(Parse("kenmerk", "---\ntitle: A\nvolgorde: 12\npunten: []\n---\n"));
  EXPECT_FALSE(Parse("voorbeeld", "---\ntitle: B\n---\n"));
  EXPECT_EQ(Printed(sink_),
            "c/kenmerk.md:3:11: error: 'volgorde' is 12, more than the maximum 9\n"
            "    volgorde: 12\n"
            "              ^\n"
            "c/kenmerk.md:4:9: error: 'punten' has 0 items, fewer than the minimum 1\n"
            "    punten: []\n"
            "            ^\n"
            "c/voorbeeld.md:1:1: error: missing required field 'kenmerken' (kenmerk)\n"
            "    ---\n"
            "    ^\n"
            "  add a line 'kenmerken: ...' to the front matter\n");
}

TEST_F(ValidateTest, ReportsRelationShapes) {
  EXPECT_FALSE(Parse("voorbeeld", "---\ntitle: B\nkenmerken: [a]\nhoofd: [a, b]\n---\n"));
  EXPECT_EQ(Printed(sink_),
            "c/voorbeeld.md:4:8: error: 'hoofd' takes one kenmerk id, found a list\n"
            "    hoofd: [a, b]\n"
            "           ^\n");
  // One id for a 'many' relation is accepted as a list of one.
  auto p = Parse("voorbeeld", "---\ntitle: B\nkenmerken: a\n---\n");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->relations.at("kenmerken")[0].id, "a");
  EXPECT_EQ(p->relations.at("kenmerken")[0].location.line, 3);
  EXPECT_EQ(p->relations.at("kenmerken")[0].location.column, 12);
}

// Locations of values and relation ids are looked up from one line to the
// next (not from the top each time): they must be what a diagnostic there
// would show, with columns in characters, in any order of keys.
TEST_F(ValidateTest, LocatesEveryValueAndRelationIdInCharacters) {
  auto p = Parse("voorbeeld",
                 "---\nhoofd: \"é-ë\"\ntitle: Coördinatie\nkenmerken:\n  - één\n  - \"ñ\"\n---\n");
  ASSERT_TRUE(p) << Printed(sink_);
  const RelationRef& hoofd = p->relations.at("hoofd")[0];
  EXPECT_EQ(hoofd.location.line, 2);
  EXPECT_EQ(hoofd.location.column, 8);
  EXPECT_EQ(p->SourceLineAt(hoofd.location), "hoofd: \"é-ë\"");
  EXPECT_EQ(p->title_location.line, 3);
  EXPECT_EQ(p->title_location.column, 1);
  const std::vector<RelationRef>& kenmerken = p->relations.at("kenmerken");
  ASSERT_EQ(kenmerken.size(), 2u);
  EXPECT_EQ(kenmerken[0].location.line, 5);
  EXPECT_EQ(kenmerken[0].location.column, 5);
  EXPECT_EQ(p->SourceLineAt(kenmerken[0].location), "  - één");
  EXPECT_EQ(kenmerken[1].location.line, 6);
  EXPECT_EQ(p->SourceLineAt(kenmerken[1].location), "  - \"ñ\"");
  EXPECT_EQ(p->At(kenmerken[1].location).path, "c/voorbeeld.md");
}

TEST_F(ValidateTest, ReportsYamlErrorsTabsAndDuplicates) {
  EXPECT_FALSE(Parse("kenmerk", "---\ntitle: A\n\tvolgorde: 1\n---\n"));
  EXPECT_FALSE(Parse("voorbeeld", "---\ntitle: A\ntitle: B\nkenmerken: [a]\n---\n"));
  EXPECT_EQ(Printed(sink_),
            "c/kenmerk.md:3:1: error: a tab is used for indentation; YAML allows only spaces\n"
            "        volgorde: 1\n"
            "    ^\n"
            "  replace the tab with spaces\n"
            "c/voorbeeld.md:3:1: error: duplicate key 'title'\n"
            "    title: B\n"
            "    ^\n"
            "  each key may appear once; remove or rename one of them\n");
}

TEST_F(ValidateTest, ReportsMissingTitleAndIdMismatch) {
  EXPECT_FALSE(Parse("kenmerk", "---\n---\n"));
  EXPECT_FALSE(Parse("voorbeeld", "---\ntitle: A\nid: y\nkenmerken: [a]\n---\n"));
  EXPECT_EQ(Printed(sink_),
            "c/kenmerk.md:1:1: error: missing required field 'title'\n"
            "    ---\n"
            "    ^\n"
            "  add a line 'title: ...' to the front matter\n"
            "c/voorbeeld.md:3:5: error: 'id' is 'y' but the file name gives 'x'\n"
            "    id: y\n"
            "        ^\n"
            "  remove the 'id' line: the id comes from the file name\n");
}

TEST_F(ValidateTest, RejectsDeeplyNestedYaml) {
  std::string deep = "---\ntitle: A\nvolgorde: " + std::string(200, '[') + std::string(200, ']') + "\n---\n";
  EXPECT_FALSE(Parse("kenmerk", deep));
  EXPECT_NE(Printed(sink_).find("YAML nested more than 64 levels deep"), std::string::npos);
}

}  // namespace
}  // namespace kapstok::content
