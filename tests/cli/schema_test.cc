// The JSON Schemas of `kapstok schema`: the committed schemas/ are up to date
// with kapstok.yaml, every front matter of the handbook's content passes its
// type's schema, and broken examples fail it (checked with the small checker
// in json_schema_checker.h). Also runs the command itself.
#include "schema/json_schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "base/messages.h"
#include "cli_test_util.h"
#include "config/config.h"
#include "content/front_matter.h"
#include "json_schema_checker.h"

namespace kapstok::schema {
namespace {

using kapstok::test_util::Json;
using kapstok::test_util::ReadFile;
using kapstok::test_util::SchemaChecker;
using kapstok::test_util::SourceDir;
using kapstok::test_util::YamlToJson;

config::SiteConfig HandbookConfig() {
  DiagnosticSink sink;
  auto config = config::ParseConfig(ReadFile(SourceDir() / "kapstok.yaml"), "kapstok.yaml", &sink);
  EXPECT_TRUE(config);
  return config ? *config : config::SiteConfig{};
}

TEST(SchemaTest, CommittedSchemasAreUpToDate) {
  config::SiteConfig config = HandbookConfig();
  SetMessageLanguage(config.language);
  OutputFiles files = SchemaFiles(config);
  SetMessageLanguage("en");
  std::set<std::string> expected, present;
  for (const OutputFile& f : files) {
    expected.insert(f.path);
    EXPECT_EQ(ReadFile(SourceDir() / kSchemaDir / f.path), f.bytes)
        << "schemas/" << f.path << " is out of date: run 'kapstok schema' and commit schemas/";
  }
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() / kSchemaDir))
    present.insert(e.path().filename().string());
  EXPECT_EQ(present, expected);
}

