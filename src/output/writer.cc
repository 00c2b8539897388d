#include "output/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

Status WriteFile(const fs::path& path, std::string_view bytes) {
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

SiteWriter::SiteWriter(fs::path out, fs::path staging, fs::path old)
    : out_(std::move(out)), staging_(std::move(staging)), old_(std::move(old)) {}

Status SiteWriter::Open(const std::string& out_dir, std::unique_ptr<SiteWriter>* writer) {
  writer->reset();
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
  writer->reset(new SiteWriter(out, staging, old));
  return Status::OK();
}

SiteWriter::~SiteWriter() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_, ec);
}

size_t SiteWriter::count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return paths_.size();
}

Status SiteWriter::EnsureFolder(std::string_view rel) {
  if (rel.empty() || folders_.count(std::string(rel))) return Status::OK();
  std::error_code ec;
  fs::create_directories(staging_ / rel, ec);
  if (ec) return Status::IOError((staging_ / rel).string(), ec.message());
  // Record the folder and its parents ("a/b", "a").
  for (size_t end = rel.size(); end != std::string_view::npos && end > 0;
       end = rel.rfind('/', end - 1)) {
    folders_.emplace(rel.substr(0, end));
  }
  return Status::OK();
}

Status SiteWriter::Write(const std::string& path, std::string_view bytes) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
    Status s;
    if (!IsSafeOutputPath(path)) {
      s = Status::InvalidArgument(path, "unsafe output path");
    } else if (!paths_.insert(path).second) {
      s = Status::InvalidArgument(path, "written twice in one build");
    } else {
      size_t slash = path.rfind('/');
      s = EnsureFolder(std::string_view(path).substr(0, slash == std::string::npos ? 0 : slash));
    }
    if (!s.ok()) {
      failure_ = s;
      return s;
    }
  }
  Status s = WriteFile(staging_ / path, bytes);
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    if (failure_.ok()) failure_ = s;
  }
  return s;
}

Status SiteWriter::Commit() {
  std::error_code ec;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
  }
  // Swap: out -> old, staging -> out, remove old. A crash between the two
  // renames leaves the previous site at `old`, never a half-written `out`.
  bool had_old = fs::exists(out_, ec);
  if (had_old) {
    if (!fs::is_directory(fs::symlink_status(out_, ec)))
      return Status::IOError(out_.string(), "exists and is not a folder");
    fs::remove_all(old_, ec);  // left by a crashed build of this process id
    fs::rename(out_, old_, ec);
    if (ec) return Status::IOError(out_.string(), ec.message());
  }
  fs::rename(staging_, out_, ec);
  if (ec) {
    std::error_code ec2;
    if (had_old) fs::rename(old_, out_, ec2);
    return Status::IOError(out_.string(), ec.message());
  }
  committed_ = true;
  if (had_old) fs::remove_all(old_, ec);
  return Status::OK();
}

Status WriteSite(const std::string& out_dir, const OutputFiles& files) {
  // Every path is checked before anything is written, so the error names the
  // first bad path in `files` whatever the threads do.
  std::unordered_set<std::string_view> seen;
  for (const OutputFile& f : files) {
    if (!IsSafeOutputPath(f.path)) return Status::InvalidArgument(f.path, "unsafe output path");
    if (!seen.insert(f.path).second)
      return Status::InvalidArgument(f.path, "written twice in one build");
  }
  std::unique_ptr<SiteWriter> writer;
  if (Status s = SiteWriter::Open(out_dir, &writer); !s.ok()) return s;
  std::vector<Status> results(files.size());
  ParallelFor(files.size(), [&](size_t i) { results[i] = writer->Write(files[i].path, files[i].bytes); });
  for (const Status& s : results)
    if (!s.ok()) return s;  // ~SiteWriter removes the staging folder
  return writer->Commit();
}

}  // namespace kapstok::output
