// The only code that writes the site to disk. A SiteWriter checks every
// output path (relative, no "..", no NUL, no absolute path, none twice),
// writes each file as soon as it is handed over into a fresh sibling folder
// ("staging"), and Commit() swaps that folder into place with renames. A
// build that fails, or dies half-way, leaves the previous site as it was:
// a SiteWriter destroyed without a successful Commit() removes its staging
// folder. WriteSite does all of it for files already in memory. Owned by
// `output`.
#ifndef KAPSTOK_OUTPUT_WRITER_H_
#define KAPSTOK_OUTPUT_WRITER_H_

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "base/output_file.h"
#include "base/status.h"

namespace kapstok::output {

struct WriterFaults;  // writer_faults.h: for tests only

// True when `path` is a safe relative output path ("a/b.html").
bool IsSafeOutputPath(const std::string& path);

class SiteWriter {
 public:
  // Creates an empty staging folder beside `out_dir` (whose parents are
  // created). On failure returns the error and leaves *writer null.
  static Status Open(const std::string& out_dir, std::unique_ptr<SiteWriter>* writer);

  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;
  // Removes the staging folder unless Commit() succeeded.
  ~SiteWriter();

  // Writes one file into the staging folder. Thread-safe: may be called from
  // many threads at once. Fails on an unsafe path, a path written before, or
  // an I/O error; after a failure the writer is spoilt (Commit() fails too).
  // Fails, writing nothing, after a successful Commit() (every Write() must
  // have returned before Commit() is called).
  Status Write(const std::string& path, std::string_view bytes);

  // Files written so far.
  size_t count() const;

  // Replaces `out_dir` with the staging folder: out -> old, staging -> out,
  // old removed. Fails, leaving out_dir as it was, when a Write() failed,
  // when out_dir is a file, or on an I/O error. Call once, after every Write().
  Status Commit();

 private:
  SiteWriter(std::filesystem::path out, std::filesystem::path staging,
             std::filesystem::path old, int staging_fd, const WriterFaults* faults);

  // Looks a folder up by string_view, without making a std::string of it.
  struct FolderHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  const std::filesystem::path out_, staging_, old_;
  const int staging_fd_;  // the staging folder, open until destruction
  const WriterFaults* const faults_;  // null but in tests (ScopedWriterFaults)
  std::atomic<size_t> written_{0};
  mutable std::mutex mu_;
  // Known to exist below staging. (Files written are not kept: the staging
  // folder starts empty, so a file that exists there was written before.)
  std::unordered_set<std::string, FolderHash, std::equal_to<>> folders_;
  Status failure_;
  bool committed_ = false;  // under mu_: set by a successful Commit()
};

// Replaces the folder `out_dir` with exactly `files` (SiteWriter, files
// written on all cores). Fails (and leaves out_dir untouched) on an unsafe or
// duplicate path or any I/O error.
Status WriteSite(const std::string& out_dir, const OutputFiles& files);

}  // namespace kapstok::output

#endif  // KAPSTOK_OUTPUT_WRITER_H_
