#include "print/handout.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/text.h"
#include "print/endnotes.h"
#include "print/qr_svg.h"
#include "render/site_renderer.h"
#include "render/views.h"

namespace kapstok::print {

using tmpl::Value;

std::string HandoutUrl(const model::Page& page) { return page.url + "handout/"; }
std::string HandoutPdfPath(const model::Page& page) { return "handouts/" + page.id() + ".pdf"; }
std::string HandbookUrl(const config::PrintDef& def) { return def.pdf_name + "/"; }
std::string HandbookPdfPath(const config::PrintDef& def) { return def.pdf_name + ".pdf"; }

std::string FirstSentence(std::string_view text, size_t max_chars) {
  text = Trim(text);
  size_t end = text.size();
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const char c = text[i];
    const unsigned char next = static_cast<unsigned char>(text[i + 2]);
    if ((c == '.' || c == '!' || c == '?') && text[i + 1] == ' ' &&
        (std::isupper(next) || std::isdigit(next) || next >= 0x80)) {
      end = i + 1;
      break;
    }
  }
  if (end <= max_chars) return std::string(text.substr(0, end));
  size_t cut = text.rfind(' ', max_chars);
  if (cut == std::string_view::npos || cut == 0) cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  std::string out(Trim(text.substr(0, cut)));
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':'))
    out.pop_back();
  return out + "…";
}

std::string CssString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '<': out += "\\3c "; break;
      case '\n': out += "\\a "; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out + "\"";
}

std::string CssPageCounter(std::string_view pattern) {
  std::string out;
  auto add = [&out](const std::string& part) {
    if (!out.empty()) out += ' ';
    out += part;
  };
  std::string literal;
  for (size_t i = 0; i < pattern.size();) {
    const char* counter = nullptr;
    size_t len = 0;
    if (pattern.substr(i).starts_with("{pages}")) counter = "counter(pages)", len = 7;
    else if (pattern.substr(i).starts_with("{page}")) counter = "counter(page)", len = 6;
    if (!counter) {
      literal += pattern[i++];
      continue;
    }
    if (!literal.empty()) add(CssString(literal));
    literal.clear();
    add(counter);
    i += len;
  }
  if (!literal.empty()) add(CssString(literal));
  return out.empty() ? "counter(page)" : out;
}

