// LoadFrontMatter's fast path (config::FlatYaml) against the reference path
// (yaml-cpp: config::LoadYaml + ValidateFrontMatter): the same page values,
// locations and diagnostics, on the handbook's content and on documents made
// to fail validation.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/flat_yaml.h"
#include "content/front_matter.h"
#include "content/validate.h"
#include "test_config.h"

namespace kapstok::content {
namespace {

// Everything validation puts into a page, printed.
std::string Describe(const ParsedPage& p) {
  std::ostringstream out;
  auto loc = [&](const FilePosition& l) {
    out << p.path << ":" << l.line << ":" << l.column << " ";
  };
  out << "title=" << p.title << " ";
  loc(p.title_location);
  out << "draft=" << p.draft << " incomplete=" << p.incomplete << "\n";
  for (const auto& [name, v] : p.fields) {
    out << name << " type=" << static_cast<int>(v.type) << " text=" << v.text
        << " number=" << v.number << " flag=" << v.flag << " ";
    loc(v.location);
    for (const std::string& i : v.items) out << "[" << i << "]";
    for (size_t i = 0; i < v.entries.size(); ++i) {
      out << " {" << v.entries[i].first << " ";
      loc(v.entry_locations[i]);
      for (const std::string& item : v.entries[i].second) out << "[" << item << "]";
      out << "}";
    }
    out << "\n";
  }
  for (const auto& [name, refs] : p.relations) {
    out << name << ":";
    for (const RelationRef& r : refs) {
      out << " " << r.id << "@";
      loc(r.location);
      out << "'" << p.SourceLineAt(r.location) << "'";
    }
    out << "\n";
  }
  return out.str();
}

struct Outcome {
  bool ok;
  std::string page;
  std::string diagnostics;
};

// Parses `text` as the file `path` either way.
Outcome Run(const std::string& text, const std::string& path, const config::TypeDef* type,
            bool fast) {
  DiagnosticSink sink;
  std::optional<SplitFile> split = SplitFrontMatter(text, path, &sink);
  if (!split) return {false, "", Printed(sink)};
  ParsedPage page;
  page.id = std::filesystem::path(path).stem().string();
  page.source = split->text;
  config::YamlSource src{path, page.source, split->yaml_line_offset};
  std::string_view yaml =
      std::string_view(page.source).substr(split->yaml_begin, split->yaml_end - split->yaml_begin);
  bool ok;
  if (fast) {
    ok = LoadFrontMatter(yaml, src, type, &page, &sink);
  } else {
    std::optional<YAML::Node> front = config::LoadYaml(yaml, src, &sink);
    ok = front && ValidateFrontMatter(*front, src, type, &page, &sink);
  }
  return {ok, Describe(page), Printed(sink)};
}

void ExpectSame(const std::string& text, const std::string& path, const config::TypeDef* type) {
  Outcome fast = Run(text, path, type, true), slow = Run(text, path, type, false);
  EXPECT_EQ(fast.ok, slow.ok) << path;
  EXPECT_EQ(fast.page, slow.page) << path;
  EXPECT_EQ(fast.diagnostics, slow.diagnostics) << path;
}

TEST(LoadFrontMatterTest, HandbookPagesAreTheSameEitherWay) {
  const std::string root = test_util::SourceDir();
  DiagnosticSink sink;
  std::ifstream in(root + "/kapstok.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), {});
  std::optional<config::SiteConfig> config = config::ParseConfig(yaml, "kapstok.yaml", &sink);
  ASSERT_TRUE(config) << Printed(sink);
  int pages = 0, flat = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root + "/content")) {
    if (e.path().extension() != ".md") continue;
    std::ifstream f(e.path());
    std::string text((std::istreambuf_iterator<char>(f)), {});
    const std::string folder = e.path().parent_path().filename().string();
    const config::TypeDef* type = config->FindTypeByFolder(folder);
    if (e.path().stem() == "_index") type = nullptr;
    ExpectSame(text, e.path().string(), type);
    ++pages;
    DiagnosticSink ignored;
    if (auto split = SplitFrontMatter(text, "x", &ignored))
      if (config::ParseFlatYaml(std::string_view(split->text).substr(
              split->yaml_begin, split->yaml_end - split->yaml_begin)))
        ++flat;
  }
  EXPECT_GT(pages, 100);
  EXPECT_GT(flat, 20);  // the fast path is taken for part of the handbook
}

TEST(LoadFrontMatterTest, FlatPagesWithErrorsReportTheSameDiagnostics) {
  const config::SiteConfig config = TestConfig();
  const config::TypeDef* kenmerk = config.FindType("kenmerk");
  const config::TypeDef* voorbeeld = config.FindType("voorbeeld");
  const char* const kKenmerk[] = {
      "---\ntitle: A\nvolgorde: 2\npunten: [a, b]\nfase: midden\ndatum: 2024-02-29\n"
      "link: https://movisie.nl\nactief: true\nkorte: k\nincomplete: true\n---\nTekst\n",
      "---\ntitle: A\nvolgorde: 1\nvolgrde: 2\n---\n",
      "---\ntitle: A\nvolgorde: twee\npunten: los\nfase: start\ndatum: 2024-13-01\n"
      "link: movisie.nl\nactief: misschien\nboks: [a]\n---\n",
      "---\ntitle: \"A\"\nvolgorde: \"3\"\n---\n",
      "---\ntitle: A\nvolgorde: 12\npunten: []\n---\n",
      "---\ntitle: ''\nvolgorde: 1\n---\n",
      "---\ntitle: [a]\nvolgorde: 1\n---\n",
      "---\nvolgorde: 1\n---\n",
      "---\ntitle: A\n---\n",
      "---\ntitle: A\nvolgorde: 1\nid: y\ndraft: misschien\n---\n",
      "---\ntitle: A\nvolgorde: 1\npunten:\n  - een\n  - 'twee'\n---\n",
  };
  for (const char* text : kKenmerk) ExpectSame(text, "c/kenmerken/x.md", kenmerk);
  const char* const kVoorbeeld[] = {
      "---\ntitle: V\nkenmerken: [a, b, a]\nhoofd: a\n---\n",
      "---\ntitle: V\nkenmerken: []\n---\n",
      "---\ntitle: V\nkenmerken: a\nhoofd: [a, b]\n---\n",
      "---\ntitle: V\nkenmerken:\n- a\n- \"\"\n---\n",
      "---\ntitle: V\n---\n",
  };
  for (const char* text : kVoorbeeld) ExpectSame(text, "c/voorbeelden/x.md", voorbeeld);
}

}  // namespace
}  // namespace kapstok::content
