#include "base/file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace kapstok {

std::string JoinPath(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  if (b.empty()) return a;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

namespace {
namespace fs = std::filesystem;

class DiskFileSystem : public FileSystem {
 public:
  Status ReadFile(const std::string& path, std::string* out) const override {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      if (fs::exists(path, ec)) return Status::IOError(path, "not a regular file");
      return Status::NotFound(path, "no such file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IOError(path, std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = std::move(ss).str();
    return Status::OK();
  }

  Status ListTree(const std::string& dir, std::vector<DirEntry>* out) const override {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Status::NotFound(dir, "no such folder");
    out->clear();
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
    if (ec) return Status::IOError(dir, ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) return Status::IOError(dir, ec.message());
      const fs::directory_entry& e = *it;
      DirEntry d;
      // Lexically: fs::relative would follow a symlink and name its target.
      d.path = e.path().lexically_relative(dir).generic_string();
      d.is_symlink = e.is_symlink(ec);
      d.is_regular = !d.is_symlink && e.is_regular_file(ec);
      if (e.is_directory(ec) && !d.is_symlink) continue;
      out->push_back(std::move(d));
    }
    std::sort(out->begin(), out->end(),
              [](const DirEntry& a, const DirEntry& b) { return a.path < b.path; });
    return Status::OK();
  }

  bool IsFile(const std::string& path) const override {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
  }
  bool IsDirectory(const std::string& path) const override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }
};
}  // namespace

const FileSystem& RealFileSystem() {
  static const DiskFileSystem* fs = new DiskFileSystem;
  return *fs;
}

void MemoryFileSystem::AddFile(const std::string& path, std::string contents) {
  files_[path] = std::move(contents);
}

void MemoryFileSystem::RemoveFile(const std::string& path) { files_.erase(path); }

void MemoryFileSystem::AddSymlink(const std::string& path) { symlinks_[path] = true; }

Status MemoryFileSystem::ReadFile(const std::string& path, std::string* out) const {
  auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound(path, "no such file");
  *out = it->second;
  return Status::OK();
}

Status MemoryFileSystem::ListTree(const std::string& dir, std::vector<DirEntry>* out) const {
  if (!IsDirectory(dir)) return Status::NotFound(dir, "no such folder");
  out->clear();
  std::string prefix = dir.empty() || dir == "." ? "" : dir + "/";
  for (const auto& [path, _] : files_)
    if (path.compare(0, prefix.size(), prefix) == 0) out->push_back({path.substr(prefix.size())});
  for (const auto& [path, _] : symlinks_)
    if (path.compare(0, prefix.size(), prefix) == 0)
      out->push_back({path.substr(prefix.size()), true, false});
  std::sort(out->begin(), out->end(),
            [](const DirEntry& a, const DirEntry& b) { return a.path < b.path; });
  return Status::OK();
}

bool MemoryFileSystem::IsFile(const std::string& path) const { return files_.count(path) > 0; }

bool MemoryFileSystem::IsDirectory(const std::string& dir) const {
  if (dir.empty() || dir == ".") return true;
  std::string prefix = dir + "/";
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) return true;
  auto st = symlinks_.lower_bound(prefix);
  return st != symlinks_.end() && st->first.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace kapstok
