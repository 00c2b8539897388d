#include "base/diagnostic.h"

#include <gtest/gtest.h>

namespace kapstok {
namespace {

// (Members are assigned: GCC 12 warns, wrongly, that a nested aggregate
// initialiser's path may be used uninitialised.)
Diagnostic Make(Severity severity, SourceLocation at, std::string message, std::string hint,
                std::string source_line = "") {
  Diagnostic d;
  d.severity = severity;
  d.location = std::move(at);
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = std::move(source_line);
  return d;
}

TEST(DiagnosticTest, FormatsHumanWithSourceLineCaretAndHint) {
  Diagnostic d = Make(Severity::kError, {"content/praktijkvoorbeelden/buurt.md", 4, 13},
                      "unknown kenmerk 'eigen-kracht'", "did you mean 'eigen-kracht-versterken'?",
                      "kenmerken: [eigen-kracht]");
  EXPECT_EQ(FormatHuman(d),
            "content/praktijkvoorbeelden/buurt.md:4:13: error: unknown kenmerk 'eigen-kracht'\n"
            "    kenmerken: [eigen-kracht]\n"
            "                ^\n"
            "  did you mean 'eigen-kracht-versterken'?\n");
}

TEST(DiagnosticTest, CaretCountsCodePointsAndTabs) {
  Diagnostic d = Make(Severity::kWarning, {"a.md", 1, 4}, "m", "", "\té€x");
  EXPECT_EQ(FormatHuman(d), "a.md:1:4: warning: m\n        é€x\n          ^\n");
}

TEST(DiagnosticTest, FormatsGithubAnnotationWithEscapes) {
  Diagnostic d = Make(Severity::kError, {"a,b.md", 2, 5}, "50% fout", "tip: x");
  EXPECT_EQ(FormatGithub(d), "::error file=a%2Cb.md,line=2,col=5::50%25 fout%0Atip: x\n");
}

TEST(DiagnosticTest, SinkSortsByLocationAndCounts) {
  DiagnosticSink sink;
  sink.Error({"b.md", 1, 1}, "x");
  sink.Warning({"a.md", 9, 1}, "y");
  sink.Error({"a.md", 2, 1}, "z");
  auto all = sink.Sorted();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].message, "z");
  EXPECT_EQ(all[1].message, "y");
  EXPECT_EQ(all[2].message, "x");
  EXPECT_EQ(sink.error_count(), 2);
  EXPECT_EQ(sink.warning_count(), 1);
}

TEST(DiagnosticTest, LineOfStripsCarriageReturn) {
  EXPECT_EQ(LineOf("a\r\nbc\r\n", 2), "bc");
  EXPECT_EQ(LineOf("a\n", 5), "");
}

// A cursor gives LineOf's answer for every line, asked in any order: forward
// (resuming), backward (from the top again), past the end and before line 1.
TEST(DiagnosticTest, LineCursorAgreesWithLineOfInAnyOrder) {
  const std::string text = "eerste\r\ntweede\n\nvierde\nlaatste zonder einde";
  LineCursor cursor(text);
  for (int line : {1, 2, 2, 4, 5, 3, 1, 6, 5, 0, -1, 4, 7, 2}) {
    EXPECT_EQ(cursor.Line(line), LineOf(text, line)) << "line " << line;
  }
  EXPECT_EQ(cursor.Line(1), "eerste");
  EXPECT_EQ(cursor.Line(5), "laatste zonder einde");
  EXPECT_EQ(cursor.Line(3), "");
}

}  // namespace
}  // namespace kapstok
