// `kapstok check` on tests/fixtures/editor-diagnostics, whose content has one
// problem per file, named after the kind of problem. The full output is
// compared with expected/check.<lang>.<format>.txt, file by file, for both
// formats (human, --format=github) and both languages (nl: the site's
// language, the default; en: --lang en).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cli_test_util.h"

namespace kapstok {
namespace {

using test_util::RunKapstok;
using test_util::TempProject;

constexpr char kFixture[] = "tests/fixtures/editor-diagnostics";

// Every diagnostic kind an editor can meet, by the file that shows it.
const char* const kKinds[] = {
    "content/voorbeelden/yaml-syntax.md",          "content/voorbeelden/tab-indentation.md",
    "content/voorbeelden/unknown-field.md",        "content/voorbeelden/missing-required.md",
    "content/voorbeelden/required-empty.md",       "content/voorbeelden/wrong-string.md",
    "content/voorbeelden/wrong-string-lines.md",   "content/voorbeelden/wrong-text.md",
    "content/voorbeelden/wrong-int.md",            "content/voorbeelden/wrong-date.md",
    "content/voorbeelden/wrong-bool.md",           "content/voorbeelden/wrong-url.md",
    "content/voorbeelden/wrong-list.md",           "content/voorbeelden/wrong-enum.md",
    "content/voorbeelden/wrong-map.md",            "content/voorbeelden/int-min.md",
    "content/voorbeelden/int-max.md",              "content/voorbeelden/list-min.md",
    "content/voorbeelden/list-max.md",             "content/voorbeelden/relation-min.md",
    "content/voorbeelden/unknown-relation.md",     "content/voorbeelden/unknown-relation-far.md",
    "content/voorbeelden/broken-link.md",          "content/voorbeelden/unknown-citation.md",
    "content/voorbeelden/Slecht Bestand.md",       "content/voorbeeldn/verkeerde-map.md",
    "content/voorbeelden/invalid-utf8.md",         "content/voorbeelden/unclosed-front-matter.md",
    "content/voorbeelden/duplicate-key.md",        "content/voorbeelden/no-front-matter.md",
    "content/voorbeelden/yaml-indentation.md",     "content/voorbeelden/yaml-after-quote.md",
    "content/voorbeelden/warning-anchor.md",       "content/voorbeelden/warning-level-1-heading.md",
};

// The path a diagnostic line starts with: "path:line:col: ..." (human) or
// "::error file=path,..." (github). "" for continuation lines.
std::string PathOf(const std::string& line, bool github) {
  if (github) {
    if (line.rfind("::", 0) != 0) return "";
    size_t b = line.find("file=") + 5, e = line.find_first_of(",:", b);
    return line.substr(b, e - b);
  }
  if (line.empty() || line[0] == ' ') return "";
  size_t colon = line.find(".md:");
  return colon == std::string::npos ? "" : line.substr(0, colon + 3);
}

// Splits the output into the text per file (the summary under "").
std::map<std::string, std::string> ByFile(const std::string& output, bool github) {
  std::map<std::string, std::string> out;
  std::string current;
  size_t pos = 0;
  while (pos < output.size()) {
    size_t end = output.find('\n', pos);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(pos, end - pos);
    std::string path = PathOf(line, github);
    if (!path.empty()) current = path;
    else if (line.find("fout(en)") != std::string::npos || line.find("error(s)") != std::string::npos)
      current = "";
    out[current] += line + "\n";
    pos = end + 1;
  }
  return out;
}

struct Case {
  const char* language;
  const char* format;
};

class CheckDiagnosticsTest : public ::testing::TestWithParam<Case> {};

TEST_P(CheckDiagnosticsTest, PrintsExactlyTheExpectedDiagnostics) {
  const Case c = GetParam();
  const std::string expected_path = std::string(kFixture) + "/expected/check." + c.language +
                                    "." + c.format + ".txt";
  const std::string expected = test_util::ReadFile(test_util::SourceDir() / expected_path);
  ASSERT_FALSE(expected.empty()) << expected_path;
  TempProject project({std::string(kFixture) + "/kapstok.yaml", std::string(kFixture) + "/content"});
  std::vector<std::string> args = {"check", std::string("--format=") + c.format};
  if (std::string(c.language) != "nl") args.push_back(std::string("--lang=") + c.language);
  test_util::RunResult r = RunKapstok(project.dir(), args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  const bool github = std::string(c.format) == "github";
  std::map<std::string, std::string> got = ByFile(r.err, github), want = ByFile(expected, github);
  for (const char* kind : kKinds) {
    SCOPED_TRACE(kind);
    EXPECT_TRUE(want.count(kind)) << "the expected output has no diagnostic for this file";
    EXPECT_EQ(got[kind], want[kind]);
  }
  EXPECT_EQ(got.size(), want.size());
  EXPECT_EQ(r.err, expected);  // everything, in order, with the summary
}

INSTANTIATE_TEST_SUITE_P(LanguagesAndFormats, CheckDiagnosticsTest,
                         ::testing::Values(Case{"nl", "human"}, Case{"nl", "github"},
                                           Case{"en", "human"}, Case{"en", "github"}),
                         [](const auto& info) {
                           return std::string(info.param.language) + "_" + info.param.format;
                         });

// Spot checks of the catalogue texts, so a regenerated golden file cannot
// silently turn Dutch into English.
// A broken kapstok.yaml does not cost the editor their language: its
// site.language still chooses the messages.
TEST(CheckDiagnosticsTest, ABrokenConfigStillReportsInTheSiteLanguage) {
  TempProject project({std::string(kFixture) + "/content"});
  test_util::WriteFile(project.dir() / "kapstok.yaml",
                     "site:\n  title: T\n  language: nl\ntypes:\n  x:\n    folder: xs\n"
                     "    bogus: 1\n");
  test_util::RunResult r = RunKapstok(project.dir(), {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("1 fout(en), 0 waarschuwing(en)\n"), std::string::npos) << r.err;
}

TEST(CheckDiagnosticsTest, DutchIsTheDefaultAndEnglishNeedsLangEn) {
  TempProject project({std::string(kFixture) + "/kapstok.yaml", std::string(kFixture) + "/content"});
  test_util::RunResult nl = RunKapstok(project.dir(), {"check"});
  EXPECT_NE(nl.err.find("content/voorbeelden/unknown-relation.md:4:13: error: er is geen kenmerk "
                        "met de id 'eigen-kracht'\n"
                        "    kenmerken: [eigen-kracht, binden-en-verbinden]\n"
                        "                ^\n"
                        "  bedoelde je 'eigen-kracht-versterken'?\n"),
            std::string::npos)
      << nl.err;
  test_util::RunResult en = RunKapstok(project.dir(), {"check", "--lang", "en"});
  EXPECT_NE(en.err.find("content/voorbeelden/unknown-field.md:5:1: error: unknown field 'plaatz' "
                        "for a page of type 'voorbeeld'\n"
                        "    plaatz: Rotterdam\n"
                        "    ^\n"
                        "  did you mean 'plaats'?\n"),
            std::string::npos)
      << en.err;
  test_util::RunResult gh = RunKapstok(project.dir(), {"check", "--format", "github"});
  EXPECT_NE(gh.err.find("::error file=content/voorbeelden/wrong-enum.md,line=5,col=9::'niveau' "
                        "moet een van deze waarden zijn: laag, midden, hoog; gevonden: "
                        "'hogg'%0Abedoelde je 'hoog'?\n"),
            std::string::npos)
      << gh.err;
}

}  // namespace
}  // namespace kapstok
