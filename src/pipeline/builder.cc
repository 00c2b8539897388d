#include "pipeline/builder.h"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "base/text.h"
#include "base/timing.h"
#include "content/loader.h"
#include "pipeline/anchor_check.h"
#include "pipeline/search_docs.h"
#include "pipeline/stages.h"
#include "print/handout.h"
#include "reflect/reflect_page.h"
#include "render/feeds.h"
#include "render/site_renderer.h"
#include "search/search_index.h"

namespace kapstok::pipeline {

namespace {

void Put(SiteFiles::Map* site, OutputFile f) {
  (*site)[f.path] = std::make_shared<const std::string>(std::move(f.bytes));
}

}  // namespace

Builder::Builder(const FileSystem& fs, BuildOptions options)
    : fs_(fs), options_(std::move(options)) {}

Builder::~Builder() {
  if (retiring_.joinable()) retiring_.join();
}

bool Builder::BuildAll(DiagnosticSink* sink) {
  bool ok = Run(true, {}, sink);
  if (!ok) pending_all_ = true;
  return ok;
}

bool Builder::Rebuild(const std::vector<std::string>& changed, DiagnosticSink* sink) {
  bool full = !model_;
  for (const std::string& path : changed)
    if (!StartsWith(path, "content/")) full = true;  // kapstok.yaml, templates/, themes/
  if (!full && !changed.empty()) {
    bool handled = false;
    bool ok = Patch(changed, sink, &handled);
    if (handled) return ok;
  }
  bool ok = Run(full, changed, sink);
  if (!ok) {
    if (changed.empty()) pending_all_ = true;
    pending_.insert(changed.begin(), changed.end());
  }
  return ok;
}

bool Builder::LoadConfigAndTheme(DiagnosticSink* sink) {
  const std::string& dir = options_.project_dir;
  const std::string config_path = JoinPath(dir, "kapstok.yaml");
  std::string config_text;
  status_ = fs_.ReadFile(config_path, &config_text);
  if (!status_.ok()) return false;
  std::optional<config::SiteConfig> config = config::ParseConfig(config_text, config_path, sink);
  if (!config) return false;
  if (!options_.base_url.empty()) {
    config->base_url = options_.base_url;
    if (config->base_url.back() != '/') config->base_url += '/';
  }
  config_ = std::make_unique<config::SiteConfig>(std::move(*config));
  theme_ = render::LoadTheme(fs_, JoinPath(dir, "templates"), JoinPath(dir, "themes/default"),
                             config_->language, sink);
  if (theme_) CopyTree(fs_, theme_->assets_dir, "assets", &assets_, sink);
  return true;
}

// One line per thing a page's Markdown can link to or cite, tagged by kind.
std::string Builder::LinkUniverse(const content::LoadedContent& loaded) const {
  std::string u;
  for (const content::ParsedPage& p : loaded.pages) {
    u += "page " + p.rel_path;
    if (p.type && p.type->id == config_->citations) u += "\t" + p.title;  // citation text
    u += '\n';
  }
  for (const std::string& b : loaded.broken_paths) u += "broken " + b + '\n';
  for (const content::StaticFile& f : loaded.static_files) u += "static " + f.rel_path + '\n';
  for (const content::ParsedPage& p : loaded.list_intros) u += "intro " + p.rel_path + '\n';
  u += loaded.home ? "home\n" : "no home\n";
  return u;
}

namespace {

// True when every line of `before` is a line of `after`: pages, files and
// citation titles were only added. A good build's Markdown links to nothing
// that does not exist (that is an error), so it renders the same after.
bool OnlyAdded(const std::string& before, const std::string& after) {
  std::set<std::string_view> lines;
  std::string_view a = after;
  for (size_t at = 0, nl; at < a.size(); at = nl + 1) {
    nl = a.find('\n', at);
    lines.insert(a.substr(at, nl - at));
  }
  std::string_view b = before;
  for (size_t at = 0, nl; at < b.size(); at = nl + 1) {
    nl = b.find('\n', at);
    if (!lines.count(b.substr(at, nl - at))) return false;
  }
  return true;
}

}  // namespace

void Builder::AddShownBy(const model::SiteModel& model, const std::set<const model::Page*>& pages,
                         std::set<std::string>* out) {
  if (pages.empty()) return;
  std::set<std::pair<std::string, std::string>> keys;  // (type id, page id) of `pages`
  for (const model::Page* p : pages) {
    keys.emplace(p->type()->id, p->id());
    for (const model::ResolvedRelation& rr : p->relations)
      for (const model::Page* t : rr.targets) out->insert(t->src.rel_path);
    for (const model::Backlinks& b : p->backlinks)
      for (const model::Page* t : b.pages) out->insert(t->src.rel_path);
  }
  for (const auto& q : model.pages()) {
    for (const model::Page* s : q->sources)
      if (pages.count(s)) out->insert(q->src.rel_path);
    for (const config::FieldDef& f : q->type()->fields) {
      if (f.type != config::FieldType::kMap) continue;
      auto it = q->src.fields.find(f.name);
      if (it == q->src.fields.end()) continue;
      for (const auto& [key, items] : it->second.entries)
        if (keys.count({f.keys, key})) out->insert(q->src.rel_path);
    }
  }
}

// The changed pages and, for those whose front matter changed, the pages
// that show them (AddShownBy) in the new model and in the previous one: a
// removed relation re-renders its old target, a removed citation or map key
// the page that had it.
std::set<std::string> Builder::DirtyPages(const model::SiteModel& model,
                                          const std::set<std::string>& changed,
                                          const std::set<std::string>& front_matter_changed) const {
  std::set<std::string> dirty = changed;
  for (const model::SiteModel* m : std::vector<const model::SiteModel*>{&model, model_.get()}) {
    std::set<const model::Page*> pages;
    for (const std::string& path : front_matter_changed)
      if (const model::Page* p = m->FindByPath(path); p && p->src.rel_path == path && p->type())
        pages.insert(p);
    AddShownBy(*m, pages, &dirty);
  }
  return dirty;
}

void Builder::Retire(std::unique_ptr<model::SiteModel> model) {
  if (retiring_.joinable()) retiring_.join();
  retiring_ = std::thread([m = std::move(model)]() mutable { m.reset(); });
}

bool Builder::Run(bool full, const std::vector<std::string>& changed, DiagnosticSink* sink) {
  const auto start = std::chrono::steady_clock::now();
  stats_ = RebuildStats{};
  StageTimer timer(&stats_.phases);  // KAPSTOK_TIMING=1: on stderr too
  auto phase = [&](const char* name) { timer.Mark(name); };
  stats_.full = full;
  status_ = Status();
  const std::string content_dir = JoinPath(options_.project_dir, "content");
  if (full) {
    // Everything below points into the configuration: drop it all, and wait
    // for the thread freeing an older model (Retire), whose pages point into
    // config_ too, before LoadConfigAndTheme replaces config_ and theme_.
    if (retiring_.joinable()) retiring_.join();
    views_.reset();
    model_.reset();
    memo_.clear();
    universe_.clear();
    assets_.clear();
    parse_cache_.Clear();
    if (!LoadConfigAndTheme(sink)) return false;
  } else if (changed.empty()) {
    parse_cache_.MarkAllStale();
  } else {
    for (const std::string& path : changed) parse_cache_.MarkStale(path.substr(8));
  }

  // Content, through the parse cache. Its diagnostics (and the model's) are
  // kept for in-place rebuilds.
  DiagnosticSink stage;
  content::LoadOptions load;
  load.include_drafts = options_.drafts;
  load.cache = &parse_cache_;
  parse_cache_.TakeParseCount();
  content::LoadedContent loaded = content::LoadContent(fs_, content_dir, *config_, load, &stage);
  stats_.files_parsed = parse_cache_.TakeParseCount();
  phase("load");

  // Model, reusing the Markdown of unchanged pages while links resolve alike.
  const std::string universe = LinkUniverse(loaded);
  const bool reuse = !full && (universe == universe_ || OnlyAdded(universe_, universe));
  std::map<std::string, PageMemo> fresh;
  std::vector<std::pair<model::Page*, model::Page*>> moved;  // (new, old)
  std::mutex mu;
  model::ModelOptions model_options;
  model_options.reuse = [&](model::Page* p, std::vector<std::string>* cited,
                            DiagnosticSink* s) {
    if (!reuse) return false;
    const model::Page* old = p->type() ? model_->FindByPath(p->src.rel_path) : model_->home();
    auto memo = memo_.find(p->src.rel_path);
    if (!old || old->src.rel_path != p->src.rel_path || old->src.source != p->src.source ||
        memo == memo_.end())
      return false;  // changed, new, or a list intro (not kept in the model)
    // The Builder owns model_ and nothing reads it during the rebuild; the
    // rendered HTML moves back on failure (see restore below).
    model::Page* o = const_cast<model::Page*>(old);
    p->body = std::move(o->body);
    p->text_html = std::move(o->text_html);
    p->list_html = std::move(o->list_html);
    p->map_html = std::move(o->map_html);
    *cited = memo->second.cited;
    for (const Diagnostic& d : memo->second.diagnostics) s->Report(d);
    std::lock_guard<std::mutex> lock(mu);
    moved.emplace_back(p, o);
    return true;
  };
  model_options.rendered = [&](const model::Page& p, const std::vector<std::string>& cited,
                               const std::vector<Diagnostic>& diagnostics) {
    std::lock_guard<std::mutex> lock(mu);
    fresh[p.src.rel_path] = PageMemo{cited, diagnostics};
  };
  std::map<std::string, std::string> intros;  // list intros are not kept in the model
  for (const content::ParsedPage& p : loaded.list_intros) intros[p.rel_path] = p.source;
  std::unique_ptr<model::SiteModel> model =
      model::BuildModel(std::move(loaded), *config_, &stage, model_options);
  std::vector<Diagnostic> content_diagnostics = stage.Sorted();
  for (const Diagnostic& d : content_diagnostics) sink->Report(d);
  // On failure the previous model gets its rendered Markdown back.
  auto restore = [&] {
    for (auto& [p, o] : moved) {
      o->body = std::move(p->body);
      o->text_html = std::move(p->text_html);
      o->list_html = std::move(p->list_html);
      o->map_html = std::move(p->map_html);
    }
    return false;
  };
  stats_.markdown_rendered = fresh.size();
  phase("model");
  if (sink->has_errors() || !theme_) return restore();

  // Which content pages to render: all, or the changed ones and their neighbours.
  std::set<std::string> changed_pages;
  for (const auto& [path, m] : fresh) changed_pages.insert(path);
  bool all_html = !reuse;
  bool site_pages = all_html || intros != intro_sources_;  // lists, matrices, home
  std::set<std::string> front_matter_changed;  // of content pages, new ones included
  for (const std::string& path : changed_pages) {
    const model::Page* p = model->FindByPath(path);
    if (!p || p->src.rel_path != path || !p->type()) {
      if (path == "index.md") site_pages = true;  // the home page's text
      continue;
    }
    const model::Page* before = model_ ? model_->FindByPath(path) : nullptr;
    // A page shows another only through its front matter (title, summary,
    // relations, fields, order): a body-only edit affects no other page.
    if (before && before->src.rel_path == path &&
        p->src.front_matter() == before->src.front_matter())
      continue;
    front_matter_changed.insert(path);
    site_pages = true;  // lists, home and matrices show titles, summaries and map fields
    if (!p->type()->list) all_html = true;  // its title is shown in every page's frame
  }
  std::set<std::string> dirty;
  if (!all_html) dirty = DirtyPages(*model, changed_pages, front_matter_changed);
  auto views = std::make_unique<render::SharedViews>(*model, *theme_);
  phase("dirty");
  std::function<bool(const std::string&)> all_site_pages;
  if (site_pages) all_site_pages = [](const std::string&) { return true; };
  OutputFiles files = RenderPages(*model, *views, all_html ? nullptr : &dirty, all_site_pages,
                                  universe != universe_, sink);
  phase("pages");
  stats_.phases += " (" + render_detail_ + ")";
  // Static files: all when the set may differ, else only the changed ones.
  // A failed rebuild's files (pending_) count as changed too.
  std::set<std::string> changed_set(changed.begin(), changed.end());
  changed_set.insert(pending_.begin(), pending_.end());
  for (const content::StaticFile& f : model->static_files()) {
    if (!all_html && !pending_all_ && !changed.empty() &&
        !changed_set.count("content/" + f.rel_path))
      continue;
    OutputFile out{f.rel_path, {}};
    if (Status s = fs_.ReadFile(f.source_path, &out.bytes); !s.ok()) {
      sink->Error({f.source_path, 0, 0}, s.message());
      continue;
    }
    files.push_back(std::move(out));
  }
  if (sink->has_errors()) return restore();
  Publish(std::move(files), all_html, full);
  phase("site");

  // Remember this good build.
  if (reuse) {
    for (auto& [path, m] : fresh) memo_[path] = std::move(m);
  } else {
    memo_ = std::move(fresh);
  }
  universe_ = universe;
  intro_sources_ = std::move(intros);
  content_diagnostics_ = std::move(content_diagnostics);
  pending_.clear();
  pending_all_ = false;
  views_ = std::move(views);
  Retire(std::move(model_));
  model_ = std::move(model);
  phase("remember");
  search_stale_ = true;
  if (full) UpdateSearchIndex();
  ReportBrokenAnchors(sink);
  stats_.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return true;
}

OutputFiles Builder::RenderPages(const model::SiteModel& model, const render::SharedViews& views,
                                 const std::set<std::string>* dirty,
                                 const std::function<bool(const std::string&)>& site_pages,
                                 bool sitemap, DiagnosticSink* sink) {
  render::RenderOptions render_options;
  print::PrintOptions print_options{false};
  render_options.decorate_page = print::PageDecorator(model, print_options);
  if (dirty)
    render_options.only_pages = [&](const model::Page& p) { return dirty->count(p.src.rel_path) > 0; };
  render_options.skip_site_pages = !site_pages;
  render_options.only_site_pages = site_pages;
  auto t0 = std::chrono::steady_clock::now();
  OutputFiles files = render::RenderSite(views, render_options);
  auto t1 = std::chrono::steady_clock::now();
  for (OutputFile& f : reflect::RenderReflection(model, *theme_, sink)) files.push_back(std::move(f));
  for (OutputFile& f : print::RenderHandouts(model, *theme_, print_options, sink))
    files.push_back(std::move(f));
  auto t2 = std::chrono::steady_clock::now();
  for (const auto& p : model.pages())
    if (!dirty || dirty->count(p->src.rel_path)) stats_.rendered_paths.push_back(p->url + "index.html");
  std::sort(stats_.rendered_paths.begin(), stats_.rendered_paths.end());
  stats_.pages_rendered = stats_.rendered_paths.size();
  // Sitemap and feed. The sitemap lists every page path, so it changes only
  // with the set of pages; the feed shows titles and dates: always renew it.
  if (!dirty) {
    render::AppendFeeds(model, &files);
  } else if (sitemap) {  // pages were added: list the previous site's pages too
    std::set<std::string> paths;
    if (site_)
      for (const auto& [path, bytes] : site_->Files())
        if (EndsWith(path, "index.html")) paths.insert(path);
    for (const OutputFile& f : files)
      if (EndsWith(f.path, "index.html")) paths.insert(f.path);
    OutputFiles feeds;
    for (const std::string& path : paths) feeds.push_back({path, {}});
    const size_t stubs = feeds.size();
    render::AppendFeeds(model, &feeds);
    for (size_t i = stubs; i < feeds.size(); ++i) files.push_back(std::move(feeds[i]));
  } else {
    OutputFiles feeds;
    render::AppendFeeds(model, &feeds);
    for (OutputFile& f : feeds)
      if (f.path == "feed.xml") files.push_back(std::move(f));
  }
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  char buf[96];
  std::snprintf(buf, sizeof buf, "html %.0f ms + reflect/handouts %.0f ms + feeds %.0f ms",
                ms(t0, t1), ms(t1, t2), ms(t2, std::chrono::steady_clock::now()));
  render_detail_ = buf;
  return files;
}

void Builder::ReportBrokenAnchors(DiagnosticSink* sink) const {
  if (!model_ || !site_) return;
  AnchorCheck anchors(*model_);
  if (anchors.empty()) return;
  for (const std::string& path : anchors.Targets())
    if (SiteFiles::Bytes bytes = site_->Find(path)) anchors.Record(path, *bytes);
  anchors.Report(sink);
}

void Builder::Publish(OutputFiles files, bool all_new, bool full) {
  SiteFiles::Map map;
  if (all_new) {
    for (const OutputFile& f : assets_) Put(&map, f);
    if (site_ && !full)
      for (const std::string& path : search_paths_)
        if (SiteFiles::Bytes bytes = site_->Find(path)) map[path] = std::move(bytes);
  }
  for (OutputFile& f : files) Put(&map, std::move(f));
  site_ = all_new ? std::make_shared<const SiteFiles>(std::move(map))
                  : std::make_shared<const SiteFiles>(*site_, std::move(map));
}

void Builder::UpdateSearchIndex() {
  if (!search_stale_ || !model_ || !site_) return;
  OutputFiles index =
      search::BuildIndex(SearchDocuments(*model_), search::Options{config_->language});
  SiteFiles::Map changes;
  for (const std::string& path : search_paths_) changes[path] = nullptr;
  search_paths_.clear();
  for (OutputFile& f : index) {
    search_paths_.insert(f.path);
    Put(&changes, std::move(f));
  }
  site_ = std::make_shared<const SiteFiles>(*site_, std::move(changes));
  search_stale_ = false;
}

}  // namespace kapstok::pipeline
