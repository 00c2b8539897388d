// Template errors: each kind is a diagnostic with the template's path, the
// 1-based line:col of the offending tag, a plain message and the source line
// under a caret. The tests compare the full FormatHuman text.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "template/template.h"

namespace kapstok::tmpl {
namespace {

// Compiles `sources` (name -> text; each template's path is
// "templates/<name>.mustache") and returns every diagnostic, formatted.
std::string CompileErrors(const std::map<std::string, std::string>& sources,
                          const CompileOptions& options = {}) {
  std::map<std::string, TemplateSet::Source> set;
  for (const auto& [name, text] : sources) {
    set[name] = TemplateSet::Source{"templates/" + name + ".mustache", text};
  }
  DiagnosticSink sink;
  auto compiled = TemplateSet::Compile(set, &sink, options);
  EXPECT_EQ(compiled == nullptr, sink.has_errors());
  std::string out;
  for (const Diagnostic& d : sink.Sorted()) out += FormatHuman(d);
  return out;
}

TEST(TemplateErrorsTest, UnclosedSection) {
  EXPECT_EQ(CompileErrors({{"page", "<ul>\n  {{#items}}\n    <li>{{title}}</li>\n</ul>\n"}}),
            "templates/page.mustache:2:3: error: section 'items' opened here is never closed\n"
            "      {{#items}}\n"
            "      ^\n");
}

TEST(TemplateErrorsTest, UnclosedInvertedSectionParentAndBlock) {
  EXPECT_EQ(CompileErrors({{"a", "{{^empty}}none"}}),
            "templates/a.mustache:1:1: error: inverted section 'empty' opened here is never "
            "closed\n"
            "    {{^empty}}none\n"
            "    ^\n");
  EXPECT_EQ(CompileErrors({{"base", ""}, {"page", "{{<base}}\n{{$main}}x{{/main}}\n"}}),
            "templates/page.mustache:1:1: error: parent 'base' opened here is never closed\n"
            "    {{<base}}\n"
            "    ^\n");
  EXPECT_EQ(CompileErrors({{"base", "<main>{{$main}}</main>\n"}}),
            "templates/base.mustache:1:7: error: block 'main' opened here is never closed\n"
            "    <main>{{$main}}</main>\n"
            "          ^\n");
}

TEST(TemplateErrorsTest, MismatchedClosingTag) {
  EXPECT_EQ(CompileErrors({{"page", "{{#a}}\n\n  {{#b}}\n  {{/a}}\n{{/b}}\n"}}),
            "templates/page.mustache:4:3: error: closing tag 'a' does not match the open "
            "section 'b' (opened at 3:3)\n"
            "      {{/a}}\n"
            "      ^\n");
}

TEST(TemplateErrorsTest, ClosingTagWithoutOpenSection) {
  EXPECT_EQ(CompileErrors({{"page", "<p>{{title}}</p>{{/title}}\n"}}),
            "templates/page.mustache:1:17: error: closing tag 'title' has no open section\n"
            "    <p>{{title}}</p>{{/title}}\n"
            "                    ^\n");
}

TEST(TemplateErrorsTest, UnknownPartialSuggestsTheClosestName) {
  EXPECT_EQ(CompileErrors({{"partials/header", "<header>"},
                           {"page", "<body>\n  {{> partials/heder}}\n</body>\n"}}),
            "templates/page.mustache:2:3: error: unknown partial 'partials/heder'\n"
            "      {{> partials/heder}}\n"
            "      ^\n"
            "  did you mean 'partials/header'?\n");
}

TEST(TemplateErrorsTest, UnknownParent) {
  EXPECT_EQ(CompileErrors({{"page", "{{<layouts/base}}{{$main}}x{{/main}}{{/layouts/base}}"}}),
            "templates/page.mustache:1:1: error: unknown parent template 'layouts/base'\n"
            "    {{<layouts/base}}{{$main}}x{{/main}}{{/layouts/base}}\n"
            "    ^\n");
}

TEST(TemplateErrorsTest, UnknownPartialRendersEmptyWhenAllowed) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString("[{{>missing}}]", {}, &sink,
                                        CompileOptions{.missing_partial_is_error = false});
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->Render(TemplateSet::kMain, Value()), "[]");
  EXPECT_FALSE(sink.has_errors());
}

