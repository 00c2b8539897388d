// Helpers every test folder shares (library kapstok_testing): the repository
// root, fixture projects held in a MemoryFileSystem with the repository's
// templates/ and themes/, diagnostics printed as an editor sees them, and a
// site loaded up to its model and theme. Tests only.
#ifndef KAPSTOK_TESTS_TESTING_TESTING_H_
#define KAPSTOK_TESTS_TESTING_TESTING_H_

#include <memory>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/output_file.h"
#include "config/config.h"
#include "model/site_model.h"
#include "render/theme.h"

namespace kapstok::test_util {

// The repository root (KAPSTOK_SOURCE_DIR, set by CMake; else the current directory).
std::string SourceDir();

// Every diagnostic in `sink`, sorted, in the human format (no colour).
std::string Printed(const DiagnosticSink& sink);

// Copies every file below disk folder `from` into fs under `to`.
void AddTree(MemoryFileSystem* fs, const std::string& from, const std::string& to);

// A fixture from tests/fixtures/<name> plus the repo's templates and theme.
MemoryFileSystem FixtureFs(const std::string& name);

// The file at `path` in `files`, or nullptr.
const OutputFile* FindFile(const OutputFiles& files, const std::string& path);

// A site loaded up to its model and theme. `model` is null when kapstok.yaml
// is missing or broken; the diagnostics are in `sink` either way.
struct LoadedSite {
  std::optional<config::SiteConfig> config;  // the model points into it
  std::unique_ptr<model::SiteModel> model;
  std::unique_ptr<render::Theme> theme;
  DiagnosticSink sink;

  std::string Errors() const { return Printed(sink); }
};

// Loads `dir`/kapstok.yaml and `dir`/content from `fs`, and the theme from
// `theme_root`'s templates/ and themes/default on `theme_fs`.
std::unique_ptr<LoadedSite> LoadSite(const FileSystem& fs, const std::string& dir,
                                     const FileSystem& theme_fs, const std::string& theme_root);

}  // namespace kapstok::test_util

#endif  // KAPSTOK_TESTS_TESTING_TESTING_H_
