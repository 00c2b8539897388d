#include "serve/watcher.h"

#include <dirent.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "base/file_system.h"
#include "base/text.h"

namespace kapstok::serve {

namespace {

constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                           IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

bool Ignored(const std::string& name) {
  return name.empty() || name[0] == '.' || EndsWith(name, "~") || EndsWith(name, ".swp") ||
         EndsWith(name, ".swx") || name == "4913";  // vim's write test file
}

}  // namespace

Watcher::~Watcher() {
  if (fd_ >= 0) ::close(fd_);
}

Status Watcher::Start(const std::string& project_dir) {
  project_dir_ = project_dir;
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return Status::IOError("inotify", std::strerror(errno));
  int wd = ::inotify_add_watch(fd_, project_dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                                             IN_DELETE | IN_MOVED_FROM);
  if (wd < 0) return Status::IOError(project_dir, std::strerror(errno));
  dirs_[wd] = "";
  for (const char* dir : {"content", "templates", "themes"}) AddTree(dir);
  return Status();
}

void Watcher::AddTree(const std::string& rel_dir) {
  std::string full = JoinPath(project_dir_, rel_dir);
  int wd = ::inotify_add_watch(fd_, full.c_str(), kMask | IN_ONLYDIR);
  if (wd < 0) return;  // absent folders are fine: they are watched once created
  dirs_[wd] = rel_dir;
  DIR* d = ::opendir(full.c_str());
  if (!d) return;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || Ignored(name)) continue;
    struct stat st;
    if (::lstat(JoinPath(full, name).c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      AddTree(JoinPath(rel_dir, name));
  }
  ::closedir(d);
}

void Watcher::Drain(std::set<std::string>* changed) {
  alignas(inotify_event) char buf[16 * 1024];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) return;
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {
        changed->insert("kapstok.yaml");  // lost events: rebuild everything
        continue;
      }
      auto it = dirs_.find(ev->wd);
      if (it == dirs_.end()) continue;
      const std::string& dir = it->second;
      if (ev->mask & IN_IGNORED) {
        dirs_.erase(it);
        continue;
      }
      std::string name = ev->len ? std::string(ev->name) : std::string();
      if (name.empty() || Ignored(name)) continue;
      if (dir.empty()) {  // the project folder itself
        if (name == "kapstok.yaml") changed->insert(name);
        else if ((ev->mask & IN_ISDIR) && (name == "content" || name == "templates" || name == "themes")) {
          AddTree(name);
          changed->insert("kapstok.yaml");
        }
        continue;
      }
      std::string rel = JoinPath(dir, name);
      if (ev->mask & IN_ISDIR) {
        if (ev->mask & (IN_CREATE | IN_MOVED_TO)) AddTree(rel);
        changed->insert("kapstok.yaml");  // a folder came or went: rebuild everything
        continue;
      }
      changed->insert(rel);
    }
  }
}

std::vector<std::string> Watcher::Wait(int timeout_ms, int quiet_ms) {
  std::set<std::string> changed;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return {};
  const auto start = std::chrono::steady_clock::now();
  Drain(&changed);
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) {
    p.revents = 0;
    if (::poll(&p, 1, quiet_ms) <= 0) break;
    Drain(&changed);
  }
  return {changed.begin(), changed.end()};
}

}  // namespace kapstok::serve
