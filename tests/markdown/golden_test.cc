// Markdown goldens in cmark's spec format: each file under
// tests/markdown/golden/ holds examples
//
//   ```````````````````````````````` example [allow_html]
//   Markdown
//   .
//   expected HTML
//   ````````````````````````````````
//
// where "→" stands for a tab. Every example is rendered with the FakeResolver
// below and must match byte for byte.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fake_resolver.h"
#include "markdown/markdown.h"

namespace kapstok::markdown {
namespace {

struct Example {
  std::string file;
  int line = 0;
  bool allow_html = false;
  std::string markdown;
  std::string html;
};

std::string Untab(std::string s) {
  const std::string arrow = "\u2192";
  for (size_t i = s.find(arrow); i != std::string::npos; i = s.find(arrow, i + 1)) {
    s.replace(i, arrow.size(), "\t");
  }
  return s;
}

std::vector<Example> ReadExamples(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<Example> examples;
  const std::string fence(32, '`');
  std::string line;
  int number = 0, state = 0;  // 0 outside, 1 markdown, 2 html
  while (std::getline(in, line)) {
    ++number;
    if (state == 0 && line.starts_with(fence + " example")) {
      examples.push_back(Example{path.filename().string(), number,
                                 line.find("allow_html") != std::string::npos, "", ""});
      state = 1;
    } else if (state == 1 && line == ".") {
      state = 2;
    } else if (state != 0 && line == fence) {
      state = 0;
    } else if (state == 1) {
      examples.back().markdown += Untab(line) + "\n";
    } else if (state == 2) {
      examples.back().html += Untab(line) + "\n";
    }
  }
  return examples;
}

TEST(MarkdownGoldenTest, MatchesEveryExample) {
  const char* root = std::getenv("KAPSTOK_SOURCE_DIR");
  const std::filesystem::path dir =
      std::filesystem::path(root ? root : ".") / "tests" / "markdown" / "golden";
  FakeResolver resolver;
  resolver.links["../kenmerken/eigen-kracht-versterken.md"] =
      "../../kenmerken/eigen-kracht-versterken/";
  resolver.links["schema.png"] = "../schema.png";
  resolver.sources["baart2004"] = Citation{"../../bronnen/baart2004/", "Baart, 2004"};
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".md") continue;
    for (const Example& ex : ReadExamples(entry.path())) {
      Options options;
      options.path = "golden.md";
      options.allow_html = ex.allow_html;
      Rendered out = Render(ex.markdown, options, resolver, nullptr);
      EXPECT_EQ(out.html, ex.html) << ex.file << ":" << ex.line << "\n" << ex.markdown;
      ++count;
    }
  }
  EXPECT_GT(count, 20);
}

}  // namespace
}  // namespace kapstok::markdown
