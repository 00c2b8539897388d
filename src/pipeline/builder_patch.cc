// Builder::Patch, the in-place rebuild of `kapstok serve` (see builder.h):
// when only existing content pages were modified, parses just those files,
// patches them into the kept model (model::SiteModel::ReplacePages) and
// renders only the pages that show them. Owned by the `pipeline` stage.
#include "pipeline/builder.h"

#include <chrono>

#include "base/text.h"
#include "base/timing.h"
#include "content/loader.h"
#include "render/site_renderer.h"

namespace kapstok::pipeline {

bool Builder::Patch(const std::vector<std::string>& changed, DiagnosticSink* sink,
                    bool* handled) {
  *handled = false;
  if (!model_ || !views_ || !theme_ || !site_ || pending_all_) return false;
  const auto start = std::chrono::steady_clock::now();
  RebuildStats stats;
  StageTimer timer(&stats.phases);  // KAPSTOK_TIMING=1: on stderr too
  auto phase = [&](const char* name) { timer.Mark(name); };
  // Applies only when every changed file (and every file a failed rebuild
  // left behind) is an existing content page that still exists.
  std::set<std::string> paths = pending_;
  paths.insert(changed.begin(), changed.end());
  std::vector<model::Page*> pages;
  for (const std::string& path : paths) {
    if (!StartsWith(path, "content/") || !EndsWith(path, ".md")) return false;
    const model::Page* p = model_->FindByPath(path.substr(8));
    if (!p || p->src.rel_path != path.substr(8) || !p->type()) return false;  // new, home, intro
    if (!fs_.IsFile(p->src.path)) return false;                               // removed
    pages.push_back(const_cast<model::Page*>(p));
  }
  for (const std::string& path : changed) parse_cache_.MarkStale(path.substr(8));

  // Parse the changed files.
  DiagnosticSink fresh;  // the diagnostics of these files' parse and Markdown
  content::LoadOptions load;
  load.include_drafts = options_.drafts;
  load.cache = &parse_cache_;
  parse_cache_.TakeParseCount();
  const std::string content_dir = JoinPath(options_.project_dir, "content");
  std::vector<content::ParsedPage> sources;
  bool broken = false;
  for (model::Page* p : pages) {
    std::optional<content::ParsedPage> src = content::LoadPage(
        fs_, content_dir, p->src.rel_path, p->id(), p->type(), load, &fresh);
    if (!src) {
      broken = true;
      continue;
    }
    if (src->draft && !options_.drafts) return false;  // leaves the site
    // A citable page's title is shown wherever it is cited: re-render all.
    if (p->type()->id == config_->citations && src->title != p->title()) return false;
    if (src->source != p->src.source) sources.push_back(std::move(*src));
  }
  *handled = true;
  stats.files_parsed = parse_cache_.TakeParseCount();
  stats.patched = true;
  phase("load");
  // The other pages' diagnostics, as a full build would report them again.
  std::set<std::string> touched;
  for (const model::Page* p : pages) touched.insert(p->src.path);
  auto report = [&](DiagnosticSink* to) {
    for (const Diagnostic& d : content_diagnostics_)
      if (!touched.count(d.location.path)) to->Report(d);
    for (const Diagnostic& d : fresh.Sorted()) to->Report(d);
  };
  std::vector<model::PageChange> changes;
  if (broken || !model_->ReplacePages(std::move(sources), &fresh, &changes)) {
    report(sink);
    pending_ = std::move(paths);
    stats_ = std::move(stats);
    return false;
  }
  stats.markdown_rendered = changes.size();
  phase("model");

  // What shows the changed pages. The model was patched in place, so unlike
  // DirtyPages (a re-link) there is no previous model to ask what showed a
  // page before: of the pages that show P (AddShownBy), only P's relation
  // targets follow from P's own front matter (PageChange::old_targets keeps
  // the old ones); its backlinks, citations and map keys come from other
  // pages, which are either unchanged or in `changes` themselves.
  std::set<std::string> dirty;
  std::set<const model::Page*> front_matter_changed;
  std::set<std::string> site_paths;
  const size_t list_size = render::kListPageSize;
  bool all_html = false;
  for (const model::PageChange& c : changes) {
    const model::Page* p = c.page;
    memo_[p->src.rel_path] = PageMemo{c.cited, c.diagnostics};
    views_->Refresh(p);
    dirty.insert(p->src.rel_path);
    if (!c.front_matter_changed) continue;
    front_matter_changed.insert(p);
    const config::TypeDef& type = *p->type();
    if (!type.list) all_html = true;  // its title is shown in every page's frame
    for (const model::Page* t : c.old_targets) dirty.insert(t->src.rel_path);
    if (type.list) {  // the list pages from its old place to its new one shift
      size_t lo = std::min(c.old_index, c.new_index) / list_size;
      size_t hi = std::max(c.old_index, c.new_index) / list_size;
      for (size_t k = lo; k <= hi; ++k)
        site_paths.insert(render::ListPageUrl(type, k) + "index.html");
    }
    const config::SiteConfig& config = *config_;
    if (!type.list || (!config.menu.empty() && config.menu.front() == type.id))
      site_paths.insert("index.html");
    for (const config::MatrixDef& m : config.matrices)
      if (m.rows == type.id || m.columns == type.id) site_paths.insert(m.slug + "/index.html");
  }
  AddShownBy(*model_, front_matter_changed, &dirty);
  phase("dirty");
  // Every page shows an unlisted page (all_html): the list, home and matrix
  // pages too, and the sitemap is then made from the whole site.
  std::function<bool(const std::string&)> site_pages;
  if (all_html)
    site_pages = [](const std::string&) { return true; };
  else if (!site_paths.empty())
    site_pages = [&](const std::string& path) { return site_paths.count(path) > 0; };
  stats_ = RebuildStats{};
  OutputFiles files =
      RenderPages(*model_, *views_, all_html ? nullptr : &dirty, site_pages, false, sink);
  stats.rendered_paths = std::move(stats_.rendered_paths);
  stats.pages_rendered = stats.rendered_paths.size();
  phase("pages");
  stats.phases += " (" + render_detail_ + ")";
  Publish(std::move(files), false, false);
  phase("site");

  // Remember: the content diagnostics with these files' new ones.
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : content_diagnostics_)
    if (!touched.count(d.location.path)) kept.push_back(std::move(d));
  for (const Diagnostic& d : fresh.Sorted()) kept.push_back(d);
  content_diagnostics_ = std::move(kept);
  for (const Diagnostic& d : content_diagnostics_) sink->Report(d);
  ReportBrokenAnchors(sink);
  pending_.clear();
  search_stale_ = true;
  stats_ = std::move(stats);
  stats_.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return true;
}

}  // namespace kapstok::pipeline
