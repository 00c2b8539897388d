// Loading content: lists the content folder, reads every Markdown file (in
// parallel), splits and parses its front matter and validates it against the
// content types of kapstok.yaml. Every problem becomes a diagnostic; a file
// with errors is left out of the result so later stages see only valid pages.
// Owned by the `content` stage.
#ifndef KAPSTOK_CONTENT_LOADER_H_
#define KAPSTOK_CONTENT_LOADER_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "config/config.h"
#include "content/page.h"

namespace kapstok::content {

struct StaticFile {
  std::string source_path;  // to read from
  std::string rel_path;     // where it goes in the site
};

struct LoadedContent {
  std::vector<ParsedPage> pages;        // typed pages, sorted by rel_path
  std::optional<ParsedPage> home;       // content/index.md
  std::vector<ParsedPage> list_intros;  // content/<folder>/_index.md (type set)
  std::vector<StaticFile> static_files; // images and other non-Markdown files
  // Pages that exist but have errors (rel paths): links and relations to
  // them are not reported again, so one mistake gives one diagnostic.
  std::set<std::string> broken_paths;
};

class ParseCache;

struct LoadOptions {
  bool include_drafts = false;
  // kapstok serve: reuse parses of unchanged files (see parse_cache.h).
  ParseCache* cache = nullptr;
};

// True for ids that cannot be page file names: Windows device names and the
// names of the site's own folders ("index", "assets", "search").
bool IsReservedPageId(std::string_view id);

// Loads `content_dir` (e.g. "content") through `fs`. Paths in diagnostics
// are content_dir-prefixed ("content/kenmerken/x.md").
LoadedContent LoadContent(const FileSystem& fs, const std::string& content_dir,
                          const config::SiteConfig& config, const LoadOptions& options,
                          DiagnosticSink* sink);

// kapstok serve: loads the one content page file `rel_path` (relative to
// content_dir, e.g. "kenmerken/x.md", already known to be a page of `type`
// with id `id`) as LoadContent would, through options.cache. Returns nullopt
// when it cannot be read or has errors (reported into *sink).
std::optional<ParsedPage> LoadPage(const FileSystem& fs, const std::string& content_dir,
                                   const std::string& rel_path, const std::string& id,
                                   const config::TypeDef* type, const LoadOptions& options,
                                   DiagnosticSink* sink);

// Parses one file's text as a page of `type` (null: only title and body, for
// the home page and list intros). Returns nullopt when it has errors.
std::optional<ParsedPage> ParsePage(std::string_view raw, const std::string& path,
                                    const std::string& rel_path, const std::string& id,
                                    const config::TypeDef* type, DiagnosticSink* sink);

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_LOADER_H_
