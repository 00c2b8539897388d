#include "model/site_model.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/messages.h"
#include "base/parallel.h"
#include "base/text.h"
#include "base/timing.h"
#include "model/link_resolver.h"

namespace kapstok::model {

std::string RootFor(const std::string& url) {
  std::string root;
  for (char c : url)
    if (c == '/') root += "../";
  return root;
}

void AppendRelativeHref(std::string_view from_root, std::string_view to_url, std::string* out) {
  if (from_root.empty() && to_url.empty()) {
    out->append("./");
  } else {
    out->append(from_root).append(to_url);
  }
}

std::string RelativeHref(const std::string& from_root, const std::string& to_url) {
  std::string href;
  href.reserve(from_root.size() + to_url.size());
  AppendRelativeHref(from_root, to_url, &href);
  return href;
}

std::string Page::SummaryText() const {
  if (!src.type || src.type->summary.empty()) return {};
  auto it = src.fields.find(src.type->summary);
  return it == src.fields.end() ? std::string() : it->second.text;
}

const std::vector<const Page*>& SiteModel::PagesOfType(const std::string& type_id) const {
  static const std::vector<const Page*> kEmpty;
  auto it = by_type_.find(type_id);
  return it == by_type_.end() ? kEmpty : it->second;
}

const Page* SiteModel::Find(const std::string& type_id, const std::string& id) const {
  const config::TypeDef* t = config_->FindType(type_id);
  if (!t) return nullptr;
  return FindByPath(t->folder + "/" + id + ".md");
}

const Page* SiteModel::FindByPath(const std::string& rel_path) const {
  return by_path_.Find(rel_path);
}

const ListIntro* SiteModel::IntroFor(const std::string& type_id) const {
  auto it = intros_.find(type_id);
  return it == intros_.end() ? nullptr : &it->second;
}

namespace {

std::string UrlFor(const config::TypeDef& t, const std::string& slug) {
  std::string url = t.url;
  auto replace = [&](const std::string& key, const std::string& value) {
    for (size_t p = url.find(key); p != std::string::npos; p = url.find(key, p + value.size()))
      url.replace(p, key.size(), value);
  };
  replace("{folder}", t.folder);
  replace("{slug}", slug);
  return url;
}

// `id`, named at `location` (whose line is `source_line`), is no page of
// `target`.
void ReportUnknownTarget(const std::string& id, SourceLocation location,
                         std::string_view source_line, const config::TypeDef& target,
                         const std::vector<const Page*>& candidates, DiagnosticSink* sink) {
  std::vector<std::string> ids;
  ids.reserve(candidates.size());
  for (const Page* p : candidates) ids.push_back(p->id());
  std::string near = ClosestMatch(id, ids);
  Diagnostic d;
  d.location = std::move(location);
  d.source_line = std::string(source_line);
  d.message = Tr("relation.unknown-target", {target.id, id});
  d.hint = near.empty() ? Tr("relation.unknown-target.none", {target.id, target.folder})
                        : Tr("hint.did-you-mean", {near});
  d.code = "unknown-relation-target";
  sink->Report(std::move(d));
}

// A list item or map item is one line of inline Markdown: "3. Werken" must
// stay text, not become a numbered list starting at 3. Escapes what would
// open a block at the start of the line.
std::string InlineOnly(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  if (t.empty()) return {};
  size_t digits = 0;
  while (digits < t.size() && digits < 9 && t[digits] >= '0' && t[digits] <= '9') ++digits;
  auto opens_block = [&](size_t at) {
    return at + 1 >= t.size() || t[at + 1] == ' ' || t[at + 1] == '\t';
  };
  std::string out;
  if (digits > 0 && digits < t.size() && (t[digits] == '.' || t[digits] == ')') &&
      opens_block(digits)) {
    out.append(t.substr(0, digits));
    out += '\\';
    out.append(t.substr(digits));
    return out;
  }
  char c = t.front();
  if (c == '#' || c == '>' || c == '=' || ((c == '-' || c == '+' || c == '*') &&
      (opens_block(0) || t.find_first_not_of(c) == std::string_view::npos))) {
    out += '\\';
  }
  out.append(t);
  return out;
}

}  // namespace

// Site order within a type: order_by (numbers numerically), then title
// (diacritics folded), then id, so the order never depends on load order.
OrderKey MakeOrderKey(const content::ParsedPage& src) {
  OrderKey k;
  const config::TypeDef* t = src.type;
  if (t && !t->order_by.empty()) {
    auto f = src.fields.find(t->order_by);
    if (f != src.fields.end()) {
      k.has_field = true;
      k.numeric = f->second.type == config::FieldType::kInt;
      if (k.numeric) k.number = f->second.number;
      else k.text = FoldDiacritics(f->second.text);
    }
  }
  k.title = FoldDiacritics(src.title);
  return k;
}

bool SiteModel::SiteLess(const Page* a, const Page* b) const {
  if (a->type() != b->type()) return type_rank_.at(a->type()) < type_rank_.at(b->type());
  const OrderKey &x = a->order, &y = b->order;
  if (x.has_field != y.has_field) return x.has_field;
  if (x.has_field) {
    if (x.numeric) {
      if (x.number != y.number) return x.number < y.number;
    } else if (x.text != y.text) {
      return x.text < y.text;
    }
  }
  if (x.title != y.title) return x.title < y.title;
  return a->id() < b->id();
}

std::vector<ResolvedRelation> SiteModel::ResolveRelations(const Page& p,
                                                          DiagnosticSink* sink) const {
  const config::SiteConfig& config = *config_;
  std::vector<ResolvedRelation> out;
  out.reserve(p.type()->relations.size());
  std::string path;  // "<folder>/<id>.md" of a target, as Find() makes it (one buffer)
  auto path_of = [&](const config::TypeDef& type, const std::string& id) -> const std::string& {
    return path.assign(type.folder).append("/").append(id).append(".md");
  };
  for (const config::RelationDef& def : p.type()->relations) {
    ResolvedRelation rr{&def, {}};
    auto it = p.src.relations.find(def.name);
    if (it != p.src.relations.end()) {
      const config::TypeDef* target = config.FindType(def.target);
      // Each target once: a scan while the list is short (always, in
      // practice), a set beyond, so a hostile list of thousands stays linear.
      std::unordered_set<const Page*> seen;
      auto first_time = [&](const Page* t) {
        if (rr.targets.size() < 16)
          return std::find(rr.targets.begin(), rr.targets.end(), t) == rr.targets.end();
        if (seen.empty()) seen.insert(rr.targets.begin(), rr.targets.end());
        return seen.insert(t).second;
      };
      for (const content::RelationRef& ref : it->second) {
        const Page* t = FindByPath(path_of(*target, ref.id));
        if (!t) {
          if (broken_paths_.count(path)) continue;
          // The page's source is still there: relations resolve before
          // its Markdown renders (and frees it).
          ReportUnknownTarget(ref.id, p.src.At(ref.location), p.src.SourceLineAt(ref.location),
                              *target, PagesOfType(def.target), sink);
          continue;
        }
        if (first_time(t)) rr.targets.push_back(t);
      }
    }
    out.push_back(std::move(rr));
  }
  for (const config::FieldDef& f : p.type()->fields) {
    if (f.type != config::FieldType::kMap) continue;
    auto it = p.src.fields.find(f.name);
    if (it == p.src.fields.end()) continue;
    const config::TypeDef* keys = config.FindType(f.keys);
    for (size_t i = 0; i < it->second.entries.size(); ++i) {
      const std::string& key = it->second.entries[i].first;
      if (!FindByPath(path_of(*keys, key)) && !broken_paths_.count(path)) {
        const content::FilePosition& loc = it->second.entry_locations[i];
        ReportUnknownTarget(key, p.src.At(loc), LineOf(p.src.source, loc.line), *keys,
                            PagesOfType(f.keys), sink);
      }
    }
  }
  return out;
}

void SiteModel::RenderMarkdown(const Page& p, RenderedMarkdown* r, DiagnosticSink* sink) const {
  std::string dir = p.src.rel_path.find('/') == std::string::npos
                        ? ""
                        : p.src.rel_path.substr(0, p.src.rel_path.rfind('/'));
  PageLinkResolver resolver(by_path_, static_paths_, citable_, dir, p.root, &broken_paths_);
  markdown::Options opt;
  opt.path = p.src.path;
  opt.line_offset = p.src.body_line_offset;
  opt.allow_html = config_->allow_html;
  opt.source_text = p.src.source;
  r->body = markdown::Render(p.src.body(), opt, resolver, sink);
  std::vector<std::string>& cited = r->cited;
  cited = r->body.citations;
  const config::TypeDef* type = p.src.type;
  if (!type || p.src.id == "_index") return;
  for (const auto& [name, value] : p.src.fields) {
    markdown::Options fopt = opt;
    fopt.line_offset = std::max(0, value.location.line - 1);
    fopt.inline_only = value.type != config::FieldType::kText;
    auto render = [&](const std::string& text) {
      markdown::Rendered field = markdown::Render(text, fopt, resolver, sink);
      for (const std::string& c : field.citations) cited.push_back(c);
      return field.html;
    };
    switch (value.type) {
      case config::FieldType::kText: r->text_html[name] = render(value.text); break;
      case config::FieldType::kList:
        for (const std::string& item : value.items)
          r->list_html[name].push_back(render(InlineOnly(item)));
        break;
      case config::FieldType::kMap:
        for (const auto& [key, items] : value.entries) {
          std::vector<std::string> html;
          for (const std::string& item : items) html.push_back(render(InlineOnly(item)));
          r->map_html[name].emplace_back(key, std::move(html));
        }
        break;
      default: break;
    }
  }
}

// Sources: cited pages first (in order of citation), then the targets of
// relations to the citation type.
void SiteModel::SetSources(Page* p, const std::vector<std::string>& cited) const {
  p->sources.clear();
  std::set<const Page*> seen;
  for (const std::string& c : cited) {
    auto it = citable_.find(c);
    if (it != citable_.end() && seen.insert(it->second).second) p->sources.push_back(it->second);
  }
  for (const ResolvedRelation& rr : p->relations)
    if (rr.def->target == config_->citations)
      for (const Page* t : rr.targets)
        if (seen.insert(t).second) p->sources.push_back(t);
}

std::unique_ptr<SiteModel> BuildModel(content::LoadedContent loaded,
                                      const config::SiteConfig& config, DiagnosticSink* sink) {
  return BuildModel(std::move(loaded), config, sink, ModelOptions{});
}

std::unique_ptr<SiteModel> BuildModel(content::LoadedContent loaded,
                                      const config::SiteConfig& config, DiagnosticSink* sink,
                                      const ModelOptions& options) {
  StageTimer timer;
  auto model = std::make_unique<SiteModel>();
  model->config_ = &config;
  model->static_files_ = std::move(loaded.static_files);
  model->broken_paths_ = std::move(loaded.broken_paths);
  // Pages with their URLs and order keys, made on all cores.
  model->pages_.resize(loaded.pages.size());
  ParallelFor(loaded.pages.size(), [&](size_t i) {
    auto page = std::make_unique<Page>();
    page->src = std::move(loaded.pages[i]);
    page->url = UrlFor(*page->type(), page->id());
    page->root = RootFor(page->url);
    page->order = MakeOrderKey(page->src);
    model->pages_[i] = std::move(page);
  });
  // Site order: types in config order, then OrderKey within a type.
  for (size_t i = 0; i < config.types.size(); ++i) model->type_rank_[&config.types[i]] = i;
  std::sort(model->pages_.begin(), model->pages_.end(),
            [&](const auto& a, const auto& b) { return model->SiteLess(a.get(), b.get()); });
  // Two types whose url patterns collide would overwrite each other's pages.
  std::unordered_map<std::string_view, const Page*> by_url;
  by_url.reserve(model->pages_.size());
  model->by_path_.Reserve(model->pages_.size() + config.types.size() + 1);
  for (const auto& p : model->pages_) {
    model->by_type_[p->type()->id].push_back(p.get());
    model->by_path_.Set(p->src.rel_path, p.get());
    auto [it, inserted] = by_url.emplace(p->url, p.get());
    if (!inserted)
      sink->Error({p->src.path, 1, 1}, Tr("content.duplicate-id", {p->id(), it->second->src.path}));
  }
  if (loaded.home) {
    model->home_ = std::make_unique<Page>();
    model->home_->src = std::move(*loaded.home);
  }
  if (!config.citations.empty())
    for (const Page* p : model->PagesOfType(config.citations)) model->citable_[p->id()] = p;

  timer.Mark("  pages");  // KAPSTOK_TIMING=1: the model stage's parts
  // Relations, in declared order; then inverse, iterating pages in site order
  // so every backlink list comes out sorted.
  // (Each page's own; diagnostics are sorted when printed.)
  ParallelFor(model->pages_.size(), [&](size_t i) {
    Page& p = *model->pages_[i];
    p.relations = model->ResolveRelations(p, sink);
    // A one-off build needs the ids no more (16 MB at 10,000 pages), and
    // the Markdown that renders next reuses the memory.
    if (!options.keep_sources) decltype(p.src.relations)().swap(p.src.relations);
  });
  for (const auto& p : model->pages_) {
    for (const ResolvedRelation& rr : p->relations) {
      for (const Page* t : rr.targets) {
        Page* target = const_cast<Page*>(t);
        auto it = std::find_if(target->backlinks.begin(), target->backlinks.end(),
                               [&](const Backlinks& b) { return b.relation == rr.def; });
        if (it == target->backlinks.end()) {
          target->backlinks.push_back({p->type(), rr.def, {}});
          it = target->backlinks.end() - 1;
        }
        it->pages.push_back(p.get());
      }
    }
  }
  const auto& type_rank = model->type_rank_;
  for (const auto& p : model->pages_) {
    std::stable_sort(p->backlinks.begin(), p->backlinks.end(),
                     [&](const Backlinks& a, const Backlinks& b) {
                       size_t ra = type_rank.at(a.source_type), rb = type_rank.at(b.source_type);
                       if (ra != rb) return ra < rb;
                       return a.relation->name < b.relation->name;
                     });
  }

  timer.Mark("  relations");  // and backlinks
  // Markdown: bodies and text/list/map fields, in parallel, one page per task.
  for (const content::StaticFile& f : model->static_files_) model->static_paths_.insert(f.rel_path);
  std::vector<Page*> all;
  for (const auto& p : model->pages_) all.push_back(p.get());
  if (model->home_) {
    model->home_->root = "";
    all.push_back(model->home_.get());
  }
  std::vector<std::unique_ptr<Page>> intro_pages;
  for (content::ParsedPage& intro : loaded.list_intros) {
    auto page = std::make_unique<Page>();
    page->src = std::move(intro);
    page->url = page->src.type->folder + "/";
    page->root = RootFor(page->url);
    all.push_back(page.get());
    intro_pages.push_back(std::move(page));
  }
  // A Markdown link to "../kenmerken/_index.md" opens the list page, and one
  // to "index.md" at the top the home page, whether or not those files exist.
  for (const config::TypeDef& t : config.types) {
    if (!t.list) continue;
    auto page = std::make_unique<Page>();
    page->url = t.folder + "/";
    model->by_path_.Insert(t.folder + "/_index.md", page.get());
    model->list_targets_.push_back(std::move(page));
  }
  {
    auto page = std::make_unique<Page>();
    model->by_path_.Insert("index.md", page.get());
    model->list_targets_.push_back(std::move(page));
  }
  ParallelFor(all.size(), [&](size_t i) {
    Page* p = all[i];
    std::vector<std::string> cited;
    if (!options.reuse || !options.reuse(p, &cited, sink)) {
      SiteModel::RenderedMarkdown fresh;
      DiagnosticSink local;
      model->RenderMarkdown(*p, &fresh, options.rendered ? &local : sink);
      p->body = std::move(fresh.body);
      p->text_html = std::move(fresh.text_html);
      p->list_html = std::move(fresh.list_html);
      p->map_html = std::move(fresh.map_html);
      cited = std::move(fresh.cited);
      if (options.rendered) {
        std::vector<Diagnostic> diagnostics = local.Sorted();
        for (const Diagnostic& d : diagnostics) sink->Report(d);
        options.rendered(*p, cited, diagnostics);
      }
    }
    model->SetSources(p, cited);
    if (!options.keep_sources) {
      std::string().swap(p->src.source);
      p->src.body_offset = 0;  // body() stays a valid (empty) view
    }
  });
  timer.Mark("  markdown");
  for (auto& page : intro_pages)
    model->intros_[page->src.type->id] =
        ListIntro{page->src.type, page->src.title, page->body.html};
  return model;
}

}  // namespace kapstok::model
