// Watcher reports which files of a project changed, using inotify: every
// folder below content/, templates/ and themes/ (folders created later are
// added as they appear) and kapstok.yaml in the project folder. Events are
// debounced: a burst of saves (an editor writing a temp file and renaming
// it, a `git checkout`) comes back as one sorted list. Hidden files and
// editor backups ("~", ".swp") are ignored. Linux only. Owned by the
// `serve` stage.
#ifndef KAPSTOK_SERVE_WATCHER_H_
#define KAPSTOK_SERVE_WATCHER_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"

namespace kapstok::serve {

class Watcher {
 public:
  Watcher() = default;
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Starts watching `project_dir`. An error when inotify is unavailable.
  [[nodiscard]] Status Start(const std::string& project_dir);

  // Waits up to `timeout_ms` for a change, then collects further events
  // until `quiet_ms` pass without one (at most 1 s in all). Returns the
  // changed paths relative to the project ("content/kenmerken/x.md",
  // "kapstok.yaml"), sorted; empty on timeout.
  std::vector<std::string> Wait(int timeout_ms, int quiet_ms = 60);

 private:
  void AddTree(const std::string& rel_dir);
  void Drain(std::set<std::string>* changed);

  std::string project_dir_;
  int fd_ = -1;
  std::map<int, std::string> dirs_;  // watch descriptor -> folder relative to the project
};

}  // namespace kapstok::serve

#endif  // KAPSTOK_SERVE_WATCHER_H_
