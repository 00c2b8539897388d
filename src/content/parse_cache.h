// ParseCache remembers, per Markdown file, the text it was parsed from, the
// parse result and the diagnostics it produced, so that a long-running
// process (`kapstok serve`) re-parses only the files whose text changed.
// LoadContent consults it when LoadOptions::cache is set. A cache is valid
// for one SiteConfig only (ParsedPage points into it): Clear() it when the
// configuration is reloaded. Thread-safe. Owned by the `content` stage.
#ifndef KAPSTOK_CONTENT_PARSE_CACHE_H_
#define KAPSTOK_CONTENT_PARSE_CACHE_H_

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "content/page.h"

namespace kapstok::content {

class ParseCache {
 public:
  // Files not marked stale are trusted without being read (the caller, e.g.
  // a file watcher, knows they did not change). After Clear() or MarkAllStale()
  // every file is read and compared with the text it was parsed from.
  void MarkStale(const std::string& rel_path);
  void MarkAllStale();
  void Clear();

  // When the entry for rel_path is trusted (not stale), copies its result to
  // *page, reports its diagnostics into sink and returns true.
  bool ReplayTrusted(const std::string& rel_path, std::optional<ParsedPage>* page,
                     DiagnosticSink* sink) const;
  // Same, when the entry was parsed from exactly `raw`.
  bool ReplayIfSame(const std::string& rel_path, const std::string& raw,
                    std::optional<ParsedPage>* page, DiagnosticSink* sink) const;
  void Store(const std::string& rel_path, std::string raw, const std::optional<ParsedPage>& page,
             std::vector<Diagnostic> diagnostics);

  // Files parsed (not replayed) since the last call; for tests and timing.
  size_t TakeParseCount();

 private:
  struct Entry {
    std::string raw;
    std::optional<ParsedPage> page;
    std::vector<Diagnostic> diagnostics;
    bool stale = false;
  };
  bool Replay(const Entry& e, std::optional<ParsedPage>* page, DiagnosticSink* sink) const;

  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  size_t parses_ = 0;
};

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_PARSE_CACHE_H_
