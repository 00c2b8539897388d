#include "pipeline/builder.h"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "base/text.h"
#include "content/loader.h"
#include "pipeline/search_docs.h"
#include "pipeline/stages.h"
#include "print/handout.h"
#include "reflect/reflect_page.h"
#include "render/feeds.h"
#include "render/site_renderer.h"
#include "search/search_index.h"

namespace kapstok::pipeline {

namespace {

// The rel_paths of the pages whose titles, summaries or URLs `page`'s view
// shows: relation targets, backlinks, sources and map-field keys.
std::set<std::string> RefsOf(const model::SiteModel& model, const model::Page& page) {
  std::set<std::string> refs;
  for (const model::ResolvedRelation& rr : page.relations)
    for (const model::Page* t : rr.targets) refs.insert(t->src.rel_path);
  for (const model::Backlinks& b : page.backlinks)
    for (const model::Page* t : b.pages) refs.insert(t->src.rel_path);
  for (const model::Page* t : page.sources) refs.insert(t->src.rel_path);
  for (const config::FieldDef& f : page.type()->fields) {
    if (f.type != config::FieldType::kMap) continue;
    auto it = page.src.fields.find(f.name);
    if (it == page.src.fields.end()) continue;
    for (const auto& [key, items] : it->second.entries)
      if (const model::Page* k = model.Find(f.keys, key)) refs.insert(k->src.rel_path);
  }
  return refs;
}

void Put(SiteFiles* site, OutputFile f) {
  (*site)[f.path] = std::make_shared<const std::string>(std::move(f.bytes));
}

}  // namespace

Builder::Builder(const FileSystem& fs, BuildOptions options)
    : fs_(fs), options_(std::move(options)) {}

Builder::~Builder() = default;

bool Builder::BuildAll(DiagnosticSink* sink) { return Run(true, {}, sink); }

bool Builder::Rebuild(const std::vector<std::string>& changed, DiagnosticSink* sink) {
  bool full = !model_;
  for (const std::string& path : changed)
    if (!StartsWith(path, "content/")) full = true;  // kapstok.yaml, templates/, themes/
  return Run(full, changed, sink);
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

std::string Builder::LinkUniverse(const content::LoadedContent& loaded) const {
  std::string u;
  for (const content::ParsedPage& p : loaded.pages) {
    u += p.rel_path;
    if (p.type && p.type->id == config_->citations) u += "\t" + p.title;  // citation text
    u += '\n';
  }
  u += "broken\n";
  for (const std::string& b : loaded.broken_paths) u += b + '\n';
  u += "static\n";
  for (const content::StaticFile& f : loaded.static_files) u += f.rel_path + '\n';
  u += "intros\n";
  for (const content::ParsedPage& p : loaded.list_intros) u += p.rel_path + '\n';
  u += loaded.home ? "home\n" : "no home\n";
  return u;
}

std::set<std::string> Builder::DirtyPages(const model::SiteModel& model,
                                          const std::set<std::string>& changed) const {
  std::set<std::string> dirty;
  for (const auto& p : model.pages()) {
    if (changed.count(p->src.rel_path)) {
      dirty.insert(p->src.rel_path);
      continue;
    }
    for (const std::string& r : RefsOf(model, *p))
      if (changed.count(r)) dirty.insert(p->src.rel_path);
  }
  for (const auto& [page, refs] : refs_)  // what the pages showed before the change
    for (const std::string& r : refs)
      if (changed.count(r)) dirty.insert(page);
  return dirty;
}

void Builder::RecordRefs(const model::SiteModel& model) {
  refs_.clear();
  for (const auto& p : model.pages()) refs_[p->src.rel_path] = RefsOf(model, *p);
}

bool Builder::Run(bool full, const std::vector<std::string>& changed, DiagnosticSink* sink) {
  const auto start = std::chrono::steady_clock::now();
  auto phase_start = start;
  stats_ = RebuildStats{};
  auto phase = [&](const char* name) {
    auto now = std::chrono::steady_clock::now();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s %.0f ms", stats_.phases.empty() ? "" : ", ", name,
                  std::chrono::duration<double, std::milli>(now - phase_start).count());
    stats_.phases += buf;
    phase_start = now;
  };
  stats_.full = full;
  status_ = Status();
  const std::string content_dir = JoinPath(options_.project_dir, "content");
  if (full) {
    // Everything below points into the configuration: drop it all.
    model_.reset();
    memo_.clear();
    refs_.clear();
    universe_.clear();
    assets_.clear();
    parse_cache_.Clear();
    if (!LoadConfigAndTheme(sink)) return false;
  } else if (changed.empty()) {
    parse_cache_.MarkAllStale();
  } else {
    for (const std::string& path : changed) parse_cache_.MarkStale(path.substr(8));
  }

  // Content, through the parse cache.
  content::LoadOptions load;
  load.include_drafts = options_.drafts;
  load.cache = &parse_cache_;
  parse_cache_.TakeParseCount();
  content::LoadedContent loaded = content::LoadContent(fs_, content_dir, *config_, load, sink);
  stats_.files_parsed = parse_cache_.TakeParseCount();
  phase("load");

  // Model, reusing the Markdown of unchanged pages while links resolve alike.
  const std::string universe = LinkUniverse(loaded);
  const bool reuse = !full && universe == universe_;
  std::map<std::string, PageMemo> fresh;
  std::mutex fresh_mu;
  model::ModelOptions model_options;
  model_options.reuse = [&](const model::Page& p) -> const model::RenderedMarkdown* {
    if (!reuse) return nullptr;
    auto it = memo_.find(p.src.rel_path);
    if (it == memo_.end() || it->second.source != p.src.source) return nullptr;
    return &it->second.markdown;
  };
  model_options.rendered = [&](const model::Page& p, const model::RenderedMarkdown& r) {
    std::lock_guard<std::mutex> lock(fresh_mu);
    fresh[p.src.rel_path] = PageMemo{p.src.source, r};
  };
  std::unique_ptr<model::SiteModel> model =
      model::BuildModel(std::move(loaded), *config_, sink, model_options);
  stats_.markdown_rendered = fresh.size();
  phase("model");
  if (sink->has_errors() || !theme_) return false;

  // Which content pages to render: all, or the changed ones and their neighbours.
  std::set<std::string> changed_pages;
  for (const auto& [path, m] : fresh) changed_pages.insert(path);
  bool all_html = !reuse;
  for (const std::string& path : changed_pages) {
    const model::Page* p = model->FindByPath(path);
    if (p && p->type() && !p->type()->list) all_html = true;  // shown in every page's frame
  }
  std::set<std::string> dirty;
  if (!all_html) dirty = DirtyPages(*model, changed_pages);

  render::RenderOptions render_options;
  print::PrintOptions print_options{false};
  render_options.decorate_page = print::PageDecorator(*model, print_options);
  if (!all_html)
    render_options.only_pages = [&](const model::Page& p) { return dirty.count(p.src.rel_path) > 0; };
  phase("dirty");
  OutputFiles files = render::RenderSite(*model, *theme_, render_options);
  phase("pages");
  for (OutputFile& f : reflect::RenderReflection(*model, *theme_, sink)) files.push_back(std::move(f));
  for (OutputFile& f : print::RenderHandouts(*model, *theme_, print_options, sink))
    files.push_back(std::move(f));
  phase("reflect+handouts");
  for (const auto& p : model->pages())
    if (all_html || dirty.count(p->src.rel_path)) stats_.rendered_paths.push_back(p->url + "index.html");
  std::sort(stats_.rendered_paths.begin(), stats_.rendered_paths.end());
  stats_.pages_rendered = stats_.rendered_paths.size();

  // Sitemap and feed: from every page path (unchanged when only some pages were rendered).
  if (all_html) {
    page_paths_.clear();
    for (const OutputFile& f : files) page_paths_.push_back(f.path);
    render::AppendFeeds(*model, &files);
  } else {
    OutputFiles paths;
    for (const std::string& path : page_paths_) paths.push_back({path, {}});
    render::AppendFeeds(*model, &paths);
    for (size_t i = page_paths_.size(); i < paths.size(); ++i) files.push_back(std::move(paths[i]));
  }

  phase("feeds");
  // Static files: all when the set may differ, else only the changed ones.
  std::set<std::string> changed_set(changed.begin(), changed.end());
  for (const content::StaticFile& f : model->static_files()) {
    if (!all_html && !changed.empty() && !changed_set.count("content/" + f.rel_path)) continue;
    OutputFile out{f.rel_path, {}};
    if (Status s = fs_.ReadFile(f.source_path, &out.bytes); !s.ok()) {
      sink->Error({f.source_path, 0, 0}, s.message());
      continue;
    }
    files.push_back(std::move(out));
  }
  if (sink->has_errors()) return false;

  // The new site: the previous one with these files replaced, or all new.
  auto site = std::make_shared<SiteFiles>();
  if (all_html) {
    for (const OutputFile& f : assets_) Put(site.get(), f);
    if (site_ && !full)
      for (const std::string& path : search_paths_)
        if (auto it = site_->find(path); it != site_->end()) (*site)[path] = it->second;
  } else {
    *site = *site_;
  }
  for (OutputFile& f : files) Put(site.get(), std::move(f));
  site_ = std::move(site);
  phase("site");

  // Remember this good build.
  if (reuse) {
    for (auto& [path, m] : fresh) memo_[path] = std::move(m);
  } else {
    memo_ = std::move(fresh);
  }
  universe_ = universe;
  RecordRefs(*model);
  model_ = std::move(model);
  phase("remember");
  search_stale_ = true;
  if (full) UpdateSearchIndex();
  stats_.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return true;
}

void Builder::UpdateSearchIndex() {
  if (!search_stale_ || !model_ || !site_) return;
  OutputFiles index =
      search::BuildIndex(SearchDocuments(*model_), search::Options{config_->language});
  auto site = std::make_shared<SiteFiles>(*site_);
  for (const std::string& path : search_paths_) site->erase(path);
  search_paths_.clear();
  for (OutputFile& f : index) {
    search_paths_.insert(f.path);
    Put(site.get(), std::move(f));
  }
  site_ = std::move(site);
  search_stale_ = false;
}

}  // namespace kapstok::pipeline
