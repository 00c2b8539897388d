#include "render/views.h"

#include <set>

#include "base/text.h"

namespace kapstok::render {

using tmpl::Value;

std::string AbsoluteUrl(const config::SiteConfig& config, const std::string& url) {
  return config.base_url + url;
}

std::string EditUrl(const config::SiteConfig& config, const std::string& path) {
  if (config.repository.empty()) return {};
  return config.repository + "/edit/" + config.branch + "/" + path;
}

SharedViews::SharedViews(const model::SiteModel& model, const Theme& theme)
    : model_(model), theme_(theme) {
  const config::SiteConfig& c = model.config();
  site_.Set("title", c.title);
  site_.Set("description", c.description);
  site_.Set("language", c.language);
  site_.Set("base_url", c.base_url);
  site_.Set("repository", c.repository);
  if (c.reflection) {  // the reflection page, rendered by the `reflect` stage
    Value reflection;
    reflection.Set("title", c.reflection->title);
    reflection.Set("url", c.reflection->slug + "/");
    site_.Set("reflection", std::move(reflection));
  }
  Value strings;
  for (const auto& [k, v] : theme.strings) strings.Set(k, v);
  strings_ = std::make_shared<const Value>(std::move(strings));
  for (const auto& p : model.pages()) refs_[p.get()] = MakeRef(*p);
  MakeStandalone();
}

std::shared_ptr<const Value> SharedViews::MakeRef(const model::Page& p) {
  Value ref;
  ref.Set("title", p.title());
  ref.Set("url", p.url);
  ref.Set("id", p.id());
  ref.Set("type", p.type()->id);
  ref.Set("type_name", p.type()->name);
  ref.Set("summary", p.SummaryText());
  ref.Set("incomplete", p.src.incomplete);
  return std::make_shared<const Value>(std::move(ref));
}

void SharedViews::MakeStandalone() {
  Value standalone{Value::List{}};
  for (const config::TypeDef& t : model_.config().types)
    if (!t.list)
      for (const model::Page* p : model_.PagesOfType(t.id)) standalone.Push(Ref(p));
  standalone_ = std::make_shared<const Value>(std::move(standalone));
}

void SharedViews::Refresh(const model::Page* page) {
  refs_[page] = MakeRef(*page);
  if (!page->type()->list) MakeStandalone();
}

Value SharedViews::Ref(const model::Page* page) const {
  auto it = refs_.find(page);
  return it == refs_.end() ? Value() : Value::Shared(it->second);
}

Value SharedViews::Frame(const std::string& root, const std::string& title,
                         const std::string& current_type, const std::string& url) const {
  const config::SiteConfig& c = model_.config();
  Value v;
  v.Set("root", root.empty() ? "./" : root);
  v.Set("site", site_);
  v.Set("t", Value::Shared(strings_));
  v.Set("lang", c.language);
  v.Set("page_title", title.empty() || title == c.title ? c.title : title + " | " + c.title);
  v.Set("canonical", AbsoluteUrl(c, url));
  Value menu{Value::List{}};
  for (const std::string& type_id : c.menu) {
    const config::TypeDef* t = c.FindType(type_id);
    if (!t || !t->list) continue;
    Value item;
    item.Set("title", t->plural);
    item.Set("url", t->folder + "/");
    item.Set("current", type_id == current_type);
    menu.Push(std::move(item));
  }
  v.Set("menu", std::move(menu));
  v.Set("standalone_pages", Value::Shared(standalone_));
  return v;
}

namespace {

Value RefList(const SharedViews& shared, const std::vector<const model::Page*>& pages) {
  Value list{Value::List{}};
  for (const model::Page* p : pages) list.Push(shared.Ref(p));
  return list;
}

std::string ScalarText(const content::FieldValue& v) {
  switch (v.type) {
    case config::FieldType::kInt: return std::to_string(v.number);
    case config::FieldType::kBool: return v.flag ? "ja" : "nee";
    default: return v.text;
  }
}

}  // namespace

std::map<std::string, std::string> FieldAnchors(const model::Page& page) {
  std::set<std::string> ids;
  for (const markdown::Heading& h : page.body.headings) ids.insert(h.id);
  std::map<std::string, std::string> out;
  for (const config::FieldDef& def : page.type()->fields) {
    if (def.type != config::FieldType::kText && def.type != config::FieldType::kList &&
        def.type != config::FieldType::kMap)
      continue;
    if (!page.src.fields.count(def.name) || def.name == page.type()->summary) continue;
    std::string id = Slugify(def.label);
    if (id.empty()) id = "veld";
    std::string candidate = id;
    for (int n = 2; !ids.insert(candidate).second; ++n) candidate = id + "-" + std::to_string(n);
    out[def.name] = candidate;
  }
  return out;
}

Value PageView(const SharedViews& shared, const model::Page& page) {
  const model::SiteModel& model = shared.model();
  const config::TypeDef& type = *page.type();
  Value v;
  v.Set("title", page.title());
  v.Set("id", page.id());
  v.Set("url", page.url);
  v.Set("type", type.id);
  v.Set("type_name", type.name);
  v.Set("type_plural", type.plural);
  v.Set("type_url", type.list ? type.folder + "/" : "");
  v.Set("incomplete", page.src.incomplete);
  v.Set("draft", page.src.draft);
  // Only when there is one: an empty string is truthy in Mustache, and the
  // template would show an "edit" link to nowhere.
  if (std::string edit = EditUrl(model.config(), "content/" + page.src.rel_path); !edit.empty())
    v.Set("edit_url", edit);
  v.Set("source_path", page.src.path);
  v.Set("body_html", page.body.html);
  v.Set("has_body", !Trim(page.body.html).empty());
  if (auto it = page.text_html.find(type.summary); it != page.text_html.end())
    v.Set("summary_html", it->second);

  const std::map<std::string, std::string> anchors = FieldAnchors(page);

  Value facts{Value::List{}}, sections{Value::List{}}, toc{Value::List{}}, f;
  for (const config::FieldDef& def : type.fields) {
    auto it = page.src.fields.find(def.name);
    if (it == page.src.fields.end()) continue;
    if (def.name == type.summary || def.name == type.order_by) continue;
    const content::FieldValue& fv = it->second;
    Value field;
    field.Set("name", def.name);
    field.Set("label", def.label);
    switch (def.type) {
      case config::FieldType::kText: {
        field.Set("html", page.text_html.at(def.name));
        field.Set("is_text", true);
        break;
      }
      case config::FieldType::kList: {
        Value items{Value::List{}};
        for (const std::string& html : page.list_html.at(def.name)) {
          Value item;
          item.Set("html", html);
          items.Push(std::move(item));
        }
        field.Set("items", std::move(items));
        field.Set("is_list", true);
        break;
      }
      case config::FieldType::kMap: {
        Value rows{Value::List{}};
        for (const auto& [key, items_html] : page.map_html.at(def.name)) {
          Value row;
          const model::Page* key_page = model.Find(def.keys, key);
          row.Set("key", key_page ? shared.Ref(key_page) : Value(key));
          Value items{Value::List{}};
          for (const std::string& html : items_html) {
            Value item;
            item.Set("html", html);
            items.Push(std::move(item));
          }
          row.Set("items", std::move(items));
          rows.Push(std::move(row));
        }
        field.Set("rows", std::move(rows));
        field.Set("is_map", true);
        break;
      }
      case config::FieldType::kUrl:
        field.Set("value", fv.text);
        field.Set("is_url", true);
        break;
      default:
        field.Set("value", ScalarText(fv));
        field.Set("is_scalar", true);
    }
    bool is_section = def.type == config::FieldType::kText || def.type == config::FieldType::kList ||
                      def.type == config::FieldType::kMap;
    if (is_section) {
      const std::string& id = anchors.at(def.name);
      field.Set("anchor", id);
      Value entry;
      entry.Set("id", id);
      entry.Set("text", def.label);
      toc.Push(std::move(entry));
    }
    f.Set(def.name, field);
    (is_section ? sections : facts).Push(std::move(field));
  }
  for (const markdown::Heading& h : page.body.headings) {
    if (h.level != 2) continue;
    Value entry;
    entry.Set("id", h.id);
    entry.Set("text", h.text);
    toc.Push(std::move(entry));
  }
  v.Set("has_facts", !facts.as_list().empty());
  v.Set("facts", std::move(facts));
  v.Set("sections", std::move(sections));
  v.Set("f", std::move(f));

  Value relations{Value::List{}};
  for (const model::ResolvedRelation& rr : page.relations) {
    if (rr.targets.empty()) continue;
    if (rr.def->target == model.config().citations) continue;  // shown as sources
    Value r;
    r.Set("name", rr.def->name);
    r.Set("label", rr.def->label);
    r.Set("items", RefList(shared, rr.targets));
    relations.Push(std::move(r));
  }
  Value backlinks{Value::List{}};
  for (const model::Backlinks& b : page.backlinks) {
    Value r;
    r.Set("label", b.relation->inverse);
    r.Set("type", b.source_type->id);
    r.Set("items", RefList(shared, b.pages));
    r.Set("count", static_cast<int64_t>(b.pages.size()));
    backlinks.Push(std::move(r));
  }
  bool has_relations = !relations.as_list().empty() || !backlinks.as_list().empty();
  v.Set("relations", std::move(relations));
  v.Set("backlinks", std::move(backlinks));
  v.Set("has_relations", has_relations);
  v.Set("sources", RefList(shared, page.sources));
  v.Set("has_sources", !page.sources.empty());
  bool has_toc = toc.as_list().size() >= 2;
  v.Set("toc", std::move(toc));
  v.Set("has_toc", has_toc);

  Value crumbs{Value::List{}};
  Value home;
  home.Set("title", shared.theme().String("home"));
  home.Set("url", "");
  crumbs.Push(std::move(home));
  if (type.list) {
    Value list;
    list.Set("title", type.plural);
    list.Set("url", type.folder + "/");
    crumbs.Push(std::move(list));
  }
  v.Set("breadcrumbs", std::move(crumbs));
  return v;
}

}  // namespace kapstok::render
