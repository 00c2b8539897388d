// Runs the official Mustache spec (../shared/mustache-spec, the JSON form of
// mustache/spec) against the engine, reading the files at test time. Every
// case of the core modules and of the optional ~inheritance and
// ~dynamic-names modules runs; cases whose data needs lambdas are skipped and
// named. Missing partials render empty here, as the spec requires
// (CompileOptions::missing_partial_is_error = false).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "template/template.h"

namespace kapstok::tmpl {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string>& SpecFiles() {
  static const std::vector<std::string> files = {
      "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
      "partials.json", "sections.json",   "~inheritance.json",  "~dynamic-names.json"};
  return files;
}

fs::path SpecDir() {
  const char* env = std::getenv("KAPSTOK_SOURCE_DIR");
  fs::path root = env != nullptr ? fs::path(env) : fs::path(KAPSTOK_SOURCE_DIR_DEFAULT);
  return root / ".." / "shared" / "mustache-spec";
}

Value ToValue(const json& j) {
  switch (j.type()) {
    case json::value_t::boolean: return Value(j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return Value(j.get<int64_t>());
    case json::value_t::number_float: return Value(j.get<double>());
    case json::value_t::string: return Value(j.get<std::string>());
    case json::value_t::array: {
      Value::List list;
      for (const json& item : j) list.push_back(ToValue(item));
      return Value(std::move(list));
    }
    case json::value_t::object: {
      Value::Object object;
      for (const auto& [key, item] : j.items()) object[key] = ToValue(item);
      return Value(std::move(object));
    }
    default: return Value();
  }
}

// Lambdas appear in the data as {"__tag__": "code", ...}.
bool NeedsLambda(const json& j) {
  if (j.is_object() && j.contains("__tag__") && j["__tag__"] == "code") return true;
  if (j.is_structured()) {
    for (const json& item : j) {
      if (NeedsLambda(item)) return true;
    }
  }
  return false;
}

struct FileResult {
  int run = 0;
  int passed = 0;
  std::vector<std::string> skipped;
};

// Runs every case of one spec file; each failure is reported with the file
// and case name.
FileResult RunSpecFile(const std::string& file) {
  FileResult result;
  std::ifstream in(SpecDir() / file);
  EXPECT_TRUE(in) << "cannot read " << (SpecDir() / file);
  if (!in) return result;
  json spec = json::parse(in);
  for (const json& c : spec["tests"]) {
    const std::string name = c["name"].get<std::string>();
    if (NeedsLambda(c["data"])) {
      result.skipped.push_back(file + ": " + name);
      continue;
    }
    ++result.run;
    std::map<std::string, std::string> partials;
    if (c.contains("partials")) partials = c["partials"].get<std::map<std::string, std::string>>();
    DiagnosticSink sink;
    auto set = TemplateSet::CompileString(c["template"].get<std::string>(), partials, &sink,
                                          CompileOptions{.missing_partial_is_error = false});
    if (set == nullptr) {
      ADD_FAILURE() << file << ": '" << name << "' does not compile: "
                    << (sink.Sorted().empty() ? "" : FormatHuman(sink.Sorted()[0]));
      continue;
    }
    Value data = ToValue(c["data"]);
    std::string got = set->Render(TemplateSet::kMain, data);
    std::string want = c["expected"].get<std::string>();
    EXPECT_EQ(got, want) << file << ": '" << name << "' (" << c["desc"].get<std::string>()
                         << ")\ntemplate: " << json(c["template"]).dump();
    if (got == want) ++result.passed;
  }
  return result;
}

class MustacheSpecFileTest : public testing::TestWithParam<std::string> {};

TEST_P(MustacheSpecFileTest, PassesEveryCase) {
  FileResult r = RunSpecFile(GetParam());
  std::cout << "mustache spec " << GetParam() << ": " << r.run << " cases run, " << r.passed
            << " passed" << std::endl;
  for (const std::string& s : r.skipped) std::cout << "  skipped (needs lambdas): " << s << "\n";
  EXPECT_GT(r.run, 0);
}

std::string ParamName(const testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param.substr(0, info.param.find('.'))) {
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Spec, MustacheSpecFileTest, testing::ValuesIn(SpecFiles()), ParamName);

// The whole spec in one go, so the total shows in one line; also checks that
// no spec file in the folder is left out (other than the lambdas module).
TEST(MustacheSpecTest, RunsEveryCaseOfEveryFile) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(SpecDir())) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() == ".json" && file != "~lambdas.json") found.push_back(file);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> known = SpecFiles();
  std::sort(known.begin(), known.end());
  EXPECT_EQ(found, known);
  int run = 0, passed = 0, skipped = 0;
  for (const std::string& file : SpecFiles()) {
    FileResult r = RunSpecFile(file);
    run += r.run;
    passed += r.passed;
    skipped += static_cast<int>(r.skipped.size());
  }
  std::cout << "mustache spec: " << run << " cases run, " << passed << " passed, " << skipped
            << " skipped (lambdas)" << std::endl;
  EXPECT_EQ(passed, run);
  EXPECT_GE(run, 184);
}

}  // namespace
}  // namespace kapstok::tmpl
