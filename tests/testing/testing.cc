#include "fixture.h"

#include <cstdlib>
#include <filesystem>

namespace kapstok::testing {

std::string SourceDir() {
  const char* env = std::getenv("KAPSTOK_SOURCE_DIR");
  return env ? env : ".";
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

}  // namespace kapstok::testing
