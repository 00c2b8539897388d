// Test helpers: a MemoryFileSystem holding a fixture project (its
// kapstok.yaml and content/) together with the repository's templates/ and
// themes/, so pipeline tests need no disk writes to build a site.
#ifndef KAPSTOK_TESTS_PIPELINE_FIXTURE_H_
#define KAPSTOK_TESTS_PIPELINE_FIXTURE_H_

#include <string>

#include "base/file_system.h"
#include "base/output_file.h"

namespace kapstok::testing {

// The repository root (KAPSTOK_SOURCE_DIR, else the current directory).
std::string SourceDir();

// Copies every file below disk folder `from` into fs under `to`.
void AddTree(MemoryFileSystem* fs, const std::string& from, const std::string& to);

// A fixture from tests/fixtures/<name> plus the repo's templates and theme.
MemoryFileSystem FixtureFs(const std::string& name);

// The file at `path` in `files`, or nullptr.
const OutputFile* FindFile(const OutputFiles& files, const std::string& path);

}  // namespace kapstok::testing

#endif  // KAPSTOK_TESTS_PIPELINE_FIXTURE_H_
