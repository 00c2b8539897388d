#include "content/front_matter.h"

#include <gtest/gtest.h>

#include "test_config.h"

namespace kapstok::content {
namespace {

TEST(FrontMatterTest, SplitsYamlAndBody) {
  DiagnosticSink sink;
  auto f = SplitFrontMatter("---\ntitle: A\n---\n# Kop\n", "a.md", &sink);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->text.substr(f->yaml_begin, f->yaml_end - f->yaml_begin), "title: A\n");
  EXPECT_EQ(f->text.substr(f->body_begin), "# Kop\n");
  EXPECT_EQ(f->body_line_offset, 3);
}

TEST(FrontMatterTest, AcceptsBomAndCrlf) {
  DiagnosticSink sink;
  auto f = SplitFrontMatter("\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nbody\r\n", "a.md", &sink);
  ASSERT_TRUE(f) << Printed(sink);
  EXPECT_EQ(f->text, "---\ntitle: A\n---\nbody\n");
}

TEST(FrontMatterTest, NormalisesAnOwnedTextInPlaceAsACopyWould) {
  // CRLF pairs only: "\r\r\n" keeps its first '\r'; a lone '\r' stays.
  const std::string raw = "\xEF\xBB\xBF---\r\ntitle: A\r\r\n---\r\nb\ro\r\ndy\r\n\r\n";
  DiagnosticSink sink;
  auto owned = SplitOwnedFrontMatter(raw, "a.md", &sink);
  ASSERT_TRUE(owned) << Printed(sink);
  EXPECT_EQ(owned->text, "---\ntitle: A\r\n---\nb\ro\ndy\n\n");
  auto plain = SplitOwnedFrontMatter("---\ntitle: A\n---\nbody", "a.md", &sink);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->text, "---\ntitle: A\n---\nbody");
  EXPECT_EQ(plain->text.substr(plain->body_begin), "body");
}

TEST(FrontMatterTest, ReportsUnclosedFrontMatter) {
  DiagnosticSink sink;
  EXPECT_FALSE(SplitFrontMatter("---\ntitle: A\nbody\n", "a.md", &sink));
  EXPECT_EQ(Printed(sink),
            "a.md:1:1: error: the front matter opened on line 1 is never closed\n"
            "    ---\n"
            "    ^\n"
            "  add a line '---' after the last front-matter line\n");
}

TEST(FrontMatterTest, ReportsMissingFrontMatterAndEmptyFile) {
  DiagnosticSink sink;
  EXPECT_FALSE(SplitFrontMatter("# Titel\n", "a.md", &sink));
  EXPECT_FALSE(SplitFrontMatter("", "b.md", &sink));
  EXPECT_EQ(Printed(sink),
            "a.md:1:1: error: the file does not start with front matter ('---' on the first line)\n"
            "    # Titel\n"
            "    ^\n"
            "  start the file with a line '---', then 'title: ...', then another '---' line\n"
            "b.md:1:1: error: the file is empty\n"
            "  a content file starts with front matter between '---' lines, with at least a title\n");
}

TEST(FrontMatterTest, ReportsInvalidUtf8AtLineAndColumn) {
  DiagnosticSink sink;
  EXPECT_FALSE(SplitFrontMatter("---\ntitle: caf\xe9\n---\n", "a.md", &sink));
  auto all = sink.Sorted();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].location.line, 2);
  EXPECT_EQ(all[0].location.column, 11);
  EXPECT_EQ(all[0].message, "the file is not valid UTF-8 text");
}

TEST(FrontMatterTest, ReportsNulByte) {
  DiagnosticSink sink;
  EXPECT_FALSE(SplitFrontMatter(std::string("---\ntitle: a\0b\n---\n", 19), "a.md", &sink));
  EXPECT_EQ(sink.Sorted()[0].message, "the file contains a NUL byte");
  EXPECT_EQ(sink.Sorted()[0].location.line, 2);
}

}  // namespace
}  // namespace kapstok::content
