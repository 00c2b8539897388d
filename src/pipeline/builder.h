// Builder keeps a site in memory between builds so that `kapstok serve` can
// rebuild after an edit without redoing everything. It remembers each
// content file's parse (content::ParseCache) and each page's rendered
// Markdown, keeps the last good site as a map path -> bytes, and re-renders
// HTML only for the pages whose view can show a changed page: the page
// itself and every page it relates to, is related from, cites or is cited
// by, before and after the change, plus the list, home and matrix pages that
// show it, and the reflection and handout pages.
//
// When only existing content pages were modified (the common edit), the
// model is patched in place (model::SiteModel::ReplacePages): only those
// files are read and parsed and only their Markdown is rendered. Otherwise
// (files added or removed, a citable page's title changed, an unknown set of
// changes) the content is loaded through the parse cache, the model re-linked
// and Markdown re-rendered only for changed pages (for all pages when the
// set of files or a citable page's title changed: links and citations
// depend on them). A change to kapstok.yaml, templates/ or themes/ rebuilds
// everything. The search index is rebuilt separately (UpdateSearchIndex) so
// that it does not delay the page reload.
//
// After Rebuild() and UpdateSearchIndex() the site equals Build()'s output
// byte for byte (tests/serve/builder_test.cc checks this). Not thread-safe:
// one thread drives a Builder; published sites are immutable snapshots that
// any thread may read. Owned by the `pipeline` stage.
#ifndef KAPSTOK_PIPELINE_BUILDER_H_
#define KAPSTOK_PIPELINE_BUILDER_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "config/config.h"
#include "content/parse_cache.h"
#include "model/site_model.h"
#include "pipeline/build.h"
#include "pipeline/site_files.h"
#include "render/theme.h"
#include "render/views.h"

namespace kapstok::pipeline {

struct RebuildStats {
  bool full = false;            // configuration, theme and every page
  size_t files_parsed = 0;      // content files parsed (not taken from the cache)
  size_t markdown_rendered = 0; // pages whose Markdown was rendered
  size_t pages_rendered = 0;    // content pages rendered to HTML
  bool patched = false;         // the model was patched in place
  std::vector<std::string> rendered_paths;  // those pages' output paths, sorted
  double ms = 0;
  std::string phases;  // "load 12 ms, model 40 ms, ..." (a StageTimer's summary)
};

class Builder {
 public:
  // `fs` must outlive the Builder. options.write and options.pdf are ignored.
  Builder(const FileSystem& fs, BuildOptions options);
  ~Builder();

  // Builds everything. Returns false when there were errors (in *sink) or
  // an operational failure (status()); the last good site stays published.
  bool BuildAll(DiagnosticSink* sink);
  // Rebuilds after `changed` (paths relative to the project folder, e.g.
  // "content/kenmerken/x.md"; an empty list means "anything may have
  // changed": every content file is read again and compared). Same result
  // convention as BuildAll. Leaves the search index stale when pages changed.
  bool Rebuild(const std::vector<std::string>& changed, DiagnosticSink* sink);
  // Rebuilds the search index of the current site when it is stale.
  void UpdateSearchIndex();
  bool search_stale() const { return search_stale_; }

  // The last good site (null before the first successful build).
  std::shared_ptr<const SiteFiles> site() const { return site_; }
  const Status& status() const { return status_; }
  const RebuildStats& stats() const { return stats_; }

 private:
  struct PageMemo {  // what a reused page's Markdown rendering also produced
    std::vector<std::string> cited;
    std::vector<Diagnostic> diagnostics;
  };
  bool Run(bool full, const std::vector<std::string>& changed, DiagnosticSink* sink);
  // The in-place rebuild after `changed` (all modified content pages).
  // Returns false in *handled, having changed nothing, when it does not apply.
  bool Patch(const std::vector<std::string>& changed, DiagnosticSink* sink, bool* handled);
  // Renders the content pages in `dirty` (all when null), the site pages
  // (list, matrix, home) that `site_pages` accepts (none when null, all when
  // it accepts everything), the reflection and handout pages and the feed
  // (with the sitemap when dirty is null or `sitemap`).
  OutputFiles RenderPages(const model::SiteModel& model, const render::SharedViews& views,
                          const std::set<std::string>* dirty,
                          const std::function<bool(const std::string&)>& site_pages,
                          bool sitemap, DiagnosticSink* sink);
  // Publishes the previous site with `files` replaced, or (all_new) a site
  // of the theme assets and `files`, keeping the search index unless full.
  // Links to another page's #fragment, checked against the site just
  // published (pipeline/anchor_check.h): every rebuild, as any edit may add
  // or remove the heading a link of another page points to.
  void ReportBrokenAnchors(DiagnosticSink* sink) const;
  void Publish(OutputFiles files, bool all_new, bool full);
  bool LoadConfigAndTheme(DiagnosticSink* sink);
  std::string LinkUniverse(const content::LoadedContent& loaded) const;
  // The single answer to "which pages show page P": adds to *out the
  // content pages whose view shows the front matter of one of `pages` (of
  // `model`): their relation targets (they list it as a backlink), their
  // backlinks (they list it as a relation), pages citing them and pages with
  // a map field keyed by them. List, home and matrix pages are not included.
  static void AddShownBy(const model::SiteModel& model, const std::set<const model::Page*>& pages,
                         std::set<std::string>* out);
  // The content pages to render after a re-link: `changed` (pages whose
  // Markdown was rendered afresh) and what shows those of them in
  // `front_matter_changed`, in `model` and in model_ (the previous one).
  std::set<std::string> DirtyPages(const model::SiteModel& model,
                                   const std::set<std::string>& changed,
                                   const std::set<std::string>& front_matter_changed) const;
  void Retire(std::unique_ptr<model::SiteModel> model);

  const FileSystem& fs_;
  BuildOptions options_;
  Status status_;
  std::unique_ptr<config::SiteConfig> config_;
  std::unique_ptr<render::Theme> theme_;
  OutputFiles assets_;                 // theme assets, read on a full build
  content::ParseCache parse_cache_;
  // rel_path -> citations and diagnostics of its Markdown in the last good
  // build; the rendered HTML itself is moved out of model_ when reused.
  std::map<std::string, PageMemo> memo_;
  std::map<std::string, std::string> intro_sources_;  // list intros of the last good build
  std::string universe_;               // LinkUniverse of the last good build
  std::unique_ptr<model::SiteModel> model_;  // of the last good build
  std::unique_ptr<render::SharedViews> views_;  // of model_ and theme_
  // Diagnostics of loading and linking the content in the last good build,
  // reported again by an in-place rebuild for the pages it does not touch.
  std::vector<Diagnostic> content_diagnostics_;
  // Content files changed since the last good build (a failed rebuild's);
  // when unknown (a failed rebuild of unnamed changes) pending_all_.
  std::set<std::string> pending_;
  bool pending_all_ = false;
  std::set<std::string> search_paths_;       // the search index's files in site_
  std::shared_ptr<const SiteFiles> site_;
  bool search_stale_ = false;
  RebuildStats stats_;
  std::string render_detail_;  // RenderPages' split, for RebuildStats::phases
  // Frees a replaced model off the rebuild's path. A model points into
  // config_ (its pages' types and relation definitions): joined before a
  // full build replaces config_ and theme_, and by the destructor.
  std::thread retiring_;
};

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_PIPELINE_BUILDER_H_
