// SiteFiles: the site `kapstok serve` keeps in memory and serves, as
// immutable snapshots that share unchanged files. Owned by the `pipeline`
// stage.
#ifndef KAPSTOK_PIPELINE_SITE_FILES_H_
#define KAPSTOK_PIPELINE_SITE_FILES_H_

#include <map>
#include <memory>
#include <string>

namespace kapstok::pipeline {

// A built site: site path ("kenmerken/x/index.html") -> bytes. Immutable
// once published. A snapshot after a rebuild shares an older snapshot's
// files (a base map, shared) and holds only the files that changed since
// (an overlay), so publishing it costs O(changed files), not O(site).
class SiteFiles {
 public:
  using Bytes = std::shared_ptr<const std::string>;
  using Map = std::map<std::string, Bytes>;

  SiteFiles() : base_(std::make_shared<const Map>()) {}
  // A site of exactly `files`.
  explicit SiteFiles(Map files);
  // `previous` with `changes` applied (a null Bytes removes the path).
  SiteFiles(const SiteFiles& previous, Map changes);

  // The bytes at `path`, or null.
  Bytes Find(const std::string& path) const;
  size_t size() const { return size_; }
  // Every file, in path order.
  Map Files() const;

 private:
  std::shared_ptr<const Map> base_;
  Map overlay_;  // changed since base_; null: removed
  size_t size_ = 0;
};

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_PIPELINE_SITE_FILES_H_
