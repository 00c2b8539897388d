// Renders the site's HTML files from the model: a page per item, a
// (paginated) list page per type, the home page, the 404 page, the search
// page and matrix pages (feeds.h adds the sitemap and feed). Returns
// files; never writes. Pages render in parallel; the result is sorted by
// path. Owned by the `render` stage.
#ifndef KAPSTOK_RENDER_SITE_RENDERER_H_
#define KAPSTOK_RENDER_SITE_RENDERER_H_

#include <functional>
#include <string>

#include "base/output_file.h"
#include "model/site_model.h"
#include "render/theme.h"
#include "render/views.h"

namespace kapstok::render {

// A type's list pages show its pages in site order, kListPageSize to a page.
inline constexpr int kListPageSize = 100;

// The URL (relative to the site root) of list page `page_index` (from 0) of
// `type`: "<folder>/" for the first, then "<folder>/pagina/<index + 1>/".
// kapstok serve uses it to find the list page that shows a page.
std::string ListPageUrl(const config::TypeDef& type, size_t page_index);

struct RenderOptions {
  int list_page_size = kListPageSize;
  // Called for every content page's `page` view before it renders, so later
  // stages (print) can add values such as a handout link.
  std::function<void(const model::Page&, tmpl::Value*)> decorate_page;
  // kapstok serve: when set, only the content pages it accepts are rendered
  // (list, home and other pages always are).
  std::function<bool(const model::Page&)> only_pages;
  // kapstok serve: render no list, matrix or home page (their inputs did not change).
  bool skip_site_pages = false;
  // kapstok serve: when set, only the list, matrix and home pages whose
  // output path ("kenmerken/pagina/2/index.html", "index.html") it accepts.
  std::function<bool(const std::string& path)> only_site_pages;
  // kapstok build: when set, each content page is handed to it as soon as it
  // is rendered (from the rendering threads, concurrently: it must be
  // thread-safe), and the page comes back in the result with its path only
  // (empty bytes), so its HTML is never all in memory at once.
  std::function<void(const OutputFile& page)> emit_page;
};

OutputFiles RenderSite(const model::SiteModel& model, const Theme& theme,
                       const RenderOptions& options);
// The same with views kept by the caller (kapstok serve keeps them between
// rebuilds); `shared` must be of the model and theme to render.
OutputFiles RenderSite(const SharedViews& shared, const RenderOptions& options);

// The template a page of `type` renders with: "<type>" when the theme has
// one, else "page".
std::string TemplateFor(const Theme& theme, const std::string& type_id);

// Renders `name` with the frame and an optional top value.
std::string RenderWith(const Theme& theme, const std::string& name, const tmpl::Value& frame,
                       const tmpl::Value* top = nullptr);

}  // namespace kapstok::render

#endif  // KAPSTOK_RENDER_SITE_RENDERER_H_