TEST(TemplateErrorsTest, BadSetDelimiter) {
  const std::string expected_message =
      "error: bad set-delimiter tag: expected two delimiters separated by a space, as in "
      "'{{=<% %>=}}'\n";
  EXPECT_EQ(CompileErrors({{"page", "a\nb {{=<%=}}\n"}}),
            "templates/page.mustache:2:3: " + expected_message +
                "    b {{=<%=}}\n"
                "      ^\n");
  EXPECT_EQ(CompileErrors({{"page", "{{=<% %>}}"}}),
            "templates/page.mustache:1:1: " + expected_message +
                "    {{=<% %>}}\n"
                "    ^\n");
}

TEST(TemplateErrorsTest, UnclosedTag) {
  EXPECT_EQ(CompileErrors({{"page", "<h1>{{title</h1>\n<p>{{body}} {{#x}}</p>\n"}}),
            "templates/page.mustache:1:5: error: unclosed tag: expected '}}' after "
            "'{{title</h1>'\n"
            "    <h1>{{title</h1>\n"
            "        ^\n");
  EXPECT_EQ(CompileErrors({{"page", "{{a {{b}}"}}),
            "templates/page.mustache:1:1: error: unclosed tag: expected '}}' after '{{a'\n"
            "    {{a {{b}}\n"
            "    ^\n");
  EXPECT_EQ(CompileErrors({{"page", "{{{html}}"}}),
            "templates/page.mustache:1:1: error: unclosed tag: expected '}}}' after "
            "'{{{html}}'\n"
            "    {{{html}}\n"
            "    ^\n");
}

TEST(TemplateErrorsTest, CommentsMaySpanLines) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString("a{{! one\n{ two\n}}b", {}, &sink);
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->Render(TemplateSet::kMain, Value()), "ab");
}

TEST(TemplateErrorsTest, UnclosedTagAfterSetDelimiterNamesTheNewDelimiter) {
  EXPECT_EQ(CompileErrors({{"page", "{{=<% %>=}}\n<% title }}\n"}}),
            "templates/page.mustache:2:1: error: unclosed tag: expected '%>' after "
            "'<% title }}'\n"
            "    <% title }}\n"
            "    ^\n");
}

TEST(TemplateErrorsTest, EmptyAndMalformedNames) {
  EXPECT_EQ(CompileErrors({{"page", "<p>{{ }}</p>"}}),
            "templates/page.mustache:1:4: error: tag has no name\n"
            "    <p>{{ }}</p>\n"
            "       ^\n");
  EXPECT_EQ(CompileErrors({{"page", "{{#page title}}{{/page title}}"}}),
            "templates/page.mustache:1:1: error: tag name 'page title' contains whitespace\n"
            "    {{#page title}}{{/page title}}\n"
            "    ^\n"
            "templates/page.mustache:1:16: error: tag name 'page title' contains whitespace\n"
            "    {{#page title}}{{/page title}}\n"
            "                   ^\n");
}

TEST(TemplateErrorsTest, ColumnsCountCodePointsAndTabsExpandUnderTheCaret) {
  EXPECT_EQ(CompileErrors({{"page", "\tCliënt: {{#naam}}"}}),
            "templates/page.mustache:1:10: error: section 'naam' opened here is never closed\n"
            "        Cliënt: {{#naam}}\n"
            "                ^\n");
}

TEST(TemplateErrorsTest, UnguardedSelfInclusion) {
  EXPECT_EQ(CompileErrors({{"a", "<div>\n  {{> b}}\n</div>"},
                           {"b", "{{#x}}{{>a}}{{/x}}{{<c}}{{/c}}"},
                           {"c", "{{>a}}"}}),
            "templates/c.mustache:1:1: error: template 'a' includes itself with no section "
            "around the tag, so rendering would never end: 'a' -> 'b' -> 'c' -> 'a'\n"
            "    {{>a}}\n"
            "    ^\n");
}

TEST(TemplateErrorsTest, EveryBrokenTemplateIsReported) {
  EXPECT_EQ(CompileErrors({{"a", "{{#x}}"}, {"b", "{{>nope}}"}, {"c", "fine"}}),
            "templates/a.mustache:1:1: error: section 'x' opened here is never closed\n"
            "    {{#x}}\n"
            "    ^\n"
            "templates/b.mustache:1:1: error: unknown partial 'nope'\n"
            "    {{>nope}}\n"
            "    ^\n");
}

}  // namespace
}  // namespace kapstok::tmpl
