// Regression tests for bugs the quality gates (bad-input and hostile-content
// fixtures, fuzzers) found, each with the input that showed it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "config/yaml_util.h"
#include "content/front_matter.h"
#include "markdown/markdown.h"
#include "testing.h"

namespace kapstok {
namespace {

using test_util::Printed;

// Anchors that expand to 9^10 values made the duplicate-key walk run for
// hours ("billion laughs"); it now stops after kMaxYamlValues values.
TEST(YamlRegressionTest, AliasesThatExpandTooMuchAreAnErrorNotAHang) {
  std::string yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) yaml += (j ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  std::string file = "---\n" + yaml + "---\n";
  DiagnosticSink sink;
  // The message is the proof that the walk stopped at the cap (ctest's
  // timeout catches a hang).
  EXPECT_FALSE(config::LoadYaml(yaml, {"x.md", file, 1}, &sink));
  EXPECT_EQ(Printed(sink),
            "x.md:2:15: error: invalid YAML: more than 100000 values (anchors and aliases that "
            "expand too much?)\n"
            "    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            "                  ^\n");
}

// Deep bracket nesting was reported on the first line of the front matter,
// not where it is.
TEST(YamlRegressionTest, DeepBracketsAreReportedWhereTheyAre) {
  std::string yaml = "title: Diep\nstappen: " + std::string(70, '[') + std::string(70, ']') + "\n";
  std::string file = "---\n" + yaml + "---\n";
  DiagnosticSink sink;
  EXPECT_FALSE(config::LoadYaml(yaml, {"x.md", file, 1}, &sink));
  ASSERT_EQ(sink.Sorted().size(), 1u);
  EXPECT_EQ(sink.Sorted()[0].location.line, 3);
  EXPECT_EQ(sink.Sorted()[0].location.column, 10 + 64);
}

// A NUL in a quoted YAML value ended up in a message, and the CLI printed
// the diagnostics with fputs: everything after the NUL was lost. ESC could
// drive the terminal of whoever reads the CI log.
TEST(DiagnosticRegressionTest, ControlCharactersInMessagesAreEscaped) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.location = SourceLocation{"content/a.md", 5, 13};
  d.message = std::string("unknown kenmerk 'eigen\0kracht\x1b[2J'", 34);
  d.hint = "hint \x07";
  d.source_line = std::string("kenmerken: [\"eigen\\0kracht\"]\x1b");
  EXPECT_EQ(FormatHuman(d),
            "content/a.md:5:13: error: unknown kenmerk 'eigen\\x00kracht\\x1b[2J'\n"
            "    kenmerken: [\"eigen\\0kracht\"]?\n"
            "                ^\n"
            "  hint \\x07\n");
  EXPECT_EQ(FormatGithub(d).find('\0'), std::string::npos);
  EXPECT_EQ(FormatGithub(d).find('\x1b'), std::string::npos);
}

// RealFileSystem named a symlink by its target's path (fs::relative follows
// links), so "content/kenmerken/x.md -> /etc/hostname" was reported as
// "content/../../etc/hostname".
TEST(FileSystemRegressionTest, SymlinksAreListedUnderTheirOwnName) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("kapstok-regression-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "content" / "kenmerken");
  fs::create_directories(dir / "outside");
  fs::create_symlink(dir / "outside", dir / "content" / "kenmerken" / "map");
  fs::create_symlink("/etc/hostname", dir / "content" / "kenmerken" / "x.md");
  std::vector<DirEntry> entries;
  ASSERT_TRUE(RealFileSystem().ListTree((dir / "content").string(), &entries).ok());
  fs::remove_all(dir);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].path, "kenmerken/map");
  EXPECT_TRUE(entries[0].is_symlink);
  EXPECT_EQ(entries[1].path, "kenmerken/x.md");
  EXPECT_TRUE(entries[1].is_symlink);
}

class OneSourceResolver : public markdown::LinkResolver {
 public:
  std::optional<std::string> ResolveLink(std::string_view href, std::string* error,
                                         std::string* hint) const override {
    *error = "no pages here";
    return std::nullopt;
  }
  std::optional<markdown::Citation> ResolveCitation(std::string_view id,
                                                    std::string* hint) const override {
    if (id != "movisie") return std::nullopt;
    return markdown::Citation{"../../bronnen/movisie/", "Movisie, 2013"};
  }
};

// The links fuzzer found that a citation inside a table cell was dropped
// ("zie ()") and its nodes leaked: cmark-gfm's table cells refuse custom
// inline nodes, and the failed insert was not checked.
TEST(MarkdownRegressionTest, CitationInATableCellIsALink) {
  DiagnosticSink sink;
  markdown::Options options;
  options.path = "content/voorbeelden/tabel.md";
  markdown::Rendered r = markdown::Render("| a | b |\n|---|---|\n| zie [@movisie] | 2 |\n",
                                          options, OneSourceResolver(), &sink);
  EXPECT_NE(r.html.find("<td>zie (<a href=\"../../bronnen/movisie/\">Movisie, 2013</a>)</td>"),
            std::string::npos)
      << r.html;
  EXPECT_EQ(Printed(sink), "");
}

}  // namespace
}  // namespace kapstok
