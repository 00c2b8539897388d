#include "base/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
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

// The Status for a failed open(2) of `path`, as the stat-first checks of
// before gave it: NotFound when there is nothing to stat, "not a regular
// file" for folders and devices, else the open's own error.
Status OpenFailure(const std::string& path, int open_errno) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return Status::NotFound(path, "no such file");
  if (!S_ISREG(st.st_mode)) return Status::IOError(path, "not a regular file");
  return Status::IOError(path, std::strerror(open_errno));
}

// Reads `fd` to its end into *out; `size` (from fstat) sizes the buffer, and
// a file that grew meanwhile is still read whole.
Status ReadAll(int fd, const std::string& path, size_t size, std::string* out) {
  out->resize(size + 1);  // one spare byte: a file that grew fills it
  size_t got = 0;
  for (;;) {
    if (got == out->size()) out->resize(out->size() * 2);
    const ssize_t n = read(fd, out->data() + got, out->size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(path, std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
    // The file's size as fstat gave it, and the read stopped short of the
    // spare byte: that is its end, without a second read to be told so
    // (one system call less per content file). Any other short read (a
    // file system that reads in parts) goes on until read says 0.
    if (got == size && got < out->size()) break;
  }
  out->resize(got);
  return Status::OK();
}

// Appends the entries below the open folder `fd` (which it closes) to *out,
// their paths prefixed with `prefix` ("" or "a/b/"), and descends into
// subfolders but not into symbolic links. Folders themselves are not listed.
// The type comes from the listing (d_type) where the file system gives it,
// so a tree costs one getdents per folder and no stat per entry. Returns 0
// or the errno of the first failure.
int ListFolder(int fd, const std::string& prefix, std::vector<DirEntry>* out) {
  DIR* d = fdopendir(fd);
  if (d == nullptr) {
    const int error = errno;
    close(fd);
    return error;
  }
  int error = 0;
  for (;;) {
    errno = 0;
    const dirent* e = readdir(d);
    if (e == nullptr) {
      error = errno;
      break;
    }
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {
      struct stat st;
      if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        error = errno;
        break;
      }
      type = S_ISLNK(st.st_mode)   ? DT_LNK
             : S_ISDIR(st.st_mode) ? DT_DIR
             : S_ISREG(st.st_mode) ? DT_REG
                                   : DT_FIFO;  // any other kind: not a plain file
    }
    std::string path = prefix;
    path.append(name);
    if (type == DT_DIR) {
      const int sub =
          openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      error = sub < 0 ? errno : ListFolder(sub, path + "/", out);
      if (error != 0) break;
      continue;
    }
    DirEntry entry;
    entry.path = std::move(path);
    entry.is_symlink = type == DT_LNK;
    entry.is_regular = type == DT_REG;
    out->push_back(std::move(entry));
  }
  closedir(d);
  return error;
}

class DiskFileSystem : public FileSystem {
 public:
  // One open, one fstat and reads straight into a buffer of the file's size:
  // no stat calls before the open and no stream buffers (the loader reads
  // every content file, so this is on the build's critical path).
  Status ReadFile(const std::string& path, std::string* out) const override {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return OpenFailure(path, errno);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      close(fd);
      return Status::IOError(path, "not a regular file");
    }
    Status status = ReadAll(fd, path, static_cast<size_t>(st.st_size), out);
    close(fd);
    return status;
  }

  Status ListTree(const std::string& dir, std::vector<DirEntry>* out) const override {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Status::NotFound(dir, "no such folder");
    out->clear();
    const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Status::IOError(dir, std::strerror(errno));
    if (int error = ListFolder(fd, "", out); error != 0)
      return Status::IOError(dir, std::strerror(error));
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
