#include "output/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <signal.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/parallel.h"
#include "output/writer_faults.h"

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

// Creates `rel` below the folder `dir_fd` (named `dir` in errors), which
// must not exist yet, and writes `bytes` into it with as few write calls as
// it takes. A regular file already there is InvalidArgument "written twice
// in one build" (the staging folder starts empty: only this build made it);
// a folder or symbolic link there fails as an open without O_EXCL would
// (EISDIR, ELOOP).
Status WriteFile(int dir_fd, const fs::path& dir, const std::string& rel, std::string_view bytes) {
  auto failure = [&](int err) { return Status::IOError((dir / rel).string(), std::strerror(err)); };
  const int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
  int fd = ::openat(dir_fd, rel.c_str(), flags, 0644);
  if (fd < 0 && errno == EEXIST) {
    struct stat st;
    if (::fstatat(dir_fd, rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return failure(errno);
    if (S_ISDIR(st.st_mode)) return failure(EISDIR);
    if (S_ISLNK(st.st_mode)) return failure(ELOOP);
    return Status::InvalidArgument(rel, "written twice in one build");
  }
  if (fd < 0) return failure(errno);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return failure(err);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return failure(errno);
  return Status::OK();
}

}  // namespace

namespace {

// Removes the staging and old folders ("<stem>.new-<pid>", "<stem>.old-<pid>")
// that a build killed before its Commit() left beside the output folder:
// those of processes that no longer run. A concurrent build's stay.
void RemoveStaleSiblings(const fs::path& parent, const std::string& stem) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::string_view rest;
    for (const char* kind : {".new-", ".old-"})
      if (name.rfind(stem + kind, 0) == 0) rest = std::string_view(name).substr(stem.size() + 5);
    if (rest.empty() || rest.find_first_not_of("0123456789") != std::string_view::npos) continue;
    const long pid = std::strtol(std::string(rest).c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

// The faults of the live ScopedWriterFaults, if any (tests only).
std::atomic<const WriterFaults*> installed_faults{nullptr};

// remove_all(staging), or the test's stand-in for it.
void EmptyStaging(const WriterFaults* faults, const fs::path& staging, std::error_code* ec) {
  if (faults != nullptr && faults->empty_staging) {
    faults->empty_staging(staging, ec);
  } else {
    fs::remove_all(staging, *ec);
  }
}

// The failure that `faults` inject into writing `path`, else OK.
Status InjectedWriteError(const WriterFaults& faults, const fs::path& staging,
                          const std::string& path) {
  const int err = faults.write_error ? faults.write_error(path) : 0;
  if (err == 0) return Status::OK();
  return Status::IOError((staging / path).string(), std::strerror(err));
}

}  // namespace

ScopedWriterFaults::ScopedWriterFaults(WriterFaults faults)
    : faults_(std::move(faults)), outer_(installed_faults.exchange(&faults_)) {}

ScopedWriterFaults::~ScopedWriterFaults() { installed_faults.store(outer_); }

SiteWriter::SiteWriter(fs::path out, fs::path staging, fs::path old, int staging_fd,
                       const WriterFaults* faults)
    : out_(std::move(out)),
      staging_(std::move(staging)),
      old_(std::move(old)),
      staging_fd_(staging_fd),
      faults_(faults) {}

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
  RemoveStaleSiblings(parent, stem);
  const WriterFaults* faults = installed_faults.load();
  // WriteFile's duplicate check (O_EXCL) relies on the staging folder
  // starting empty: this build must have created it.
  EmptyStaging(faults, staging, &ec);
  if (ec) return Status::IOError(staging.string(), "cannot empty staging folder: " + ec.message());
  if (!fs::create_directory(staging, ec)) {
    return Status::IOError(staging.string(),
                           ec ? ec.message() : "staging folder exists and could not be emptied");
  }
  // Folders and files are made relative to the staging folder: the kernel
  // walks "page/index.html", not the whole absolute path, for each.
  const int fd = ::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    const int err = errno;
    fs::remove_all(staging, ec);
    return Status::IOError(staging.string(), std::strerror(err));
  }
  writer->reset(new SiteWriter(out, staging, old, fd, faults));
  return Status::OK();
}

