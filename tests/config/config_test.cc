#include "config/config.h"

#include <gtest/gtest.h>

#include "base/messages.h"
#include "testing.h"

namespace kapstok::config {
namespace {

std::string Errors(const DiagnosticSink& sink) { return test_util::Printed(sink); }

const char kValid[] = R"(site:
  title: Handboek
  language: nl
  base_url: https://example.org/h
  citations: bron
  menu: [kenmerk, voorbeeld]
  search: {facets: [kenmerk]}
types:
  kenmerk:
    folder: kenmerken
    name: Kenmerk
    plural: Kenmerken
    order_by: volgorde
    fields:
      volgorde: {type: int, required: true, min: 1}
      punten: {type: list}
  voorbeeld:
    folder: voorbeelden
    relations:
      kenmerken: {target: kenmerk, many: true, min: 1}
  bron:
    folder: bronnen
)";

TEST(ConfigTest, ParsesTypesFieldsAndRelations) {
  DiagnosticSink sink;
  auto c = ParseConfig(kValid, "kapstok.yaml", &sink);
  ASSERT_TRUE(c) << Errors(sink);
  EXPECT_EQ(c->title, "Handboek");
  EXPECT_EQ(c->base_url, "https://example.org/h/");
  ASSERT_EQ(c->types.size(), 3u);
  const TypeDef* k = c->FindType("kenmerk");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->url, "{folder}/{slug}/");
  EXPECT_EQ(k->FindField("volgorde")->type, FieldType::kInt);
  EXPECT_EQ(*k->FindField("volgorde")->min, 1);
  const RelationDef* r = c->FindType("voorbeeld")->FindRelation("kenmerken");
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->many);
  EXPECT_EQ(r->min, 1);
  // Defaults: label is the target's plural, inverse is the source's plural.
  EXPECT_EQ(r->label, "Kenmerken");
  EXPECT_EQ(r->inverse, "voorbeeld");
  EXPECT_EQ(c->FindTypeByFolder("bronnen")->id, "bron");
}

TEST(ConfigTest, ReportsUnknownKeyWithSuggestion) {
  DiagnosticSink sink;
  std::string text = kValid;
  text.replace(text.find("order_by"), 8, "order_bij");
  EXPECT_FALSE(ParseConfig(text, "kapstok.yaml", &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:13:5: error: unknown key 'order_bij' in type 'kenmerk'\n"
            "        order_bij: volgorde\n"
            "        ^\n"
            "  did you mean 'order_by'?\n");
}

TEST(ConfigTest, ReportsUnknownRelationTarget) {
  DiagnosticSink sink;
  std::string text = kValid;
  text.replace(text.find("target: kenmerk"), 15, "target: kenmerkk");
  EXPECT_FALSE(ParseConfig(text, "kapstok.yaml", &sink));
  EXPECT_EQ(Errors(sink),
            "kapstok.yaml:20:27: error: relation 'kenmerken' names unknown type 'kenmerkk'\n"
            "          kenmerken: {target: kenmerkk, many: true, min: 1}\n"
            "                              ^\n"
            "  did you mean 'kenmerk'?\n");
}

TEST(ConfigTest, ReportsBadFieldTypeAndYamlSyntax) {
  DiagnosticSink sink;
  std::string text = kValid;
  text.replace(text.find("type: list"), 10, "type: lijst");
  EXPECT_FALSE(ParseConfig(text, "kapstok.yaml", &sink));
  EXPECT_NE(Errors(sink).find("16:22: error: unknown field type 'lijst'"), std::string::npos)
      << Errors(sink);

  DiagnosticSink sink2;
  EXPECT_FALSE(ParseConfig("site: [a\n", "k.yaml", &sink2));
  EXPECT_NE(Errors(sink2).find("k.yaml:2:1: error: invalid YAML"), std::string::npos)
      << Errors(sink2);
}

TEST(ConfigTest, RejectsUnsafeFolderAndUrlPattern) {
  DiagnosticSink sink;
  std::string text = kValid;
  text.replace(text.find("folder: bronnen"), 15, "folder: ../x");
  EXPECT_FALSE(ParseConfig(text, "kapstok.yaml", &sink));
  EXPECT_NE(Errors(sink).find("folder '../x' must be a plain folder name"), std::string::npos);
}

TEST(ConfigTest, RequiresMatrixFieldToBeMapOfColumns) {
  DiagnosticSink sink;
  std::string text = std::string(kValid) +
                     "matrices:\n  - {slug: m, title: M, rows: kenmerk, columns: bron, field: punten}\n";
  EXPECT_FALSE(ParseConfig(text, "kapstok.yaml", &sink));
  EXPECT_NE(Errors(sink).find("matrix field 'punten' must be a map field of type 'kenmerk' keyed "
                              "by 'bron'"),
            std::string::npos)
      << Errors(sink);
}

// The site's maintainers read kapstok.yaml's errors in the site's language,
// like the editors' messages about content: each part of the message, the
// description of the value found and the hint.
TEST(ConfigTest, ReportsErrorsInTheMessageLanguage) {
  SetMessageLanguage("nl");
  std::string text = kValid;
  text.replace(text.find("order_by"), 8, "order_bij");
  text.replace(text.find("min: 1}\n      punten"), 6, "min: [1]");
  DiagnosticSink sink;
  EXPECT_FALSE(ParseConfig(text, "kapstok.yaml", &sink));
  std::vector<Diagnostic> d = sink.Sorted();
  DiagnosticSink sink2;
  std::string text2 = kValid;
  text2.replace(text2.find("target: kenmerk"), 15, "target: kenmerkk");
  EXPECT_FALSE(ParseConfig(text2, "kapstok.yaml", &sink2));
  std::vector<Diagnostic> d2 = sink2.Sorted();
  SetMessageLanguage("en");

  ASSERT_EQ(d.size(), 2u) << Errors(sink);
  EXPECT_EQ(d[0].location.line, 13);
  EXPECT_EQ(d[0].message, "onbekende sleutel 'order_bij' in het type 'kenmerk'");
  EXPECT_EQ(d[0].hint, "bedoelde je 'order_by'?");
  EXPECT_EQ(d[1].location.line, 15);
  EXPECT_EQ(d[1].message, "'min' moet een geheel getal zijn, maar is een lijst");
  ASSERT_EQ(d2.size(), 1u) << Errors(sink2);
  EXPECT_EQ(d2[0].message, "relatie 'kenmerken' noemt een onbekend type 'kenmerkk'");
  EXPECT_EQ(d2[0].hint, "bedoelde je 'kenmerk'?");
}

}  // namespace
}  // namespace kapstok::config
