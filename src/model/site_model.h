// SiteModel is the whole site in memory after linking: every valid page with
// its URL, its relations resolved to page pointers, the inverse relations
// (backlinks) grouped by source type and relation, and its Markdown rendered
// with links rewritten and citations collected. Built once per build; after
// BuildModel returns it is read-only, so render, search and print stages read
// it from many threads. The one exception is `kapstok serve`, which patches
// changed pages into its model between builds (ReplacePages, never while
// another thread reads the model). Owned by the `model` stage.
#ifndef KAPSTOK_MODEL_SITE_MODEL_H_
#define KAPSTOK_MODEL_SITE_MODEL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"
#include "config/config.h"
#include "content/loader.h"
#include "content/page.h"
#include "markdown/markdown.h"
#include "model/path_index.h"

namespace kapstok::model {

struct Page;
struct ModelOptions;

struct ResolvedRelation {
  const config::RelationDef* def = nullptr;
  std::vector<const Page*> targets;  // in the order the front matter lists them
};

// Pages of one source type that name this page through one relation.
struct Backlinks {
  const config::TypeDef* source_type = nullptr;
  const config::RelationDef* relation = nullptr;
  std::vector<const Page*> pages;  // in site order
};

// What orders pages within a type (see BuildModel): the order_by field, then
// the title with diacritics folded, then the id. Computed once per page.
struct OrderKey {
  bool has_field = false;  // pages with the order_by field come first
  bool numeric = false;
  int64_t number = 0;
  std::string text;   // folded order_by text (when not numeric)
  std::string title;  // folded title
};

struct Page {
  content::ParsedPage src;
  OrderKey order;    // site order within its type
  std::string url;   // site-relative, "kenmerken/x/"; "" for the home page
  std::string root;  // relative path from this page to the site root: "../../"
  std::vector<ResolvedRelation> relations;  // in the type's declared order
  std::vector<Backlinks> backlinks;         // by source type order, then relation
  // Rendered content.
  markdown::Rendered body;
  std::map<std::string, std::string> text_html;                 // text fields
  std::map<std::string, std::vector<std::string>> list_html;    // list items (inline)
  std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>>
      map_html;  // map fields: key id -> items (inline)
  std::vector<const Page*> sources;  // cited pages and the citation type's relation targets

  const config::TypeDef* type() const { return src.type; }
  const std::string& title() const { return src.title; }
  const std::string& id() const { return src.id; }
  // The page's summary as plain text (its type's summary field), or "".
  std::string SummaryText() const;
};

struct ListIntro {
  const config::TypeDef* type = nullptr;
  std::string title;
  std::string html;
};

// What ReplacePages did to one page, for deciding what to render again.
struct PageChange {
  const Page* page = nullptr;
  bool front_matter_changed = false;
  size_t old_index = 0, new_index = 0;      // its place in PagesOfType before and after
  std::vector<const Page*> old_targets;     // its relation targets before the change
  std::vector<std::string> cited;           // citation ids of its Markdown
  std::vector<Diagnostic> diagnostics;      // its Markdown's diagnostics
};

class SiteModel {
 public:
  const config::SiteConfig& config() const { return *config_; }
  const std::vector<std::unique_ptr<Page>>& pages() const { return pages_; }
  // Pages of one type in site order (the type's order_by, then title).
  const std::vector<const Page*>& PagesOfType(const std::string& type_id) const;
  const Page* Find(const std::string& type_id, const std::string& id) const;
  const Page* FindByPath(const std::string& rel_path) const;
  const Page* home() const { return home_.get(); }
  const ListIntro* IntroFor(const std::string& type_id) const;
  const std::vector<content::StaticFile>& static_files() const { return static_files_; }
  // True when `a` comes before `b` in site order (types in config order,
  // then OrderKey).
  bool SiteLess(const Page* a, const Page* b) const;

  // kapstok serve: gives existing content pages new sources in place, as if
  // the model had been built from them; the Page objects (and pointers to
  // them) stay. Each source's rel_path must name a content page of the
  // model, of the same type, and the set of pages, their ids and the titles
  // of citable pages must not change (the caller rebuilds the model
  // otherwise). Re-resolves the pages' relations, moves them in site order
  // and in their targets' backlinks, and renders their Markdown afresh.
  // Returns false, with the model unchanged, when a new source has errors
  // (reported into *sink). Not thread-safe.
  bool ReplacePages(std::vector<content::ParsedPage> sources, DiagnosticSink* sink,
                    std::vector<PageChange>* changes);