namespace {

// `url` HTML-escaped with a <wbr> after each path '/', so a printed address
// wraps between its parts rather than inside a word.
std::string BreakableUrl(const std::string& url) {
  std::string out;
  const size_t path = url.find("://") == std::string::npos ? 0 : url.find("://") + 3;
  for (size_t i = 0; i < url.size(); ++i) {
    AppendHtmlEscaped(std::string_view(&url[i], 1), &out);
    if (url[i] == '/' && i >= path && i + 1 < url.size()) out += "<wbr>";
  }
  return out;
}

// Everything one print rendering reads.
struct Context {
  const model::SiteModel& model;
  const render::Theme& theme;
  const render::SharedViews& shared;
  const config::PrintDef& def;
  const PrintOptions& options;
};

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The text and list fields a handout shows, in order.
std::vector<const config::FieldDef*> PrintedFields(const config::TypeDef& type,
                                                   const config::PrintDef& def) {
  std::vector<const config::FieldDef*> out;
  if (!def.fields.empty()) {
    for (const std::string& name : def.fields)
      if (const config::FieldDef* f = type.FindField(name)) out.push_back(f);
    return out;
  }
  for (const config::FieldDef& f : type.fields)
    if ((f.type == config::FieldType::kText || f.type == config::FieldType::kList) &&
        f.name != type.summary && f.name != def.attribution)
      out.push_back(&f);
  return out;
}

Value Sections(const model::Page& page, const config::PrintDef& def) {
  Value sections{Value::List{}};
  for (const config::FieldDef* f : PrintedFields(*page.type(), def)) {
    Value s;
    s.Set("label", f->label);
    s.Set("name", f->name);
    if (auto it = page.text_html.find(f->name); it != page.text_html.end()) {
      s.Set("is_text", true);
      s.Set("html", it->second);
    } else if (auto li = page.list_html.find(f->name); li != page.list_html.end()) {
      Value items{Value::List{}};
      for (const std::string& html : li->second) {
        Value item;
        item.Set("html", html);
        items.Push(std::move(item));
      }
      s.Set("is_list", true);
      s.Set("items", std::move(items));
    } else {
      continue;  // an optional field this page leaves out
    }
    sections.Push(std::move(s));
  }
  return sections;
}

struct Group {
  std::string type_id;
  std::string label;
  const std::vector<const model::Page*>* pages;
};

// Related pages by group: relations, then backlinks, ordered by def.related.
std::vector<Group> RelatedGroups(const Context& ctx, const model::Page& page) {
  std::vector<Group> all;
  const std::string& citations = ctx.model.config().citations;
  for (const model::ResolvedRelation& rr : page.relations)
    if (rr.def->target != citations && !rr.targets.empty())
      all.push_back({rr.def->target, rr.def->label, &rr.targets});
  for (const model::Backlinks& b : page.backlinks)
    if (b.source_type->id != citations && !b.pages.empty())
      all.push_back({b.source_type->id, b.relation->inverse, &b.pages});
  if (ctx.def.related.empty()) return all;
  std::vector<Group> out;
  for (const std::string& id : ctx.def.related)
    for (const Group& g : all)
      if (g.type_id == id) out.push_back(g);
  return out;
}

Value RefItem(const Context& ctx, const model::Page* p, bool full_summary) {
  Value item;
  item.Set("title", p->title());
  item.Set("url", render::AbsoluteUrl(ctx.model.config(), p->url));
  std::string summary = p->SummaryText();
  item.Set("summary", full_summary ? summary : FirstSentence(summary));
  return item;
}

Value Related(const Context& ctx, const model::Page& page) {
  Value groups{Value::List{}};
  for (const Group& g : RelatedGroups(ctx, page)) {
    const bool full = Contains(ctx.def.full_summaries, g.type_id);
    Value group;
    group.Set("label", g.label);
    group.Set("type", g.type_id);
    group.Set("full", full);
    Value items{Value::List{}};
    for (const model::Page* p : *g.pages) items.Push(RefItem(ctx, p, full));
    group.Set("items", std::move(items));
    groups.Push(std::move(group));
  }
  return groups;
}

std::string PageHeadingLevel(int level) { return std::to_string(std::clamp(level, 1, 6)); }

// The `handout` value of one page; `content_html` (with endnotes) and
// `notes` are filled in after the content partial renders.
Value HandoutValue(const Context& ctx, const model::Page& page, int title_level) {
  const config::SiteConfig& c = ctx.model.config();
  const config::TypeDef& type = *page.type();
  const std::string online = render::AbsoluteUrl(c, page.url);
  Value h;
  h.Set("title", page.title());
  h.Set("id", page.id());
  h.Set("anchor", "print-" + Slugify(page.id()));
  h.Set("type_name", type.name);
  h.Set("h1", PageHeadingLevel(title_level));
  h.Set("h2", PageHeadingLevel(title_level + 1));
  h.Set("online_url", online);
  h.Set("online_url_html", BreakableUrl(online));
  h.Set("qr_svg", QrSvg(online, ctx.theme.String("print_qr_label") + ": " + online));
  if (auto it = page.text_html.find(type.summary); it != page.text_html.end())
    h.Set("summary_html", it->second);
  h.Set("sections", Sections(page, ctx.def));
  h.Set("related", Related(ctx, page));
  Value sources{Value::List{}};
  for (const model::Page* p : page.sources) sources.Push(RefItem(ctx, p, true));
  h.Set("has_sources", !page.sources.empty());
  h.Set("sources", std::move(sources));
  if (ctx.def.body && !Trim(page.body.html).empty()) h.Set("body_html", page.body.html);
  if (!ctx.def.attribution.empty())
    if (auto it = page.src.fields.find(ctx.def.attribution); it != page.src.fields.end())
      h.Set("attribution", it->second.text);
  return h;
}

// Renders the content partial for `h` and rewrites its links to endnotes.
// `print_url` is where the result is shown; images are rebased to it.
void RenderContent(const Context& ctx, const model::Page& page, const std::string& print_url,
                   const Value& frame, Value* h) {
  Value top;
  top.Set("handout", *h);
  std::string html = RebaseSources(
      render::RenderWith(ctx.theme, "partials/handout-content", frame, &top), page.url, print_url);
  Endnotes notes;
  h->Set("content_html",
         notes.Rewrite(html, render::AbsoluteUrl(ctx.model.config(), page.url)));
  Value list{Value::List{}};
  for (size_t i = 0; i < notes.urls().size(); ++i) {
    Value n;
    n.Set("number", static_cast<int64_t>(i + 1));
    n.Set("url", notes.urls()[i]);
    list.Push(std::move(n));
  }
  h->Set("has_notes", !notes.urls().empty());
  h->Set("notes", std::move(list));
}

Value PrintStrings(const Context& ctx, const std::string& title) {
  Value p;
  p.Set("css_site", CssString(ctx.model.config().title));
  p.Set("css_title", CssString(title));
  p.Set("css_page_counter", CssPageCounter(ctx.theme.String("print_page_of")));
  return p;
}

OutputFile RenderHandout(const Context& ctx, const model::Page& page) {
  const std::string url = HandoutUrl(page);
  Value frame = ctx.shared.Frame(model::RootFor(url),
                                 page.title() + " (" + ctx.theme.String("print_handout") + ")",
                                 page.type()->id, url);
  frame.Set("print", PrintStrings(ctx, page.title()));
  // A print version: search engines should send readers to the page itself.
  frame.Set("canonical", render::AbsoluteUrl(ctx.model.config(), page.url));
  Value h = HandoutValue(ctx, page, 1);
  h.Set("page_url", page.url);
  if (ctx.options.pdf) h.Set("pdf_url", HandoutPdfPath(page));
  RenderContent(ctx, page, url, frame, &h);
  frame.Set("handout", std::move(h));
  return {url + "index.html", render::RenderWith(ctx.theme, "handout", frame)};
}

OutputFile RenderHandbook(const Context& ctx, const std::vector<const model::Page*>& pages) {
  const config::SiteConfig& c = ctx.model.config();
  const std::string url = HandbookUrl(ctx.def);
  Value frame = ctx.shared.Frame(model::RootFor(url), c.title, "", url);
  frame.Set("print", PrintStrings(ctx, c.title));
  Value book;
  book.Set("title", c.title);
  book.Set("description", c.description);
  book.Set("online_url", c.base_url);
  book.Set("online_url_html", BreakableUrl(c.base_url));
  if (ctx.options.pdf) book.Set("pdf_url", HandbookPdfPath(ctx.def));
  book.Set("qr_svg", QrSvg(c.base_url, ctx.theme.String("print_qr_label") + ": " + c.base_url));
  if (const config::TypeDef* t = c.FindType(ctx.def.type)) book.Set("type_plural", t->plural);
  Value sections{Value::List{}};
  int n = 0;
  for (const model::Page* p : pages) {
    Value h = HandoutValue(ctx, *p, 2);
    RenderContent(ctx, *p, url, frame, &h);
    h.Set("number", static_cast<int64_t>(++n));
    h.Set("page_name", "section-" + std::to_string(n));
    h.Set("pdf_path", HandoutPdfPath(*p));
    h.Set("css_title", CssString(p->title()));
    sections.Push(std::move(h));
  }
  book.Set("sections", std::move(sections));
  frame.Set("handbook", std::move(book));
  return {url + "index.html", render::RenderWith(ctx.theme, "handbook", frame)};
}

// Whether another page of the site already uses `url`.
bool UrlTaken(const model::SiteModel& model, const std::string& url) {
  for (const auto& p : model.pages())
    if (p->url == url) return true;
  for (const config::TypeDef& t : model.config().types)
    if (t.list && t.folder + "/" == url) return true;
  for (const config::MatrixDef& m : model.config().matrices)
    if (m.slug + "/" == url) return true;
  return false;
}

}  // namespace

