// Test helper: a site loaded up to its model and theme, from the repository
// (the real handbook) or from an in-memory file system, for the reflect tests.
#ifndef KAPSTOK_TESTS_REFLECT_REFLECT_FIXTURE_H_
#define KAPSTOK_TESTS_REFLECT_REFLECT_FIXTURE_H_

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/text.h"
#include "config/config.h"
#include "content/loader.h"
#include "model/site_model.h"
#include "render/theme.h"

namespace kapstok::reflect {

struct LoadedSite {
  std::optional<config::SiteConfig> config;  // the model points into it
  std::unique_ptr<model::SiteModel> model;
  std::unique_ptr<render::Theme> theme;
  DiagnosticSink sink;

  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : sink.Sorted()) out += FormatHuman(d);
    return out;
  }
};

// Loads kapstok.yaml, the theme (from `theme_root`'s templates/ and
// themes/default) and the content below `dir`. Check `site->model`.
inline std::unique_ptr<LoadedSite> LoadSite(const FileSystem& fs, const std::string& dir,
                                            const FileSystem& theme_fs,
                                            const std::string& theme_root) {
  auto site = std::make_unique<LoadedSite>();
  std::string text;
  if (!fs.ReadFile(JoinPath(dir, "kapstok.yaml"), &text).ok()) return site;
  site->config = config::ParseConfig(text, "kapstok.yaml", &site->sink);
  if (!site->config) return site;
  site->theme = render::LoadTheme(theme_fs, JoinPath(theme_root, "templates"),
                                  JoinPath(theme_root, "themes/default"),
                                  site->config->language, &site->sink);
  content::LoadedContent loaded =
      content::LoadContent(fs, JoinPath(dir, "content"), *site->config, {}, &site->sink);
  site->model = model::BuildModel(std::move(loaded), *site->config, &site->sink);
  return site;
}

// The repository's root (tests run with KAPSTOK_SOURCE_DIR set by CMake).
inline std::string SourceDir() {
  const char* dir = std::getenv("KAPSTOK_SOURCE_DIR");
  return dir ? dir : ".";
}

}  // namespace kapstok::reflect

#endif  // KAPSTOK_TESTS_REFLECT_REFLECT_FIXTURE_H_
