#include "content/loader.h"

#include <algorithm>
#include <map>

#include "base/messages.h"
#include "base/parallel.h"
#include "base/text.h"
#include "base/timing.h"
#include "config/yaml_util.h"
#include "content/front_matter.h"
#include "content/parse_cache.h"
#include "content/validate.h"

namespace kapstok::content {

namespace {

// ParsePage for a file text the caller hands over (it becomes page.source).
std::optional<ParsedPage> ParseOwnedPage(std::string raw, const std::string& path,
                                         const std::string& rel_path, const std::string& id,
                                         const config::TypeDef* type, DiagnosticSink* sink) {
  std::optional<SplitFile> split = SplitOwnedFrontMatter(std::move(raw), path, sink);
  if (!split) return std::nullopt;
  ParsedPage page;
  page.type = type;
  page.id = id;
  page.path = path;
  page.rel_path = rel_path;
  page.source = std::move(split->text);
  page.body_offset = split->body_begin;
  page.body_line_offset = split->body_line_offset;
  config::YamlSource src{path, page.source, split->yaml_line_offset};
  std::string_view yaml =
      std::string_view(page.source).substr(split->yaml_begin, split->yaml_end - split->yaml_begin);
  if (!LoadFrontMatter(yaml, src, type, &page, sink)) return std::nullopt;
  return page;
}

}  // namespace

std::optional<ParsedPage> ParsePage(std::string_view raw, const std::string& path,
                                    const std::string& rel_path, const std::string& id,
                                    const config::TypeDef* type, DiagnosticSink* sink) {
  return ParseOwnedPage(std::string(raw), path, rel_path, id, type, sink);
}

// Windows cannot create these names; a site must be copyable anywhere.
bool IsReservedPageId(std::string_view id) {
  static const char* const kReserved[] = {"con", "prn", "aux", "nul", "com1", "com2", "com3",
                                          "com4", "lpt1", "lpt2", "lpt3", "index", "assets",
                                          "search"};
  for (const char* r : kReserved)
    if (id == r) return true;
  return false;
}

namespace {

struct Job {
  std::string rel_path;
  std::string id;
  const config::TypeDef* type = nullptr;
  enum class Kind { kPage, kHome, kListIntro } kind = Kind::kPage;
};

// Reads and parses one file (through the cache) into *out.
void LoadOne(const FileSystem& fs, const std::string& content_dir, const std::string& rel_path,
             const std::string& id, bool typed, const config::TypeDef* type,
             const LoadOptions& options, std::optional<ParsedPage>* out, DiagnosticSink* sink) {
  const std::string path = JoinPath(content_dir, rel_path);
  if (options.cache && options.cache->ReplayTrusted(rel_path, out, sink)) return;
  std::string raw;
  Status read = fs.ReadFile(path, &raw);
  if (!read.ok()) {
    sink->Error({path, 0, 0}, read.message());
    return;
  }
  const config::TypeDef* parse_type = typed ? type : nullptr;
  if (!options.cache) {  // the page keeps the text read: no copy
    *out = ParseOwnedPage(std::move(raw), path, rel_path, id, parse_type, sink);
    if (*out) (*out)->type = type;
    return;
  }
  if (options.cache->ReplayIfSame(rel_path, raw, out, sink)) return;
  DiagnosticSink local;
  *out = ParsePage(raw, path, rel_path, id, parse_type, &local);
  if (*out) (*out)->type = type;
  std::vector<Diagnostic> diagnostics = local.Sorted();
  for (const Diagnostic& d : diagnostics) sink->Report(d);
  options.cache->Store(rel_path, std::move(raw), *out, std::move(diagnostics));
}

}  // namespace

std::optional<ParsedPage> LoadPage(const FileSystem& fs, const std::string& content_dir,
                                   const std::string& rel_path, const std::string& id,
                                   const config::TypeDef* type, const LoadOptions& options,
                                   DiagnosticSink* sink) {
  std::optional<ParsedPage> page;
  LoadOne(fs, content_dir, rel_path, id, true, type, options, &page, sink);
  return page;
}

LoadedContent LoadContent(const FileSystem& fs, const std::string& content_dir,
                          const config::SiteConfig& config, const LoadOptions& options,
                          DiagnosticSink* sink) {
  LoadedContent out;
  StageTimer timer;
  std::vector<DirEntry> entries;
  Status st = fs.ListTree(content_dir, &entries);
  if (!st.ok()) {
    sink->Error({content_dir, 0, 0}, st.message());
    return out;
  }
  std::vector<Job> jobs;
  std::vector<std::string> folders;
  for (const config::TypeDef& t : config.types) folders.push_back(t.folder);
  for (const DirEntry& e : entries) {
    const std::string path = JoinPath(content_dir, e.path);
    if (e.is_symlink || !e.is_regular) {
      sink->Error({path, 0, 0}, Tr("content.symlink"));
      continue;
    }
    std::string_view name = e.path;
    size_t slash = name.rfind('/');
    std::string_view file = slash == std::string_view::npos ? name : name.substr(slash + 1);
    if (StartsWith(file, ".")) continue;  // editor and OS files (.DS_Store, .swp)
    if (!EndsWith(name, ".md")) {
      out.static_files.push_back({path, e.path});
      continue;
    }
    if (e.path == "index.md") {
      jobs.push_back({e.path, "index", nullptr, Job::Kind::kHome});
      continue;
    }
    if (slash == std::string_view::npos) {
      sink->Error({path, 0, 0}, Tr("content.unknown-folder", {"."}));
      continue;
    }
    std::string folder(name.substr(0, slash));
    if (folder.find('/') != std::string::npos) {
      sink->Error({path, 0, 0}, Tr("content.nested-file"));
      continue;
    }
    const config::TypeDef* type = config.FindTypeByFolder(folder);
    if (!type) {
      std::string near = ClosestMatch(folder, folders);
      sink->Error({path, 0, 0}, Tr("content.unknown-folder", {folder}),
                  near.empty() ? "" : Tr("hint.did-you-mean", {near}));
      continue;
    }
    std::string id(file.substr(0, file.size() - 3));
    if (id == "_index") {
      jobs.push_back({e.path, id, type, Job::Kind::kListIntro});
      continue;
    }
    if (Slugify(id) != id || IsReservedPageId(id)) {
      std::string fixed = Slugify(id);
      if (fixed.empty() || IsReservedPageId(fixed)) fixed = "pagina-" + std::to_string(jobs.size());
      sink->Error({path, 0, 0}, Tr("content.bad-file-name", {std::string(file)}),
                  Tr("content.bad-file-name.hint", {fixed + ".md"}));
      continue;
    }
    jobs.push_back({e.path, id, type, Job::Kind::kPage});
  }

  timer.Mark("  list");  // KAPSTOK_TIMING=1: the load stage's parts
  std::vector<std::optional<ParsedPage>> parsed(jobs.size());
  ParallelFor(jobs.size(), [&](size_t i) {
    const Job& job = jobs[i];
    LoadOne(fs, content_dir, job.rel_path, job.id, job.kind == Job::Kind::kPage, job.type,
            options, &parsed[i], sink);
  });

  timer.Mark("  read+parse");  // the rest (the result's lists) is short
  out.pages.reserve(jobs.size());
  // Ids are unique per type (the folder makes them so); report clashes that
  // differ only in case or folding, which collide on case-insensitive disks.
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!parsed[i]) {
      out.broken_paths.insert(jobs[i].rel_path);
      continue;
    }
    ParsedPage& p = *parsed[i];
    switch (jobs[i].kind) {
      case Job::Kind::kHome: out.home = std::move(p); break;
      case Job::Kind::kListIntro: out.list_intros.push_back(std::move(p)); break;
      case Job::Kind::kPage:
        if (p.draft && !options.include_drafts) break;
        out.pages.push_back(std::move(p));
        break;
    }
  }
  return out;
}

}  // namespace kapstok::content
