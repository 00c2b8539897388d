#include "render/feeds.h"

#include <algorithm>

#include "base/text.h"

namespace kapstok::render {

namespace {

std::string XmlEscape(std::string_view s) { return HtmlEscape(s); }

// An item's date for the feed: a date field as is, a year as 1 January.
std::string ItemDate(const model::Page& p, const std::string& field) {
  auto it = p.src.fields.find(field);
  if (it == p.src.fields.end()) return "";
  if (it->second.type == config::FieldType::kInt) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-01-01", static_cast<long long>(it->second.number));
    return buf;
  }
  return it->second.text;
}

std::string Feed(const model::SiteModel& model, const config::FeedDef& feed) {
  const config::SiteConfig& c = model.config();
  std::vector<const model::Page*> items = model.PagesOfType(feed.type);
  std::stable_sort(items.begin(), items.end(), [&](const model::Page* a, const model::Page* b) {
    std::string da = ItemDate(*a, feed.date_field), db = ItemDate(*b, feed.date_field);
    if (da != db) return da > db;
    return a->id() < b->id();
  });
  if (items.size() > static_cast<size_t>(feed.count)) items.resize(static_cast<size_t>(feed.count));
  std::string updated = "2000-01-01";
  for (const model::Page* p : items) updated = std::max(updated, ItemDate(*p, feed.date_field));
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + XmlEscape(c.language) + "\">\n"
      "  <title>" + XmlEscape(c.title) + "</title>\n"
      "  <id>" + XmlEscape(c.base_url) + "</id>\n"
      "  <link href=\"" + XmlEscape(c.base_url) + "\"/>\n"
      "  <link rel=\"self\" href=\"" + XmlEscape(c.base_url + "feed.xml") + "\"/>\n"
      "  <updated>" + updated + "T00:00:00Z</updated>\n"
      "  <author><name>" + XmlEscape(c.title) + "</name></author>\n";
  for (const model::Page* p : items) {
    std::string date = ItemDate(*p, feed.date_field);
    if (date.empty()) date = "2000-01-01";
    std::string url = c.base_url + p->url;
    out += "  <entry>\n    <title>" + XmlEscape(p->title()) + "</title>\n    <id>" +
           XmlEscape(url) + "</id>\n    <link href=\"" + XmlEscape(url) + "\"/>\n    <updated>" +
           date + "T00:00:00Z</updated>\n";
    std::string summary = p->SummaryText();
    if (!summary.empty()) out += "    <summary>" + XmlEscape(summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace

void AppendFeeds(const model::SiteModel& model, OutputFiles* out) {
  const config::SiteConfig& c = model.config();
  std::vector<std::string> urls;
  for (const OutputFile& f : *out) {
    if (!EndsWith(f.path, "index.html")) continue;
    urls.push_back(f.path.substr(0, f.path.size() - 10));
  }
  std::sort(urls.begin(), urls.end());
  std::string sitemap =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const std::string& u : urls)
    sitemap += "  <url><loc>" + XmlEscape(c.base_url + u) + "</loc></url>\n";
  sitemap += "</urlset>\n";
  out->push_back({"sitemap.xml", std::move(sitemap)});
  out->push_back({"robots.txt", "User-agent: *\nAllow: /\nSitemap: " + c.base_url + "sitemap.xml\n"});
  if (c.feed) out->push_back({"feed.xml", Feed(model, *c.feed)});
}

}  // namespace kapstok::render
