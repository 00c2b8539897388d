// Fault injection for tests of SiteWriter and of the code that writes through
// it: the two file-system operations whose failure a test cannot cause for
// real everywhere (as root, permissions do not stop remove_all; a full disk
// is not something to arrange). A ScopedWriterFaults makes the SiteWriters
// opened while it lives perform those operations through its hooks; the
// failure then takes the writer's own error path, as a real one would.
// Tests only: production code never installs faults, and a SiteWriter
// opened without them pays one null-pointer test per Write(). Owned by
// `output`.
#ifndef KAPSTOK_OUTPUT_WRITER_FAULTS_H_
#define KAPSTOK_OUTPUT_WRITER_FAULTS_H_

#include <filesystem>
#include <functional>
#include <string>
#include <system_error>

namespace kapstok::output {

struct WriterFaults {
  // Replaces std::filesystem::remove_all(staging, *ec) when Open() empties
  // the staging folder that an earlier build of this process id left. It
  // may remove all, part or nothing, and set *ec or not, as remove_all can.
  std::function<void(const std::filesystem::path& staging, std::error_code* ec)> empty_staging;
  // Asked by Write(path, ...) once the path is checked: a nonzero errno
  // fails that Write as the disk would (IOError naming the file in the
  // staging folder, strerror of it), writing nothing. Called from any
  // thread that writes, concurrently: it must be thread-safe.
  std::function<int(const std::string& path)> write_error;
};

// Installs `faults` for every SiteWriter opened from now until this object
// is destroyed (those writers keep using them: it must outlive them). Nested
// ones restore the outer one's faults when they end (destroy them in reverse
// order); install and remove them while no SiteWriter is being opened.
class ScopedWriterFaults {
 public:
  explicit ScopedWriterFaults(WriterFaults faults);
  ~ScopedWriterFaults();
  ScopedWriterFaults(const ScopedWriterFaults&) = delete;
  ScopedWriterFaults& operator=(const ScopedWriterFaults&) = delete;

 private:
  const WriterFaults faults_;
  const WriterFaults* outer_;  // the faults installed before these
};

}  // namespace kapstok::output

#endif  // KAPSTOK_OUTPUT_WRITER_FAULTS_H_
