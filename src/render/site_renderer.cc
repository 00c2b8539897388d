#include "render/site_renderer.h"

#include <algorithm>
#include <map>

#include "base/parallel.h"
#include "base/text.h"

namespace kapstok::render {

using tmpl::Value;

std::string TemplateFor(const Theme& theme, const std::string& type_id) {
  return theme.templates->Has(type_id) ? type_id : "page";
}

std::string RenderWith(const Theme& theme, const std::string& name, const Value& frame,
                       const Value* top) {
  std::vector<const Value*> stack = {&frame};
  if (top) stack.push_back(top);
  std::string out;
  theme.templates->Render(name, stack, &out);
  return out;
}

std::string ListPageUrl(const config::TypeDef& type, size_t page_index) {
  return type.folder + "/" + (page_index == 0 ? "" : "pagina/" + std::to_string(page_index + 1) + "/");
}

namespace {

std::string IndexPath(const std::string& url) { return url + "index.html"; }

void RenderLists(const SharedViews& shared, const RenderOptions& options, OutputFiles* out) {
  const model::SiteModel& model = shared.model();
  const Theme& theme = shared.theme();
  for (const config::TypeDef& type : model.config().types) {
    if (!type.list) continue;
    const auto& pages = model.PagesOfType(type.id);
    const size_t size = static_cast<size_t>(std::max(1, options.list_page_size));
    const size_t n_pages = std::max<size_t>(1, (pages.size() + size - 1) / size);
    const model::ListIntro* intro = model.IntroFor(type.id);
    for (size_t k = 0; k < n_pages; ++k) {
      std::string url = ListPageUrl(type, k);
      if (options.only_site_pages && !options.only_site_pages(IndexPath(url))) continue;
      std::string title = intro ? intro->title : type.plural;
      Value frame = shared.Frame(model::RootFor(url), k == 0 ? title : title + " (" + std::to_string(k + 1) + ")", type.id, url);
      Value list;
      list.Set("title", title);
      list.Set("type", type.id);
      list.Set("type_name", type.name);
      if (intro) list.Set("intro_html", intro->html);
      else if (!type.description.empty()) list.Set("description", type.description);
      list.Set("count", static_cast<int64_t>(pages.size()));
      Value items{Value::List{}};
      for (size_t i = k * size; i < std::min(pages.size(), (k + 1) * size); ++i)
        items.Push(shared.Ref(pages[i]));
      list.Set("items", std::move(items));
      if (n_pages > 1) {
        Value pager{Value::List{}};
        for (size_t j = 0; j < n_pages; ++j) {
          Value p;
          p.Set("number", static_cast<int64_t>(j + 1));
          p.Set("url", ListPageUrl(type, j));
          p.Set("current", j == k);
          pager.Push(std::move(p));
        }
        list.Set("pager", std::move(pager));
        list.Set("has_pager", true);
      }
      frame.Set("list", std::move(list));
      out->push_back({IndexPath(url), RenderWith(theme, "list", frame)});
    }
  }
}

void RenderMatrices(const SharedViews& shared, const RenderOptions& options, OutputFiles* out) {
  const model::SiteModel& model = shared.model();
  const Theme& theme = shared.theme();
  if (!theme.templates->Has("matrix")) return;
  for (const config::MatrixDef& m : model.config().matrices) {
    std::string url = m.slug + "/";
    if (options.only_site_pages && !options.only_site_pages(IndexPath(url))) continue;
    Value frame = shared.Frame(model::RootFor(url), m.title, "", url);
    Value matrix;
    matrix.Set("title", m.title);
    matrix.Set("description", m.description);
    Value columns{Value::List{}};
    const auto& cols = model.PagesOfType(m.columns);
    for (const model::Page* c : cols) columns.Push(shared.Ref(c));
    Value rows{Value::List{}};
    for (const model::Page* r : model.PagesOfType(m.rows)) {
      Value row;
      row.Set("page", shared.Ref(r));
      Value cells{Value::List{}};
      auto it = r->map_html.find(m.field);
      for (const model::Page* c : cols) {
        Value cell;
        cell.Set("column", shared.Ref(c));
        Value items{Value::List{}};
        if (it != r->map_html.end()) {
          for (const auto& [key, html_items] : it->second) {
            if (key != c->id()) continue;
            for (const std::string& html : html_items) {
              Value item;
              item.Set("html", html);
              items.Push(std::move(item));
            }
          }
        }
        cell.Set("has_items", !items.as_list().empty());
        cell.Set("items", std::move(items));
        cells.Push(std::move(cell));
      }
      row.Set("cells", std::move(cells));
      rows.Push(std::move(row));
    }
    matrix.Set("columns", std::move(columns));
    matrix.Set("rows", std::move(rows));
    frame.Set("matrix", std::move(matrix));
    out->push_back({IndexPath(url), RenderWith(theme, "matrix", frame)});
  }
}

void RenderHome(const SharedViews& shared, const RenderOptions& options, OutputFiles* out) {
  if (options.only_site_pages && !options.only_site_pages("index.html")) return;
  const model::SiteModel& model = shared.model();
  const Theme& theme = shared.theme();
  const config::SiteConfig& c = model.config();
  Value frame = shared.Frame("", c.title, "", "");
  Value home;
  const model::Page* h = model.home();
  home.Set("title", h ? h->title() : c.title);
  if (h) home.Set("body_html", h->body.html);
  if (h) home.Set("edit_url", EditUrl(c, "content/" + h->src.rel_path));
  // Every list, menu types first (in menu order), then the others.
  Value sections{Value::List{}};
  std::vector<const config::TypeDef*> order;
  for (const std::string& type_id : c.menu)
    if (const config::TypeDef* t = c.FindType(type_id)) order.push_back(t);
  for (const config::TypeDef& t : c.types)
    if (std::find(order.begin(), order.end(), &t) == order.end()) order.push_back(&t);
  for (const config::TypeDef* t : order) {
    if (!t->list) continue;
    Value s;
    s.Set("title", t->plural);
    s.Set("url", t->folder + "/");
    s.Set("count", static_cast<int64_t>(model.PagesOfType(t->id).size()));
    sections.Push(std::move(s));
  }
  home.Set("sections", std::move(sections));
  // The first menu type's pages as featured cards (the five kenmerken).
  if (!c.menu.empty()) {
    Value featured{Value::List{}};
    for (const model::Page* p : model.PagesOfType(c.menu.front())) featured.Push(shared.Ref(p));
    home.Set("has_featured", !featured.as_list().empty());
    home.Set("featured", std::move(featured));
    if (const config::TypeDef* t = c.FindType(c.menu.front())) home.Set("featured_title", t->plural);
  }
  Value pages{Value::List{}};
  for (const config::TypeDef& t : c.types)
    if (!t.list)
      for (const model::Page* p : model.PagesOfType(t.id)) pages.Push(shared.Ref(p));
  home.Set("has_pages", !pages.as_list().empty());
  home.Set("pages", std::move(pages));
  Value matrices{Value::List{}};
  for (const config::MatrixDef& m : c.matrices) {
    Value mv;
    mv.Set("title", m.title);
    mv.Set("url", m.slug + "/");
    mv.Set("description", m.description);
    matrices.Push(std::move(mv));
  }
  home.Set("matrices", std::move(matrices));
  frame.Set("home", std::move(home));
  out->push_back({"index.html", RenderWith(theme, "home", frame)});
}

}  // namespace

OutputFiles RenderSite(const model::SiteModel& model, const Theme& theme,
                       const RenderOptions& options) {
  SharedViews shared(model, theme);
  return RenderSite(shared, options);
}

OutputFiles RenderSite(const SharedViews& shared, const RenderOptions& options) {
  const model::SiteModel& model = shared.model();
  const Theme& theme = shared.theme();
  std::vector<const model::Page*> pages;
  for (const auto& p : model.pages())
    if (!options.only_pages || options.only_pages(*p)) pages.push_back(p.get());
  OutputFiles out(pages.size());
  std::map<const config::TypeDef*, std::string> template_of;  // resolved once per type
  for (const config::TypeDef& t : model.config().types) template_of[&t] = TemplateFor(theme, t.id);
  ParallelFor(pages.size(), [&](size_t i) {
    const model::Page& p = *pages[i];
    Value frame = shared.Frame(p.root, p.title(), p.type()->id, p.url);
    Value view = PageView(shared, p);
    if (options.decorate_page) options.decorate_page(p, &view);
    frame.Set("page", std::move(view));
    out[i].path = IndexPath(p.url);
    const std::vector<const Value*> stack = {&frame};
    auto name = template_of.find(p.type());
    theme.templates->Render(name != template_of.end() ? name->second : TemplateFor(theme, p.type()->id),
                            stack, &out[i].bytes);
    if (options.emit_page) {
      options.emit_page(out[i]);
      std::string().swap(out[i].bytes);
    }
  });
  if (!options.skip_site_pages) {
    RenderLists(shared, options, &out);
    RenderMatrices(shared, options, &out);
    RenderHome(shared, options, &out);
  }
  // The 404 page is served at any depth, so it links from the site's own path.
  {
    std::string base_path = "/";
    const std::string& base = model.config().base_url;
    if (size_t scheme = base.find("://"); scheme != std::string::npos) {
      size_t slash = base.find('/', scheme + 3);
      base_path = slash == std::string::npos ? "/" : base.substr(slash);
    }
    Value frame = shared.Frame(base_path, theme.String("not_found_title"), "", "404.html");
    out.push_back({"404.html", RenderWith(theme, "404", frame)});
  }
  if (theme.templates->Has("search")) {
    Value frame = shared.Frame("../", theme.String("search_title"), "", "zoeken/");
    out.push_back({"zoeken/index.html", RenderWith(theme, "search", frame)});
  }
  std::sort(out.begin(), out.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace kapstok::render