// Every content file's front matter, as VS Code's YAML extension sees it.
TEST(SchemaTest, AcceptsEveryFrontMatterOfTheHandbook) {
  config::SiteConfig config = HandbookConfig();
  int checked = 0;
  for (const config::TypeDef& t : config.types) {
    const Json schema = TypeSchema(t, config);
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "content" / t.folder)) {
      if (e.path().extension() != ".md" || e.path().filename() == "_index.md") continue;
      SCOPED_TRACE(e.path().string());
      DiagnosticSink sink;
      auto split = content::SplitFrontMatter(ReadFile(e.path()), e.path().string(), &sink);
      ASSERT_TRUE(split);
      YAML::Node front = YAML::Load(split->text.substr(split->yaml_begin,
                                                       split->yaml_end - split->yaml_begin));
      std::vector<std::string> errors;
      EXPECT_TRUE(SchemaChecker::Check(schema, YamlToJson(front), "", &errors))
          << ::testing::PrintToString(errors);
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

struct Broken {
  const char* type;
  const char* yaml;
  const char* error;  // the checker's complaint
};

TEST(SchemaTest, RejectsBrokenFrontMatter) {
  config::SiteConfig config = HandbookConfig();
  const Broken kBroken[] = {
      {"praktijkvoorbeeld", "title: X\nkenmerken: [op-de-vraag-af]\n", ": required samenvatting"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\n", ": required kenmerken"},
      {"praktijkvoorbeeld", "samenvatting: Y\nkenmerken: [op-de-vraag-af]\n", ": required title"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: [a]\nsamenvating: Z\n",
       ": additionalProperties samenvating"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: [a]\njaar: \"2013\"\n",
       ".jaar: type [\"integer\",\"null\"]"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: [a]\njaar: 1850\n",
       ".jaar: minimum"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: [Op de vraag af]\n",
       ".kenmerken: anyOf"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: []\n", ".kenmerken: anyOf"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: [a]\nplaats: |\n  a\n  b\n",
       ".plaats: pattern"},
      {"praktijkvoorbeeld", "title: \"  \"\nsamenvatting: Y\nkenmerken: [a]\n", ".title: pattern"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting:\nkenmerken: [a]\n", ".samenvatting: type [\"string\",\"number\"]"},
      {"praktijkvoorbeeld", "title: X\nsamenvatting: Y\nkenmerken: [a]\ndraft: misschien\n",
       ".draft: type \"boolean\""},
      {"bron", "title: X\nauteurs: A\ntitel: T\nurl: www.example.org\n", ".url: pattern"},
      {"rol", "title: X\nvolgorde: 1\nbeschrijving: B\nniveau: hoog\n", ".niveau: enum"},
      {"kenmerk",
       "title: X\nvolgorde: 1\nsamenvatting: S\neffect: E\ntoelichting: T\n"
       "professional_doet: [a]\nburger_vindt: [b]\norganisatie_biedt: Alles\n",
       ".organisatie_biedt: type \"array\""},
      {"kenmerk",
       "title: X\nvolgorde: 1\nsamenvatting: S\neffect: E\ntoelichting: T\n"
       "professional_doet: [a]\nburger_vindt: [b]\norganisatie_biedt: [c]\n"
       "boks: {Normatieve Professional: [x]}\n",
       ".boks{Normatieve Professional}: pattern"},
      {"competentie", "title: X\nbeschrijving: B\nkenmerk: [op-de-vraag-af]\n", ".kenmerk: type \"string\""},
  };
  for (const Broken& b : kBroken) {
    SCOPED_TRACE(b.yaml);
    const config::TypeDef* t = config.FindType(b.type);
    ASSERT_TRUE(t);
    std::vector<std::string> errors;
    EXPECT_FALSE(SchemaChecker::Check(TypeSchema(*t, config), YamlToJson(YAML::Load(b.yaml)), "",
                                      &errors));
    EXPECT_NE(std::find(errors.begin(), errors.end(), b.error), errors.end())
        << ::testing::PrintToString(errors);
  }
}

TEST(SchemaTest, DescribesFieldsInTheSiteLanguage) {
  config::SiteConfig config = HandbookConfig();
  SetMessageLanguage("nl");
  Json s = TypeSchema(*config.FindType("praktijkvoorbeeld"), config);
  SetMessageLanguage("en");
  EXPECT_EQ(s["properties"]["jaar"]["title"], "Jaar");
  EXPECT_EQ(s["properties"]["jaar"]["description"], "Een geheel getal. Van 1900 tot en met 2100.");
  EXPECT_EQ(s["properties"]["kenmerken"]["description"],
            "Id's van pagina's van type kenmerk, als lijst [a, b]: de bestandsnamen in "
            "content/kenmerken/ zonder '.md'. Verplicht.");
  EXPECT_EQ(s["additionalProperties"], false);
}

TEST(SchemaCommandTest, WritesOneSchemaPerTypeAndChecksThem) {
  test_util::TempProject project({"tests/fixtures/editor-basic/kapstok.yaml",
                                "tests/fixtures/editor-basic/content"});
  test_util::RunResult r = test_util::RunKapstok(project.dir(), {"schema"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "2 schema's geschreven naar schemas\n");
  EXPECT_TRUE(std::filesystem::exists(project.dir() / "schemas/kenmerk.schema.json"));
  std::string voorbeeld = ReadFile(project.dir() / "schemas/voorbeeld.schema.json");
  EXPECT_NE(voorbeeld.find("\"$schema\": \"http://json-schema.org/draft-07/schema#\""),
            std::string::npos);
  r = test_util::RunKapstok(project.dir(), {"schema", "--check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  test_util::WriteFile(project.dir() / "schemas/voorbeeld.schema.json", "{}\n");
  r = test_util::RunKapstok(project.dir(), {"schema", "--check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "schemas/voorbeeld.schema.json: loopt niet gelijk met kapstok.yaml; draai 'kapstok "
            "schema' en commit het resultaat\n");
  // The descriptions are in the message language: English schemas differ.
  r = test_util::RunKapstok(project.dir(), {"schema", "--check", "--lang", "en"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("schemas/kenmerk.schema.json: out of date with kapstok.yaml"),
            std::string::npos);
}

// The output folder is replaced, so it must hold nothing but schemas.
TEST(SchemaCommandTest, RefusesToReplaceAFolderWithOtherFiles) {
  test_util::TempProject project({"tests/fixtures/editor-basic/kapstok.yaml",
                                "tests/fixtures/editor-basic/content"});
  test_util::RunResult r = test_util::RunKapstok(project.dir(), {"schema", "--out", "content"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "kapstok schema: de map 'content' bevat ook andere bestanden dan schema's (zoals "
            "'index.md'); kies een lege map of een map met alleen *.schema.json\n");
  EXPECT_TRUE(std::filesystem::exists(project.dir() / "content/index.md"));
}

}  // namespace
}  // namespace kapstok::schema
