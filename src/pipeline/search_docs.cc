#include "pipeline/search_docs.h"

#include <algorithm>

#include "render/views.h"

namespace kapstok::pipeline {

std::vector<search::Document> SearchDocuments(const model::SiteModel& model) {
  const config::SiteConfig& c = model.config();
  // Documents are made in url order (their order is their id), so they are
  // never moved by a sort.
  std::vector<const model::Page*> pages;
  pages.reserve(model.pages().size());
  for (const auto& p : model.pages()) pages.push_back(&*p);
  std::sort(pages.begin(), pages.end(),
            [](const model::Page* a, const model::Page* b) { return a->url < b->url; });
  std::vector<search::Document> docs;
  docs.reserve(pages.size());
  for (const model::Page* p : pages) {
    search::Document d;
    d.url = p->url;
    d.title = p->title();
    d.type = p->type()->id;
    d.type_label = p->type()->name;
    d.summary = p->SummaryText();
    std::map<std::string, std::string> anchors = render::FieldAnchors(*p);
    // The top section: the summary and one-line fields.
    search::Section top{"", "", 0, d.summary};
    for (const config::FieldDef& f : p->type()->fields) {
      auto it = p->src.fields.find(f.name);
      if (it == p->src.fields.end() || f.name == p->type()->summary) continue;
      const content::FieldValue& v = it->second;
      if (f.type == config::FieldType::kString || f.type == config::FieldType::kEnum) {
        top.text += ' ';
        top.text += v.text;
      }
    }
    d.sections.push_back(std::move(top));
    // Field and body sections lend the model's text where it is used whole
    // (the model outlives the index build), so page text is not copied.
    for (const config::FieldDef& f : p->type()->fields) {
      auto a = anchors.find(f.name);
      if (a == anchors.end()) continue;
      const content::FieldValue& v = p->src.fields.at(f.name);
      search::Section& s = d.sections.emplace_back(search::Section{f.label, a->second, 2, {}});
      if (f.type == config::FieldType::kText) s.borrowed_text = v.text;
      if (v.items.empty() && v.entries.empty()) continue;
      s.text = s.borrowed_text;
      auto add = [&s](const std::string& item) {
        if (!s.text.empty()) s.text += ' ';
        s.text += item;
      };
      for (const std::string& item : v.items) add(item);
      for (const auto& [key, items] : v.entries)
        for (const std::string& item : items) add(item);
    }
    for (const markdown::Section& s : p->body.sections) {
      if (s.heading.empty()) {
        d.sections.front().text += ' ';
        d.sections.front().text += s.text;
        continue;
      }
      d.sections.push_back({s.heading, s.anchor, s.level, {}, s.text});
    }
    // Facets: the titles of related pages of the configured facet types,
    // whichever side of the relation this page is on.
    for (const std::string& facet_type : c.search_facets) {
      const config::TypeDef* ft = c.FindType(facet_type);
      std::vector<std::string> values;
      if (p->type()->id == facet_type) values.push_back(p->title());
      for (const model::ResolvedRelation& rr : p->relations)
        if (rr.def->target == facet_type)
          for (const model::Page* t : rr.targets) values.push_back(t->title());
      for (const model::Backlinks& b : p->backlinks)
        if (b.source_type->id == facet_type)
          for (const model::Page* t : b.pages) values.push_back(t->title());
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      if (!values.empty()) d.facets[ft->name] = std::move(values);
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace kapstok::pipeline
