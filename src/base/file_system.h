// FileSystem is the read-only view of the project that loading stages use:
// read a file, list a folder. RealFileSystem reads the disk; MemoryFileSystem
// holds files in memory so unit tests need no disk. Writing output is not
// here: only the `output` stage writes. Owned by `base`.
#ifndef KAPSTOK_BASE_FILE_SYSTEM_H_
#define KAPSTOK_BASE_FILE_SYSTEM_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace kapstok {

struct DirEntry {
  std::string path;  // relative to the listed folder, '/'-separated
  bool is_symlink = false;
  bool is_regular = true;  // false for anything that is not a plain file
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads the whole file into *out. NotFound when it does not exist.
  virtual Status ReadFile(const std::string& path, std::string* out) const = 0;
  // Lists every entry below dir, recursively, sorted by path. Symlinks are
  // listed (is_symlink) but not followed. NotFound when dir does not exist.
  virtual Status ListTree(const std::string& dir, std::vector<DirEntry>* out) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
};

// The process's file system. The returned object lives forever.
const FileSystem& RealFileSystem();

// An in-memory file system for tests. Paths are '/'-separated; folders exist
// implicitly when a file below them does.
class MemoryFileSystem : public FileSystem {
 public:
  void AddFile(const std::string& path, std::string contents);
  void RemoveFile(const std::string& path);
  void AddSymlink(const std::string& path);
  Status ReadFile(const std::string& path, std::string* out) const override;
  Status ListTree(const std::string& dir, std::vector<DirEntry>* out) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> symlinks_;
};

// Joins two '/'-separated path parts ("a", "b/c" -> "a/b/c"; "" -> other).
std::string JoinPath(const std::string& a, const std::string& b);

}  // namespace kapstok

#endif  // KAPSTOK_BASE_FILE_SYSTEM_H_