OutputFiles RenderHandouts(const model::SiteModel& model, const render::Theme& theme,
                           const PrintOptions& options, DiagnosticSink* sink) {
  OutputFiles out;
  const config::SiteConfig& c = model.config();
  if (!c.print || !theme.templates->Has("handout")) return out;
  render::SharedViews shared(model, theme);
  Context ctx{model, theme, shared, *c.print, options};
  const std::vector<const model::Page*>& pages = model.PagesOfType(c.print->type);
  for (const model::Page* p : pages) {
    if (UrlTaken(model, HandoutUrl(*p))) {
      sink->Error({c.path, 0, 0}, "the handout of '" + p->id() + "' would replace the page at " +
                                      HandoutUrl(*p));
      continue;
    }
    out.push_back(RenderHandout(ctx, *p));
  }
  if (theme.templates->Has("handbook")) {
    if (UrlTaken(model, HandbookUrl(*c.print)))
      sink->Error({c.path, 0, 0}, "print pdf_name '" + c.print->pdf_name +
                                      "' would replace the page at " + HandbookUrl(*c.print) +
                                      "; choose another pdf_name");
    else
      out.push_back(RenderHandbook(ctx, pages));
  }
  std::sort(out.begin(), out.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

std::function<void(const model::Page&, tmpl::Value*)> PageDecorator(
    const model::SiteModel& model, const PrintOptions& options) {
  return [&model, options](const model::Page& page, tmpl::Value* view) {
    const auto& print = model.config().print;
    if (!print || !page.type() || page.type()->id != print->type) return;
    view->Set("handout_url", HandoutUrl(page));
    view->Set("handbook_url", HandbookUrl(*print));
    if (options.pdf) view->Set("pdf_url", HandoutPdfPath(page));
    if (options.pdf) view->Set("handbook_pdf_url", HandbookPdfPath(*print));
  };
}

}  // namespace kapstok::print
