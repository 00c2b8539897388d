// `kapstok new`: file names from titles, archetype placeholders, refusing to
// overwrite, and that a new file passes `kapstok check` (the binary, on a
// temporary copy of a fixture and of the handbook itself). Also checks the
// handbook's archetypes: one per type, every field with a comment.
#include "cli/new.h"

#include <gtest/gtest.h>

#include "base/messages.h"
#include "cli_test_util.h"
#include "config/config.h"

namespace kapstok::cli {
namespace {

using kapstok::test_util::ReadFile;
using kapstok::test_util::RunKapstok;
using kapstok::test_util::SourceDir;
using kapstok::test_util::TempProject;

constexpr char kFixture[] = "tests/fixtures/editor-basic";

TempProject FixtureProject() {
  return TempProject({std::string(kFixture) + "/kapstok.yaml", std::string(kFixture) + "/content"});
}

TEST(FileNameForTitleTest, FoldsDiacriticsLowercasesAndJoinsWithHyphens) {
  EXPECT_EQ(FileNameForTitle("Café De Ruimte: één plek"), "cafe-de-ruimte-een-plek");
  EXPECT_EQ(FileNameForTitle("  Wijkteam Noord (2024)! "), "wijkteam-noord-2024");
  EXPECT_EQ(FileNameForTitle("Coördinatie & Zorg — Ëxtra"), "coordinatie-zorg-extra");
  EXPECT_EQ(FileNameForTitle("Eigen Kracht's conferentie"), "eigen-krachts-conferentie");
  EXPECT_EQ(FileNameForTitle("?!"), "");
}

TEST(FillArchetypeTest, ExpandsTitleYearDateAndIds) {
  ArchetypeValues v{"Het \"Huis\" \\ 1", "2026", "2026-11-22",
                    {{"kenmerk", {"binden", "eigen-kracht"}}, {"leeg", {}}}};
  std::string unknown;
  auto out = FillArchetype(
      "title: \"{{title}}\"\njaar: {{year}}\ndatum: {{date}}\n# Kies uit: {{ids:kenmerk}}\n"
      "kenmerken: [{{first:kenmerk}}]\nleeg: [{{first:leeg}}]\n",
      v, &unknown);
  ASSERT_TRUE(out) << unknown;
  EXPECT_EQ(*out,
            "title: \"Het \\\"Huis\\\" \\\\ 1\"\njaar: 2026\ndatum: 2026-11-22\n"
            "# Kies uit: binden, eigen-kracht\nkenmerken: [binden]\nleeg: []\n");
}

TEST(FillArchetypeTest, WrapsLongIdListsInCommentsOnly) {
  ArchetypeValues v;
  v.ids["bron"] = {"aaaaaaaaaa-2001", "bbbbbbbbbb-2002", "cccccccccc-2003", "dddddddddd-2004",
                   "eeeeeeeeee-2005", "ffffffffff-2006"};
  std::string unknown;
  auto out = FillArchetype("# Kies uit: {{ids:bron}}\nbronnen: [{{ids:bron}}]\n", v, &unknown);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "# Kies uit: aaaaaaaaaa-2001, bbbbbbbbbb-2002, cccccccccc-2003, dddddddddd-2004,\n"
            "#   eeeeeeeeee-2005, ffffffffff-2006\n"
            "bronnen: [aaaaaaaaaa-2001, bbbbbbbbbb-2002, cccccccccc-2003, dddddddddd-2004, "
            "eeeeeeeeee-2005, ffffffffff-2006]\n");
}

TEST(FillArchetypeTest, RejectsAnUnknownPlaceholder) {
  std::string unknown;
  EXPECT_FALSE(FillArchetype("a: {{titel}}\n", ArchetypeValues{}, &unknown));
  EXPECT_EQ(unknown, "{{titel}}");
  EXPECT_FALSE(FillArchetype("a: {{ids:geen-type}}\n", ArchetypeValues{}, &unknown));
  EXPECT_EQ(unknown, "{{ids:geen-type}}");
}

TEST(NewCommandTest, CreatesTheFileNamedAfterTheTitleAndItPassesCheck) {
  TempProject project = FixtureProject();
  test_util::RunResult r = RunKapstok(project.dir(), {"new", "voorbeeld", "Café De Ruimte: één plek"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "content/voorbeelden/cafe-de-ruimte-een-plek.md\n");
  EXPECT_EQ(r.err,
            "content/voorbeelden/cafe-de-ruimte-een-plek.md gemaakt; vul de velden in en draai "
            "'kapstok check'\n");
  std::string text = ReadFile(project.dir() / "content/voorbeelden/cafe-de-ruimte-een-plek.md");
  EXPECT_EQ(text.rfind("---\n# yaml-language-server: $schema=../../schemas/voorbeeld.schema.json\n"
                       "title: \"Café De Ruimte: één plek\"\n", 0),
            0u)
      << text;
  for (const char* key : {"\nsamenvatting: ", "\njaar: 1900\n", "\nactueel: false\n",
                          "\nniveau: laag\n", "\nstappen:\n  - Vul in.\n  - Vul in.\n",
                          "\nkenmerken: [binden-en-verbinden]\n", "\n# plaats: ",
                          "\n# scores: ", "\n# hoofdkenmerk: binden-en-verbinden\n"})
    EXPECT_NE(text.find(key), std::string::npos) << key << "\n" << text;
  test_util::RunResult check = RunKapstok(project.dir(), {"check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.err, "");
}

TEST(NewCommandTest, RefusesToOverwriteAnExistingFile) {
  TempProject project = FixtureProject();
  test_util::WriteFile(project.dir() / "content/voorbeelden/wijkteam-noord.md", "eigen tekst\n");
  test_util::RunResult nl = RunKapstok(project.dir(), {"new", "voorbeeld", "Wijkteam Noord"});
  EXPECT_EQ(nl.exit_code, 2);
  EXPECT_EQ(nl.out, "");
  EXPECT_EQ(nl.err,
            "kapstok new: 'content/voorbeelden/wijkteam-noord.md' bestaat al; kies een andere "
            "titel of bewerk dat bestand\n");
  test_util::RunResult en =
      RunKapstok(project.dir(), {"new", "--lang", "en", "voorbeeld", "Wijkteam  noord"});
  EXPECT_EQ(en.exit_code, 2);
  EXPECT_EQ(en.err,
            "kapstok new: 'content/voorbeelden/wijkteam-noord.md' already exists; choose another "
            "title, or edit that file\n");
  EXPECT_EQ(ReadFile(project.dir() / "content/voorbeelden/wijkteam-noord.md"), "eigen tekst\n");
}

TEST(NewCommandTest, ExplainsAnUnknownTypeAndAnUnusableTitle) {
  TempProject project = FixtureProject();
  test_util::RunResult r = RunKapstok(project.dir(), {"new", "voorbeelt", "Iets"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "kapstok new: onbekend inhoudstype 'voorbeelt'\n  bedoelde je 'voorbeeld'?\n");
  r = RunKapstok(project.dir(), {"new", "xyz", "Iets"});
  EXPECT_EQ(r.err, "kapstok new: onbekend inhoudstype 'xyz'\n  de types zijn: kenmerk, voorbeeld\n");
  r = RunKapstok(project.dir(), {"new", "voorbeeld", "?!"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "kapstok new: de titel '?!' geeft geen bruikbare bestandsnaam; gebruik letters of "
            "cijfers\n");
  r = RunKapstok(project.dir(), {"new", "voorbeeld", "Index"});
  EXPECT_EQ(r.err, "kapstok new: de bestandsnaam 'index.md' is gereserveerd; kies een andere titel\n");
  // The folder name works as the type too.
  r = RunKapstok(project.dir(), {"new", "voorbeelden", "Via de map"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "content/voorbeelden/via-de-map.md\n");
}

TEST(FillArchetypeTest, LeavesNoTrailingBlanksWhenATypeHasNoIds) {
  ArchetypeValues v;
  v.ids["bron"] = {};
  std::string unknown;
  auto out = FillArchetype("# Kies uit: {{ids:bron}}\nbronnen: [{{first:bron}}]\n", v, &unknown);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "# Kies uit:\nbronnen: []\n");
}

// The "Bewerk deze pagina" link of a page opens its file in the repository.
TEST(EditLinkTest, EveryPageLinksToItsFileInTheRepositoryEditor) {
  TempProject project = FixtureProject();
  ASSERT_EQ(RunKapstok(project.dir(), {"new", "voorbeeld", "Buurtkamer"}).exit_code, 0);
  test_util::RunResult r = RunKapstok(project.dir(), {"build", "--out", "site", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* page : {"kenmerken/eigen-kracht-versterken", "voorbeelden/buurtkamer"}) {
    std::string html = ReadFile(project.dir() / "site" / page / "index.html");
    EXPECT_NE(html.find("<a class=\"edit-link\" href=\"https://github.com/example/handboek/edit/"
                        "main/content/" + std::string(page) + ".md\">"),
              std::string::npos)
        << page;
  }
}

// The handbook: a new page of every type, from its archetype, passes check.
TEST(NewCommandTest, EveryHandbookArchetypeGivesAPageThatPassesCheck) {
  TempProject project({"kapstok.yaml", "content"});
  DiagnosticSink sink;
  auto config = config::ParseConfig(ReadFile(SourceDir() / "kapstok.yaml"), "kapstok.yaml", &sink);
  ASSERT_TRUE(config);
  for (const config::TypeDef& t : config->types) {
    test_util::RunResult r = RunKapstok(project.dir(), {"new", t.id, "Nieuw testonderwerp " + t.id});
    ASSERT_EQ(r.exit_code, 0) << t.id << ": " << r.err;
    EXPECT_EQ(r.out, "content/" + t.folder + "/nieuw-testonderwerp-" + t.id + ".md\n");
  }
  test_util::RunResult check = RunKapstok(project.dir(), {"check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

// Every type has templates/archetypes/<type>.md that names the schema on its
// second line and lists every field and relation, each under a '#' comment;
// required ones are filled in, optional ones may be commented out.
TEST(ArchetypeTest, EveryTypeHasAnArchetypeWithEveryFieldAndAComment) {
  DiagnosticSink sink;
  auto config = config::ParseConfig(ReadFile(SourceDir() / "kapstok.yaml"), "kapstok.yaml", &sink);
  ASSERT_TRUE(config);
  for (const config::TypeDef& t : config->types) {
    SCOPED_TRACE(t.id);
    std::string text = ReadFile(SourceDir() / "templates/archetypes" / (t.id + ".md"));
    ASSERT_FALSE(text.empty()) << "missing templates/archetypes/" << t.id << ".md";
    std::vector<std::string> lines;
    for (size_t p = 0, e; p < text.size(); p = e + 1) {
      e = text.find('\n', p);
      if (e == std::string::npos) e = text.size();
      lines.push_back(text.substr(p, e - p));
    }
    ASSERT_GT(lines.size(), 3u);
    EXPECT_EQ(lines[0], "---");
    EXPECT_EQ(lines[1], "# yaml-language-server: $schema=../../schemas/" + t.id + ".schema.json");
    EXPECT_TRUE(std::filesystem::exists(SourceDir() / "schemas" / (t.id + ".schema.json")));
    auto find_key = [&](const std::string& key, bool* commented) -> int {
      for (size_t i = 2; i < lines.size() && lines[i] != "---"; ++i) {
        if (lines[i].rfind(key + ":", 0) == 0) {
          *commented = false;
          return static_cast<int>(i);
        }
        if (lines[i].rfind("# " + key + ":", 0) == 0) {
          *commented = true;
          return static_cast<int>(i);
        }
      }
      return -1;
    };
    std::vector<std::pair<std::string, bool>> keys = {{"title", true}};
    for (const config::FieldDef& f : t.fields) keys.push_back({f.name, f.required});
    for (const config::RelationDef& r : t.relations) keys.push_back({r.name, r.required});
    for (const auto& [key, required] : keys) {
      bool commented = false;
      int at = find_key(key, &commented);
      ASSERT_GE(at, 0) << "the archetype does not mention '" << key << "'";
      if (required) {
        EXPECT_FALSE(commented) << "required '" << key << "' is commented out";
      }
      EXPECT_EQ(lines[at - 1].rfind("# ", 0), 0u) << "no comment above '" << key << "'";
    }
    EXPECT_NE(text.find("title: \"{{title}}\"\n"), std::string::npos);
  }
}

}  // namespace
}  // namespace kapstok::cli
