// The test fixture the Builder tests share: the valid-basic fixture with two
// more pages, and a check that a Builder's site equals a full Build()'s
// output byte for byte. Tests only.
#ifndef KAPSTOK_TESTS_SERVE_BUILDER_FIXTURE_H_
#define KAPSTOK_TESTS_SERVE_BUILDER_FIXTURE_H_

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "pipeline/build.h"
#include "pipeline/builder.h"
#include "testing.h"

namespace kapstok::pipeline {

class BuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_ = test_util::FixtureFs("valid-basic");
    // Two more pages, so a change does not touch every page.
    fs_.AddFile("content/kenmerken/zelfstandig.md",
                "---\ntitle: Zelfstandig\nvolgorde: 3\nsamenvatting: Alleen.\n---\nTekst.\n");
    fs_.AddFile("content/voorbeelden/wijkcafe.md", WijkCafe("Koffie in de wijk."));
    options_.project_dir = "";
    options_.write = false;
  }

  static std::string WijkCafe(const std::string& body, const std::string& kenmerken = "samenwerken") {
    return "---\ntitle: Het wijkcafé\nsamenvatting: Een café.\njaar: 2015\nkenmerken: [" +
           kenmerken + "]\n---\n" + body + "\n";
  }

  // Adds a type `rol` (folder rollen, two pages), a map field `boks` on
  // kenmerk keyed by rol and a matrix of it (rows kenmerk, columns rol);
  // samenwerken gets a `boks` of `boks` (the field's YAML, without the key).
  void AddMatrix(const std::string& boks) {
    std::string config;
    ASSERT_TRUE(fs_.ReadFile("kapstok.yaml", &config).ok());
    const std::string doet = "      doet: {type: list, label: Dit doet de professional}\n";
    ASSERT_NE(config.find(doet), std::string::npos);
    config.insert(config.find(doet) + doet.size(),
                  "      boks: {type: map, keys: rol, label: Taken per rol}\n");
    config += "  rol:\n    folder: rollen\n    name: Rol\n    plural: Rollen\n"
              "matrices:\n  - slug: taken\n    title: Taken\n    description: Per rol.\n"
              "    rows: kenmerk\n    columns: rol\n    field: boks\n";
    fs_.AddFile("kapstok.yaml", config);
    fs_.AddFile("content/rollen/buurtwerker.md", "---\ntitle: Buurtwerker\n---\nIn de wijk.\n");
    fs_.AddFile("content/rollen/coach.md", "---\ntitle: Coach\n---\nNaast de burger.\n");
    fs_.AddFile("content/kenmerken/samenwerken.md", Samenwerken(boks));
  }

  static std::string Samenwerken(const std::string& boks) {
    return "---\ntitle: Samenwerken\nvolgorde: 2\nsamenvatting: Samen werken in de wijk.\n" +
           (boks.empty() ? "" : "boks:\n" + boks) + "---\nTekst.\n";
  }

  // Fails the test unless `builder`'s site equals a full build now.
  void ExpectSameAsFullBuild(const Builder& builder) {
    DiagnosticSink sink;
    BuildResult full = Build(fs_, options_, &sink);
    ASSERT_FALSE(sink.has_errors());
    ASSERT_TRUE(builder.site());
    std::map<std::string, std::string> want, got;
    for (const OutputFile& f : full.output) want[f.path] = f.bytes;
    for (const auto& [path, bytes] : builder.site()->Files()) got[path] = *bytes;
    std::vector<std::string> want_paths, got_paths;
    for (const auto& [p, b] : want) want_paths.push_back(p);
    for (const auto& [p, b] : got) got_paths.push_back(p);
    ASSERT_EQ(got_paths, want_paths);
    for (const auto& [path, bytes] : want) EXPECT_EQ(got[path], bytes) << path;
  }

  MemoryFileSystem fs_;
  BuildOptions options_;
};

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_TESTS_SERVE_BUILDER_FIXTURE_H_
