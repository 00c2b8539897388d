// View models: the tmpl::Values that templates render, built from the
// SiteModel. Every URL in a view is site-relative ("kenmerken/x/"); templates
// prefix `{{root}}`, the page's relative path to the site root, so the site
// works from any folder and from file://. Owned by the `render` stage.
#ifndef KAPSTOK_RENDER_VIEWS_H_
#define KAPSTOK_RENDER_VIEWS_H_

#include <map>
#include <memory>
#include <string>

#include "model/site_model.h"
#include "render/theme.h"
#include "template/value.h"

namespace kapstok::render {

// Values shared by every page of one build: site settings, UI strings, and a
// short reference (title, url, type, summary) for every page. `kapstok
// serve` keeps one across rebuilds that patch the model in place and calls
// Refresh for each changed page.
class SharedViews {
 public:
  SharedViews(const model::SiteModel& model, const Theme& theme);
  // Recomputes `page`'s reference (and the list of standalone pages) after
  // the page changed in place. Not while another thread renders.
  void Refresh(const model::Page* page);

  const tmpl::Value& site() const { return site_; }
  // {title, url, type, type_name, summary, incomplete} for `page`.
  tmpl::Value Ref(const model::Page* page) const;
  // The per-page frame: root, site, t (strings), menu with `current`,
  // lang, page_title. `current_type` marks the menu item of that type.
  tmpl::Value Frame(const std::string& root, const std::string& title,
                    const std::string& current_type, const std::string& url) const;
  const model::SiteModel& model() const { return model_; }
  const Theme& theme() const { return theme_; }

 private:
  const model::SiteModel& model_;
  const Theme& theme_;
  tmpl::Value site_;
  std::shared_ptr<const tmpl::Value> strings_;
  std::shared_ptr<const tmpl::Value> standalone_;  // pages of types without a list
  std::map<const model::Page*, std::shared_ptr<const tmpl::Value>> refs_;

  static std::shared_ptr<const tmpl::Value> MakeRef(const model::Page& p);
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