SiteWriter::~SiteWriter() {
  ::close(staging_fd_);
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_, ec);
}

size_t SiteWriter::count() const { return written_.load(); }

namespace {

// mkdir -p of `rel` below the folder `root_fd` (named `root` in errors):
// one mkdir for a folder whose parent exists (the usual case), parents first
// otherwise. Another thread may create the same folder at the same time: an
// existing folder is success.
Status MakeFolders(int root_fd, const fs::path& root, std::string_view rel) {
  const std::string path(rel);
  if (::mkdirat(root_fd, path.c_str(), 0755) == 0 || errno == EEXIST) return Status::OK();
  if (errno == ENOENT) {
    size_t slash = rel.rfind('/');
    if (slash != std::string_view::npos) {
      if (Status s = MakeFolders(root_fd, root, rel.substr(0, slash)); !s.ok()) return s;
      if (::mkdirat(root_fd, path.c_str(), 0755) == 0 || errno == EEXIST) return Status::OK();
    }
  }
  const int err = errno;  // read before building the path, which may change it
  return Status::IOError((root / path).string(), std::strerror(err));
}

}  // namespace

Status SiteWriter::Write(const std::string& path, std::string_view bytes) {
  const size_t slash = path.rfind('/');
  const std::string_view folder =
      std::string_view(path).substr(0, slash == std::string::npos ? 0 : slash);
  const bool safe = IsSafeOutputPath(path);
  bool known_folder = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // After Commit() the staging folder's descriptor names the published
    // site: nothing may be written through it any more.
    if (committed_) return Status::InvalidArgument(path, "written after Commit()");
    if (!failure_.ok()) return failure_;
    if (!safe) {
      failure_ = Status::InvalidArgument(path, "unsafe output path");
      return failure_;
    }
    known_folder = folder.empty() || folders_.find(folder) != folders_.end();
  }
  // Folders and files are made outside the lock, so threads wait only for
  // the bookkeeping above; a path written twice is found by the open
  // (WriteFile), not by a set of every path.
  Status s = known_folder ? Status::OK() : MakeFolders(staging_fd_, staging_, folder);
  if (s.ok() && faults_ != nullptr) s = InjectedWriteError(*faults_, staging_, path);
  if (s.ok()) s = WriteFile(staging_fd_, staging_, path, bytes);
  if (s.ok()) ++written_;
  if (s.ok() && known_folder) return s;
  std::lock_guard<std::mutex> lock(mu_);
  if (!s.ok()) {
    if (failure_.ok()) failure_ = s;
  } else {
    folders_.emplace(folder);
  }
  return s;
}

namespace {

// remove_all(root), with the entries two levels down (a site's pages:
// "praktijkvoorbeelden/x/") removed on all cores first. Best effort, as
// remove_all with an error code: what cannot be removed stays.
void RemoveTreeInParallel(const fs::path& root) {
  std::error_code ec;
  std::vector<fs::path> parts;
  for (fs::directory_iterator top(root, ec), end; !ec && top != end; top.increment(ec)) {
    if (!top->is_directory(ec) || top->is_symlink(ec)) {
      parts.push_back(top->path());
      continue;
    }
    for (fs::directory_iterator sub(top->path(), ec); !ec && sub != end; sub.increment(ec))
      parts.push_back(sub->path());
    ec.clear();
  }
  ParallelFor(parts.size(), [&](size_t i) {
    std::error_code e;
    fs::remove_all(parts[i], e);
  });
  fs::remove_all(root, ec);
}

}  // namespace

Status SiteWriter::Commit() {
  std::error_code ec;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
    if (committed_) return Status::InvalidArgument(out_.string(), "committed twice");
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
  {
    std::lock_guard<std::mutex> lock(mu_);
    committed_ = true;  // from now on Write() fails
  }
  if (had_old) RemoveTreeInParallel(old_);
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
  ParallelFor(files.size(),
              [&](size_t i) { results[i] = writer->Write(files[i].path, files[i].bytes); });
  for (const Status& s : results)
    if (!s.ok()) return s;  // ~SiteWriter removes the staging folder
  return writer->Commit();
}

}  // namespace kapstok::output
