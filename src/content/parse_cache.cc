#include "content/parse_cache.h"

namespace kapstok::content {

void ParseCache::MarkStale(const std::string& rel_path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(rel_path);
  if (it != entries_.end()) it->second.stale = true;
}

void ParseCache::MarkAllStale() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [path, e] : entries_) e.stale = true;
}

void ParseCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

bool ParseCache::Replay(const Entry& e, std::optional<ParsedPage>* page,
                        DiagnosticSink* sink) const {
  *page = e.page;
  for (const Diagnostic& d : e.diagnostics) sink->Report(d);
  return true;
}

bool ParseCache::ReplayTrusted(const std::string& rel_path, std::optional<ParsedPage>* page,
                               DiagnosticSink* sink) const {
  const Entry* e = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(rel_path);
    if (it == entries_.end() || it->second.stale) return false;
    e = &it->second;  // entries are only replaced by Store, never during a load
  }
  return Replay(*e, page, sink);
}

bool ParseCache::ReplayIfSame(const std::string& rel_path, const std::string& raw,
                              std::optional<ParsedPage>* page, DiagnosticSink* sink) const {
  const Entry* e = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(rel_path);
    if (it == entries_.end() || it->second.raw != raw) return false;
    e = &it->second;
  }
  return Replay(*e, page, sink);
}

void ParseCache::Store(const std::string& rel_path, std::string raw,
                       const std::optional<ParsedPage>& page, std::vector<Diagnostic> diagnostics) {
  Entry e{std::move(raw), page, std::move(diagnostics), false};
  std::lock_guard<std::mutex> lock(mu_);
  entries_[rel_path] = std::move(e);
  ++parses_;
}

size_t ParseCache::TakeParseCount() {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = parses_;
  parses_ = 0;
  return n;
}

}  // namespace kapstok::content
