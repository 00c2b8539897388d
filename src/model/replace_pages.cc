// SiteModel::ReplacePages: `kapstok serve` patches changed pages into a
// built model in place (see site_model.h): checks every new source first,
// then moves each page out of its type's order and its targets' backlinks,
// gives it the new source, relations and Markdown, and moves it back in at
// its new place. Owned by the `model` stage.
#include "model/site_model.h"

#include <algorithm>
#include <string_view>

namespace kapstok::model {

namespace {

// The backlink group of `relation` in `groups`, or groups->end().
std::vector<Backlinks>::iterator FindGroup(std::vector<Backlinks>* groups,
                                           const config::RelationDef* relation) {
  return std::find_if(groups->begin(), groups->end(),
                      [&](const Backlinks& b) { return b.relation == relation; });
}

}  // namespace

// Backlinks of a target: groups ordered by (source type rank, relation
// name), pages within a group in site order.
void SiteModel::AddBacklinks(const Page* p) {
  for (const ResolvedRelation& rr : p->relations) {
    for (const Page* t : rr.targets) {
      Page* target = const_cast<Page*>(t);
      auto& groups = target->backlinks;
      auto it = FindGroup(&groups, rr.def);
      if (it == groups.end()) {
        auto before = [&](const Backlinks& b) {
          size_t rb = type_rank_.at(b.source_type), rp = type_rank_.at(p->type());
          if (rb != rp) return rb < rp;
          return b.relation->name < rr.def->name;
        };
        it = groups.begin();
        while (it != groups.end() && before(*it)) ++it;
        it = groups.insert(it, Backlinks{p->type(), rr.def, {}});
      }
      auto& pages = it->pages;
      pages.insert(std::lower_bound(pages.begin(), pages.end(), p,
                                    [&](const Page* a, const Page* b) { return SiteLess(a, b); }),
                   p);
    }
  }
}

void SiteModel::RemoveBacklinks(const Page* p) {
  for (const ResolvedRelation& rr : p->relations) {
    for (const Page* t : rr.targets) {
      Page* target = const_cast<Page*>(t);
      auto& groups = target->backlinks;
      auto it = FindGroup(&groups, rr.def);
      if (it == groups.end()) continue;
      it->pages.erase(std::remove(it->pages.begin(), it->pages.end(), p), it->pages.end());
      if (it->pages.empty()) groups.erase(it);
    }
  }
}

bool SiteModel::ReplacePages(std::vector<content::ParsedPage> sources, DiagnosticSink* sink,
                             std::vector<PageChange>* changes) {
  // Check everything first: the model changes only when every page is good.
  struct Prepared {
    Page* page;
    content::ParsedPage src;
    OrderKey order;
    std::vector<ResolvedRelation> relations;
    RenderedMarkdown markdown;
    std::vector<Diagnostic> diagnostics;
  };
  std::vector<Prepared> prepared;
  bool ok = true;
  for (content::ParsedPage& src : sources) {
    Page* page = const_cast<Page*>(FindByPath(src.rel_path));
    if (!page || page->src.rel_path != src.rel_path || page->type() != src.type) return false;
    Prepared p{page, std::move(src), {}, {}, {}, {}};
    p.order = MakeOrderKey(p.src);
    // Resolve and render as the page with its new source would be.
    Page probe;
    probe.src = std::move(p.src);
    probe.url = page->url;
    probe.root = page->root;
    DiagnosticSink local;
    p.relations = ResolveRelations(probe, &local);
    RenderMarkdown(probe, &p.markdown, &local);
    p.src = std::move(probe.src);
    p.diagnostics = local.Sorted();
    for (const Diagnostic& d : p.diagnostics) sink->Report(d);
    if (local.has_errors()) ok = false;
    prepared.push_back(std::move(p));
  }
  if (!ok) return false;

  auto site_less = [&](const Page* a, const Page* b) { return SiteLess(a, b); };
  for (Prepared& p : prepared) {
    Page* page = p.page;
    PageChange change;
    change.page = page;
    change.front_matter_changed = page->src.front_matter() != p.src.front_matter();
    std::vector<const Page*>& of_type = by_type_[page->type()->id];
    change.old_index = std::lower_bound(of_type.begin(), of_type.end(), page, site_less) -
                       of_type.begin();
    for (const ResolvedRelation& rr : page->relations)
      for (const Page* t : rr.targets) change.old_targets.push_back(t);
    // Out of every ordered list, change, back in at its new place.
    RemoveBacklinks(page);
    of_type.erase(of_type.begin() + change.old_index);
    auto in_pages = std::find_if(pages_.begin(), pages_.end(),
                                 [&](const std::unique_ptr<Page>& q) { return q.get() == page; });
    std::unique_ptr<Page> owned = std::move(*in_pages);
    pages_.erase(in_pages);
    page->src = std::move(p.src);
    page->order = std::move(p.order);
    page->relations = std::move(p.relations);
    page->body = std::move(p.markdown.body);
    page->text_html = std::move(p.markdown.text_html);
    page->list_html = std::move(p.markdown.list_html);
    page->map_html = std::move(p.markdown.map_html);
    SetSources(page, p.markdown.cited);
    auto at = std::lower_bound(of_type.begin(), of_type.end(), page, site_less);
    change.new_index = at - of_type.begin();
    of_type.insert(at, page);
    auto pos = std::lower_bound(pages_.begin(), pages_.end(), page,
                                [&](const std::unique_ptr<Page>& a, const Page* b) {
                                  return SiteLess(a.get(), b);
                                });
    pages_.insert(pos, std::move(owned));
    AddBacklinks(page);
    change.cited = std::move(p.markdown.cited);
    change.diagnostics = std::move(p.diagnostics);
    changes->push_back(std::move(change));
  }
  return true;
}

}  // namespace kapstok::model
