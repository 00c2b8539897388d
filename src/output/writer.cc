#include "output/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "base/parallel.h"

namespace kapstok::output {

namespace fs = std::filesystem;

bool IsSafeOutputPath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view part(path.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

namespace {

Status WriteFile(const fs::path& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return Status::IOError(path.string(), std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::IOError(path.string(), std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return Status::IOError(path.string(), std::strerror(errno));
  return Status::OK();
}

}  // namespace

Status WriteSite(const std::string& out_dir, const OutputFiles& files) {
  std::set<std::string> seen;
  for (const OutputFile& f : files) {
    if (!IsSafeOutputPath(f.path)) return Status::InvalidArgument(f.path, "unsafe output path");
    if (!seen.insert(f.path).second)
      return Status::InvalidArgument(f.path, "written twice in one build");
  }
  std::error_code ec;
  fs::path out = fs::absolute(out_dir, ec);
  if (ec) return Status::IOError(out_dir, ec.message());
  out = out.lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  fs::path parent = out.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return Status::IOError(parent.string(), ec.message());
  const std::string stem = "." + out.filename().string();
  fs::path staging = parent / (stem + ".new-" + std::to_string(::getpid()));
  fs::path old = parent / (stem + ".old-" + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directory(staging, ec);
  if (ec) return Status::IOError(staging.string(), ec.message());

  // Folders first (sorted, so parents come before children), then files in parallel.
  std::set<fs::path> dirs;
  for (const OutputFile& f : files) {
    fs::path d = fs::path(f.path).parent_path();
    if (!d.empty()) dirs.insert(d);
  }
  for (const fs::path& d : dirs) {
    fs::create_directories(staging / d, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      return Status::IOError((staging / d).string(), ec.message());
    }
  }
  std::vector<Status> results(files.size());
  ParallelFor(files.size(), [&](size_t i) {
    results[i] = WriteFile(staging / files[i].path, files[i].bytes);
  });
  for (const Status& s : results) {
    if (!s.ok()) {
      fs::remove_all(staging, ec);
      return s;
    }
  }
  // Swap: out -> old, staging -> out, remove old. A crash between the two
  // renames leaves the previous site at `old`, never a half-written `out`.
  bool had_old = fs::exists(out, ec);
  if (had_old) {
    if (!fs::is_directory(fs::symlink_status(out, ec))) {
      fs::remove_all(staging, ec);
      return Status::IOError(out.string(), "exists and is not a folder");
    }
    fs::rename(out, old, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      return Status::IOError(out.string(), ec.message());
    }
  }
  fs::rename(staging, out, ec);
  if (ec) {
    std::error_code ec2;
    if (had_old) fs::rename(old, out, ec2);
    fs::remove_all(staging, ec2);
    return Status::IOError(out.string(), ec.message());
  }
  if (had_old) fs::remove_all(old, ec);
  return Status::OK();
}

}  // namespace kapstok::output
