// The editor documentation and the pull-request machinery stay true:
// CONTRIBUTING.md's example messages are exactly what `kapstok check` prints,
// its example practice example passes check, its field table lists every
// field; the workflow runs check, build and tests and uploads the site.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "cli_test_util.h"
#include "config/config.h"

namespace kapstok {
namespace {

using test_util::ReadFile;
using test_util::SourceDir;

// The fenced blocks of `markdown` whose info string is `lang`, with the
// list indentation of their fence removed.
std::vector<std::string> FencedBlocks(const std::string& markdown, const std::string& lang) {
  std::vector<std::string> blocks;
  size_t pos = 0;
  while ((pos = markdown.find("```" + lang + "\n", pos)) != std::string::npos) {
    size_t line_start = markdown.rfind('\n', pos) + 1;
    size_t indent = pos - line_start;
    size_t begin = pos + 3 + lang.size() + 1;
    size_t end = markdown.find(std::string(indent, ' ') + "```", begin);
    std::string block, body = markdown.substr(begin, end - begin);
    for (size_t p = 0, e; p < body.size(); p = e + 1) {
      e = body.find('\n', p);
      std::string line = body.substr(p, e - p);
      block += (line.size() >= indent ? line.substr(indent) : "") + "\n";
    }
    blocks.push_back(block);
    pos = end;
  }
  return blocks;
}

TEST(ContributingTest, ExampleMessagesAreExactlyWhatCheckPrints) {
  const std::string doc = ReadFile(SourceDir() / "CONTRIBUTING.md");
  const std::string golden =
      ReadFile(SourceDir() / "tests/fixtures/editor-diagnostics/expected/check.nl.human.txt");
  int examples = 0;
  for (const std::string& block : FencedBlocks(doc, "text")) {
    if (block.rfind("content/voorbeeld", 0) != 0) continue;
    EXPECT_NE(golden.find(block + "\n"), std::string::npos) << block;
    ++examples;
  }
  EXPECT_GE(examples, 30);
  for (const char* kind : {"yaml-syntax.md", "tab-indentation.md", "unknown-field.md",
                           "missing-required.md", "wrong-int.md", "wrong-enum.md",
                           "unknown-relation.md", "broken-link.md", "unknown-citation.md",
                           "Slecht Bestand.md", "verkeerde-map.md", "invalid-utf8.md",
                           "unclosed-front-matter.md", "duplicate-key.md"})
    EXPECT_NE(doc.find(std::string("/") + kind + ":"), std::string::npos) << kind;
}

TEST(ContributingTest, ThePracticeExamplePassesCheck) {
  std::vector<std::string> examples =
      FencedBlocks(ReadFile(SourceDir() / "CONTRIBUTING.md"), "markdown");
  ASSERT_FALSE(examples.empty());
  test_util::TempProject project({"kapstok.yaml", "content"});
  test_util::WriteFile(project.dir() / "content/praktijkvoorbeelden/buurtkamer-de-ruimte-in-delft.md",
                     examples[0]);
  test_util::RunResult r = test_util::RunKapstok(project.dir(), {"check"});
  EXPECT_EQ(r.exit_code, 0) << r.err << examples[0];
}

TEST(ContributingTest, TheFieldTableListsEveryFieldOfAPracticeExample) {
  const std::string doc = ReadFile(SourceDir() / "CONTRIBUTING.md");
  DiagnosticSink sink;
  auto config = config::ParseConfig(ReadFile(SourceDir() / "kapstok.yaml"), "kapstok.yaml", &sink);
  ASSERT_TRUE(config);
  const config::TypeDef* t = config->FindType("praktijkvoorbeeld");
  ASSERT_TRUE(t);
  std::vector<std::string> keys = {"title", "draft", "incomplete"};
  for (const auto& f : t->fields) keys.push_back(f.name);
  for (const auto& r : t->relations) keys.push_back(r.name);
  for (const std::string& key : keys)
    EXPECT_NE(doc.find("| `" + key + "` |"), std::string::npos) << key;
}

TEST(WorkflowTest, PullRequestsRunCheckBuildAndTestsAndUploadTheSite) {
  YAML::Node wf = YAML::LoadFile((SourceDir() / ".github/workflows/pull-request.yml").string());
  EXPECT_TRUE(wf["on"]["pull_request"]);
  std::string runs, uses;
  for (const auto& job : wf["jobs"])
    for (const auto& step : job.second["steps"]) {
      if (step["run"]) runs += step["run"].as<std::string>() + "\n";
      if (step["uses"]) uses += step["uses"].as<std::string>() + "\n";
    }
  EXPECT_NE(runs.find("kapstok check --format=github"), std::string::npos) << runs;
  EXPECT_NE(runs.find("kapstok schema --check"), std::string::npos) << runs;
  EXPECT_NE(runs.find("kapstok build --out site"), std::string::npos) << runs;
  EXPECT_NE(runs.find("make test"), std::string::npos) << runs;
  EXPECT_NE(uses.find("actions/upload-artifact"), std::string::npos) << uses;
  std::string tmpl = ReadFile(SourceDir() / ".github/pull_request_template.md");
  EXPECT_NE(tmpl.find("- [ ] "), std::string::npos);
  EXPECT_NE(tmpl.find("CONTRIBUTING.md"), std::string::npos);
}

}  // namespace
}  // namespace kapstok
