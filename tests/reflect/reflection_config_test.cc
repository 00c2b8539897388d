// The `reflection:` section of kapstok.yaml: defaults, and every mistake
// reported at its line and column with the full printed diagnostic.
#include <gtest/gtest.h>

#include "config/config.h"
#include "testing.h"

namespace kapstok::config {
namespace {

std::string Errors(const DiagnosticSink& sink) { return test_util::Printed(sink); }

const char kTypes[] = R"(site:
  title: Werkboek
types:
  thema:
    folder: themas
    fields:
      punten: {type: list}
      uitleg: {type: text}
  tip:
    folder: tips
    relations:
      thema: {target: thema}
  bron:
    folder: bronnen
)";

std::optional<SiteConfig> Parse(const std::string& reflection, DiagnosticSink* sink) {
  return ParseConfig(std::string(kTypes) + reflection, "kapstok.yaml", sink);
}

TEST(ReflectionConfigTest, ParsesEveryKeyAndDefaults) {
  DiagnosticSink sink;
  auto c = Parse(
      "reflection:\n  title: Spiegel\n  type: thema\n  statements: punten\n"
      "  scale: [Nooit, Soms, Altijd]\n  not_applicable: n.v.t.\n  related: [tip]\n",
      &sink);
  ASSERT_TRUE(c) << Errors(sink);
  ASSERT_TRUE(c->reflection);
  const ReflectionDef& r = *c->reflection;
  EXPECT_EQ(r.slug, "reflectie");
  EXPECT_EQ(r.title, "Spiegel");
  EXPECT_EQ(r.type, "thema");
  EXPECT_EQ(r.statements, "punten");
  EXPECT_EQ(r.scale, (std::vector<std::string>{"Nooit", "Soms", "Altijd"}));
  EXPECT_EQ(r.not_applicable, "n.v.t.");
  EXPECT_EQ(r.related, std::vector<std::string>{"tip"});
  EXPECT_EQ(r.weakest, 2);
  EXPECT_EQ(r.highlights, 3);
}

TEST(ReflectionConfigTest, IsOptional) {
  DiagnosticSink sink;
  auto c = Parse("", &sink);
  ASSERT_TRUE(c) << Errors(sink);
  EXPECT_FALSE(c->reflection);
}

TEST(ReflectionConfigTest, ReportsUnknownTypeWithSuggestion) {
  DiagnosticSink sink;
  EXPECT_FALSE(Parse(
      "reflection:\n  title: S\n  type: themaa\n  statements: punten\n"
      "  scale: [a, b]\n  not_applicable: x\n",
      &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:17:9: error: reflection.type names unknown type 'themaa'\n"
            "      type: themaa\n"
            "            ^\n"
            "  did you mean 'thema'?\n");
}

TEST(ReflectionConfigTest, ReportsStatementsThatAreNotAListField) {
  DiagnosticSink sink;
  EXPECT_FALSE(Parse(
      "reflection:\n  title: S\n  type: thema\n  statements: uitleg\n"
      "  scale: [a, b]\n  not_applicable: x\n",
      &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:18:15: error: reflection statements 'uitleg' must be a list field of "
            "type 'thema'\n"
            "      statements: uitleg\n"
            "                  ^\n");
}

TEST(ReflectionConfigTest, ReportsUnknownKeyAndShortScale) {
  DiagnosticSink sink;
  EXPECT_FALSE(Parse(
      "reflection:\n  title: S\n  type: thema\n  statement: punten\n"
      "  scale: [alleen]\n  not_applicable: x\n",
      &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:16:3: error: missing required key 'statements'\n"
            "      title: S\n"
            "      ^\n"
            "kapstok.yaml:18:3: error: unknown key 'statement' in reflection\n"
            "      statement: punten\n"
            "      ^\n"
            "  did you mean 'statements'?\n"
            "kapstok.yaml:19:10: error: reflection 'scale' needs 2 to 10 answer labels, lowest "
            "first; found 1\n"
            "      scale: [alleen]\n"
            "             ^\n");
}

TEST(ReflectionConfigTest, ReportsRelatedTypesWithoutARelation) {
  DiagnosticSink sink;
  EXPECT_FALSE(Parse(
      "reflection:\n  title: S\n  type: thema\n  statements: punten\n"
      "  scale: [a, b]\n  not_applicable: x\n  related: [tip, bron, tipp]\n",
      &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:21:18: error: reflection related type 'bron' has no relation with "
            "type 'thema'\n"
            "      related: [tip, bron, tipp]\n"
            "                     ^\n"
            "kapstok.yaml:21:24: error: reflection.related names unknown type 'tipp'\n"
            "      related: [tip, bron, tipp]\n"
            "                           ^\n"
            "  did you mean 'tip'?\n");
}

TEST(ReflectionConfigTest, ReportsASlugThatATypeFolderUses) {
  DiagnosticSink sink;
  EXPECT_FALSE(Parse(
      "reflection:\n  slug: tips\n  title: S\n  type: thema\n  statements: punten\n"
      "  scale: [a, b]\n  not_applicable: x\n",
      &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:16:9: error: reflection slug 'tips' is already used by a type folder "
            "or matrix\n"
            "      slug: tips\n"
            "            ^\n");
}

}  // namespace
}  // namespace kapstok::config
