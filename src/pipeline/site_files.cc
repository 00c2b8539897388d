#include "pipeline/site_files.h"

namespace kapstok::pipeline {

SiteFiles::SiteFiles(Map files)
    : base_(std::make_shared<const Map>(std::move(files))), size_(base_->size()) {}

SiteFiles::SiteFiles(const SiteFiles& previous, Map changes)
    : base_(previous.base_), overlay_(previous.overlay_), size_(previous.size_) {
  for (auto& [path, bytes] : changes) {
    bool was = Find(path) != nullptr;
    size_ += (bytes ? 1 : 0) - (was ? 1 : 0);
    if (!bytes && !base_->count(path)) overlay_.erase(path);
    else overlay_[path] = std::move(bytes);
  }
  // Fold a grown overlay into a new base, so lookups stay one map deep and
  // the overlay's copy per snapshot stays small.
  if (overlay_.size() > 4096) {
    base_ = std::make_shared<const Map>(Files());
    overlay_.clear();
  }
}

SiteFiles::Bytes SiteFiles::Find(const std::string& path) const {
  if (auto it = overlay_.find(path); it != overlay_.end()) return it->second;
  auto it = base_->find(path);
  return it == base_->end() ? nullptr : it->second;
}

SiteFiles::Map SiteFiles::Files() const {
  Map out = *base_;
  for (const auto& [path, bytes] : overlay_) {
    if (bytes) out[path] = bytes;
    else out.erase(path);
  }
  return out;
}

}  // namespace kapstok::pipeline
