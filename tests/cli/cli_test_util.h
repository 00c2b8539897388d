// Helpers for tests that run the kapstok binary on a project in a temporary
// folder: a fixture's kapstok.yaml and content/ with the repository's
// templates/ and themes/ copied next to them, so fixtures stay small.
#ifndef KAPSTOK_TESTS_CLI_CLI_TEST_UTIL_H_
#define KAPSTOK_TESTS_CLI_CLI_TEST_UTIL_H_

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kapstok::test_util {

namespace fs = std::filesystem;

inline fs::path SourceDir() {
  const char* dir = std::getenv("KAPSTOK_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh temporary project, removed when the object dies.
class TempProject {
 public:
  // Copies `files` (relative to the source dir, e.g. "kapstok.yaml",
  // "tests/fixtures/editor-basic/content") into the project under their last
  // path component, plus the repository's templates/ and themes/.
  explicit TempProject(const std::vector<std::string>& files) {
    std::string tmpl = (fs::temp_directory_path() / "kapstok-cli-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    for (const std::string& f : files) Copy(SourceDir() / f);
    Copy(SourceDir() / "templates");
    Copy(SourceDir() / "themes");
  }
  ~TempProject() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

 private:
  void Copy(const fs::path& from) {
    fs::copy(from, dir_ / from.filename(),
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  fs::path dir_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the kapstok binary with `args` in `cwd`, capturing stdout and stderr.
inline RunResult RunKapstok(const fs::path& cwd, const std::vector<std::string>& args) {
  fs::path out = cwd / ".kapstok-test-stdout", err = cwd / ".kapstok-test-stderr";
  std::string cmd = "cd " + ShellQuote(cwd.string()) + " && NO_COLOR=1 " +
                    ShellQuote(KAPSTOK_BINARY);
  for (const std::string& a : args) cmd += " " + ShellQuote(a);
  cmd += " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

}  // namespace kapstok::test_util

#endif  // KAPSTOK_TESTS_CLI_CLI_TEST_UTIL_H_