 private:
  friend std::unique_ptr<SiteModel> BuildModel(content::LoadedContent, const config::SiteConfig&,
                                               DiagnosticSink*, const ModelOptions&);
  // One page's rendered Markdown (body and fields) with the citations it made.
  struct RenderedMarkdown {
    markdown::Rendered body;
    std::map<std::string, std::string> text_html;
    std::map<std::string, std::vector<std::string>> list_html;
    std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>> map_html;
    std::vector<std::string> cited;
  };
  // Resolves `p`'s relations (and checks its map keys) against the model,
  // reporting unknown targets into *sink.
  std::vector<ResolvedRelation> ResolveRelations(const Page& p, DiagnosticSink* sink) const;
  void RenderMarkdown(const Page& p, RenderedMarkdown* r, DiagnosticSink* sink) const;
  void SetSources(Page* p, const std::vector<std::string>& cited) const;
  void AddBacklinks(const Page* p);
  void RemoveBacklinks(const Page* p);

  const config::SiteConfig* config_ = nullptr;
  std::map<const config::TypeDef*, size_t> type_rank_;
  std::set<std::string> static_paths_;
  std::map<std::string, const Page*> citable_;
  std::vector<std::unique_ptr<Page>> pages_;
  std::unique_ptr<Page> home_;
  std::map<std::string, std::vector<const Page*>> by_type_;
  // "kenmerken/x.md" -> page: hashed, as every link of every page is looked
  // up here; sort the keys where the order matters (suggestions).
  PathIndex by_path_;
  std::map<std::string, ListIntro> intros_;
  std::vector<content::StaticFile> static_files_;
  std::set<std::string> broken_paths_;
  std::vector<std::unique_ptr<Page>> list_targets_;  // link targets for list pages and home
};

struct ModelOptions {
  // Called concurrently, once per page (content pages, home, list intros)
  // before its Markdown renders. It may fill the page's body, text_html,
  // list_html and map_html from an earlier build (moving them out of an
  // older model is allowed), set *cited, report the page's diagnostics into
  // `sink` again and return true; false renders the page.
  std::function<bool(Page* page, std::vector<std::string>* cited, DiagnosticSink* sink)> reuse;
  // Called concurrently after a page's Markdown was rendered afresh, with the
  // ids it cites and the diagnostics it produced.
  std::function<void(const Page& page, const std::vector<std::string>& cited,
                     const std::vector<Diagnostic>& diagnostics)>
      rendered;
  // False frees each page's file text (ParsedPage::source, which the body
  // views) once its Markdown is rendered, and its relation ids
  // (ParsedPage::relations) once they are resolved: a one-off build needs
  // them no more and reuses the memory (49 + 16 MB at 10,000 pages).
  // `kapstok serve` keeps them to tell what an edit changed and to resolve
  // them again.
  bool keep_sources = true;
};

// Links the loaded pages: assigns URLs, resolves relation ids (unknown ones
// are errors at their line and column, with a suggestion), computes
// backlinks, and renders every Markdown body and text field in parallel with
// links rewritten to relative site URLs. `config` must outlive the model.
std::unique_ptr<SiteModel> BuildModel(content::LoadedContent loaded,
                                      const config::SiteConfig& config, DiagnosticSink* sink);
std::unique_ptr<SiteModel> BuildModel(content::LoadedContent loaded,
                                      const config::SiteConfig& config, DiagnosticSink* sink,
                                      const ModelOptions& options);

// The OrderKey of a page of its type.
OrderKey MakeOrderKey(const content::ParsedPage& src);

// Relative href from a page at `from_url` to `to_url` (both site-relative).
std::string RelativeHref(const std::string& from_root, const std::string& to_url);
// Appends RelativeHref(from_root, to_url) to *out ("./" when both are empty).
void AppendRelativeHref(std::string_view from_root, std::string_view to_url, std::string* out);
// "../" per path segment of url: "a/b/" -> "../../"; "" -> "".
std::string RootFor(const std::string& url);

}  // namespace kapstok::model

#endif  // KAPSTOK_MODEL_SITE_MODEL_H_
