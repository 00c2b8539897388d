// View models: the tmpl::Values that templates render, built from the
// SiteModel. Every URL in a view is site-relative ("kenmerken/x/"); templates
// prefix `{{root}}`, the page's relative path to the site root, so the site
// works from any folder and from file://. Owned by the `render` stage.
#ifndef KAPSTOK_RENDER_VIEWS_H_
#define KAPSTOK_RENDER_VIEWS_H_

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/site_model.h"
#include "render/theme.h"
#include "template/value.h"

namespace kapstok::render {

// Values shared by every page of one build: site settings, UI strings, the
// menu, breadcrumbs, and a short reference (title, url, type, summary) for
// every page. Built once; the values it hands out borrow from it (they read
// its members through tmpl::Value::Shared without a copy or a reference
// count, so the rendering threads never write to shared memory): a value
// from Ref, Frame or Breadcrumbs must not outlive this object. `kapstok
// serve` keeps one across rebuilds that patch the model in place and calls
// Refresh for each changed page. Not copyable (values point into it).
class SharedViews {
 public:
  SharedViews(const model::SiteModel& model, const Theme& theme);
  SharedViews(const SharedViews&) = delete;
  SharedViews& operator=(const SharedViews&) = delete;
  // Recomputes `page`'s reference (and the list of standalone pages) after
  // the page changed in place; values handed out earlier show the new
  // reference. Not while another thread renders.
  void Refresh(const model::Page* page);

  const tmpl::Value& site() const { return site_; }
  // {id, incomplete, summary, title, type, type_name, url} for `page`; null
  // for a page that was not in the model when this was built (or refreshed).
  tmpl::Value Ref(const model::Page* page) const;
  // The per-page frame: root, site, t (strings), menu with `current`,
  // lang, page_title, canonical, standalone_pages. `current_type` marks the
  // menu item of that type.
  tmpl::Value Frame(const std::string& root, const std::string& title,
                    const std::string& current_type, const std::string& url) const;
  // The breadcrumbs of a page of `type`: home, then the type's list page
  // when it has one.
  tmpl::Value Breadcrumbs(const config::TypeDef& type) const;
  const model::SiteModel& model() const { return model_; }
  const Theme& theme() const { return theme_; }

 private:
  // An open-addressing table from page to its reference (a power of two in
  // size, at most half full): one probe, mostly, per Ref.
  struct RefSlot {
    const model::Page* page = nullptr;
    tmpl::Value* ref = nullptr;
  };

  const model::SiteModel& model_;
  const Theme& theme_;
  tmpl::Value site_;
  tmpl::Value strings_;
  tmpl::Value standalone_;  // pages of types without a list
  tmpl::Value menu_;        // the menu with no item current
  std::map<std::string, tmpl::Value, std::less<>> current_menus_;  // by the current type's id
  std::map<const config::TypeDef*, tmpl::Value> breadcrumbs_;
  std::vector<RefSlot> ref_slots_;
  std::deque<tmpl::Value> refs_;  // what ref_slots_ point to (addresses never change)

  static tmpl::Value MakeRef(const model::Page& p);
  tmpl::Value MakeMenu(const std::string& current_type) const;
  tmpl::Value MakeBreadcrumbs(const config::TypeDef& type) const;
  size_t SlotOf(const model::Page* page) const;
  void AddRef(const model::Page* page);
  void MakeStandalone();
};

// The `page` value for one content page: fields, body, toc, relations,
// backlinks, sources, edit link, breadcrumbs.
tmpl::Value PageView(const SharedViews& shared, const model::Page& page);

// The ids of a page's field sections (text, list and map fields), unique
// against the body's heading ids; the page view and the search index both
// link to them.
std::map<std::string, std::string> FieldAnchors(const model::Page& page);

// The absolute URL of a site-relative url.
std::string AbsoluteUrl(const config::SiteConfig& config, const std::string& url);
// The repository's edit link for a source path, or "" without a repository.
std::string EditUrl(const config::SiteConfig& config, const std::string& path);

}  // namespace kapstok::render

#endif  // KAPSTOK_RENDER_VIEWS_H_
