#include "reflect/reflection.h"

#include <cstdint>
#include <set>

namespace kapstok::reflect {

std::string StatementId(std::string_view subject_id, std::string_view text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(subject_id);
  out += '-';
  for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 0xf];
  return out;
}

namespace {

std::vector<Statement> StatementsOf(const model::Page& page, const std::string& field) {
  std::vector<Statement> out;
  auto it = page.src.fields.find(field);
  if (it == page.src.fields.end()) return out;
  const std::vector<std::string>& items = it->second.items;
  auto html = page.list_html.find(field);
  std::set<std::string> used;
  for (size_t i = 0; i < items.size(); ++i) {
    Statement s;
    s.text = items[i];
    bool has_html = html != page.list_html.end() && i < html->second.size();
    s.html = has_html ? html->second[i] : items[i];
    std::string base = StatementId(page.id(), s.text);
    s.id = base;
    for (int n = 2; !used.insert(s.id).second; ++n) s.id = base + "-" + std::to_string(n);
    out.push_back(std::move(s));
  }
  return out;
}

// Pages of `type_id` that `page` names or that name `page`, in site order.
std::vector<const model::Page*> RelatedPages(const model::SiteModel& model,
                                             const model::Page& page,
                                             const std::string& type_id) {
  std::set<const model::Page*> found;
  for (const model::ResolvedRelation& rr : page.relations)
    if (rr.def->target == type_id) found.insert(rr.targets.begin(), rr.targets.end());
  for (const model::Backlinks& b : page.backlinks)
    if (b.source_type->id == type_id) found.insert(b.pages.begin(), b.pages.end());
  std::vector<const model::Page*> out;
  for (const model::Page* p : model.PagesOfType(type_id))
    if (found.count(p)) out.push_back(p);
  return out;
}

}  // namespace

Reflection BuildReflection(const model::SiteModel& model) {
  const config::SiteConfig& c = model.config();
  Reflection r;
  r.def = &*c.reflection;
  r.type = c.FindType(r.def->type);
  for (const model::Page* page : model.PagesOfType(r.def->type)) {
    Subject s;
    s.page = page;
    s.statements = StatementsOf(*page, r.def->statements);
    r.statement_count += s.statements.size();
    for (const std::string& type_id : r.def->related) {
      RelatedGroup g;
      g.type = c.FindType(type_id);
      g.pages = RelatedPages(model, *page, type_id);
      if (g.type && !g.pages.empty()) s.related.push_back(std::move(g));
    }
    r.subjects.push_back(std::move(s));
  }
  return r;
}

}  // namespace kapstok::reflect
