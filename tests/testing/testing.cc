#include "testing.h"

#include <cstdlib>

#include "content/loader.h"

namespace kapstok::test_util {

std::string SourceDir() {
  const char* env = std::getenv("KAPSTOK_SOURCE_DIR");
  return env ? env : ".";
}

std::string Printed(const DiagnosticSink& sink) {
  std::string out;
  for (const Diagnostic& d : sink.Sorted()) out += FormatHuman(d);
  return out;
}

void AddTree(MemoryFileSystem* fs, const std::string& from, const std::string& to) {
  std::vector<DirEntry> entries;
  if (!RealFileSystem().ListTree(from, &entries).ok()) return;
  for (const DirEntry& e : entries) {
    std::string text;
    if (RealFileSystem().ReadFile(JoinPath(from, e.path), &text).ok())
      fs->AddFile(JoinPath(to, e.path), std::move(text));
  }
}

MemoryFileSystem FixtureFs(const std::string& name) {
  MemoryFileSystem fs;
  AddTree(&fs, SourceDir() + "/tests/fixtures/" + name, "");
  AddTree(&fs, SourceDir() + "/templates", "templates");
  AddTree(&fs, SourceDir() + "/themes", "themes");
  return fs;
}

const OutputFile* FindFile(const OutputFiles& files, const std::string& path) {
  for (const OutputFile& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

std::unique_ptr<LoadedSite> LoadSite(const FileSystem& fs, const std::string& dir,
                                     const FileSystem& theme_fs, const std::string& theme_root) {
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

}  // namespace kapstok::test_util
