// Whatever the template text, compiling either succeeds or reports
// diagnostics, and rendering a compiled set never fails: random templates
// built from Mustache's syntax (tags of every kind, delimiters, newlines,
// indentation) are compiled and rendered against a small view.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "template/template.h"

namespace kapstok::tmpl {
namespace {

// A random template: well-formed units (text, tags, balanced sections,
// parents with blocks, delimiter changes) with, now and then, a broken piece.
std::string RandomTemplate(std::mt19937& rng, int depth = 0) {
  static const std::vector<std::string> atoms = {
      "\n", "  ", "\t", "\r\n", "text", "<p>", "&", "é", "{{.}}", "{{a.b}}", "{{&a}}",
      "{{{a.b}}}", "{{ a }}", "{{!c}}", "{{!\nc\n}}", "{{>p}}", "  {{>q}}\n", "{{>*name}}",
      "{{$x}}d{{/x}}", "\n{{$x}}\n  d\n{{/x}}\n"};
  static const std::vector<std::string> broken = {
      "{{", "}}", "{{#a}}", "{{/b}}", "{{=", "{{=<%=}}", "{{#}}", "{{a b}}", "{{>nope}}",
      "{{{a}}", "{{/list}}"};
  std::string t;
  int n = static_cast<int>(rng() % 8);
  for (int i = 0; i < n; ++i) {
    int kind = static_cast<int>(rng() % 10);
    if (kind < 6 || depth > 2) {
      t += atoms[rng() % atoms.size()];
    } else if (kind == 6) {
      t += "{{#list}}" + RandomTemplate(rng, depth + 1) + "{{/list}}";
    } else if (kind == 7) {
      t += "{{^b}}\n" + RandomTemplate(rng, depth + 1) + "{{/b}}\n";
    } else if (kind == 8) {
      t += "{{<p}}{{$x}}" + RandomTemplate(rng, depth + 1) + "{{/x}}{{/p}}";
    } else {
      t += "{{=<% %>=}}<%a.b%><%={{ }}=%>";
    }
  }
  if (rng() % 8 == 0) t.insert(rng() % (t.size() + 1), broken[rng() % broken.size()]);
  return t;
}

TEST(TemplateRobustnessTest, RandomTemplatesCompileOrReportAndAlwaysRender) {
  std::mt19937 rng(2024);
  Value view;
  view.Set("a", Value().Set("b", "<b>")).Set("b", false).Set("name", "p");
  view.Set("list", Value::List{Value::List{}, Value().Set("a", 3)});
  int compiled = 0, rejected = 0;
  for (int i = 0; i < 400; ++i) {
    std::map<std::string, TemplateSet::Source> sources = {
        {"main", {"main.mustache", RandomTemplate(rng)}},
        {"p", {"p.mustache", RandomTemplate(rng)}},
        {"q", {"q.mustache", RandomTemplate(rng)}},
    };
    DiagnosticSink sink;
    auto set =
        TemplateSet::Compile(sources, &sink, CompileOptions{.missing_partial_is_error = false});
    if (set == nullptr) {
      ++rejected;
      ASSERT_TRUE(sink.has_errors()) << sources["main"].text;
      for (const Diagnostic& d : sink.Sorted()) {
        EXPECT_GT(d.location.line, 0);
        EXPECT_GT(d.location.column, 0);
        EXPECT_FALSE(d.message.empty());
      }
      continue;
    }
    ++compiled;
    EXPECT_FALSE(sink.has_errors());
    std::string once = set->Render("main", view);
    EXPECT_EQ(once, set->Render("main", view));  // deterministic
  }
  // Both paths must be exercised for the test to mean anything.
  EXPECT_GT(compiled, 40);
  EXPECT_GT(rejected, 40);
}

}  // namespace
}  // namespace kapstok::tmpl
