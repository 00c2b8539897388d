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

namespace {

// A value that reads `v` in place: a tmpl::Value::Shared with no owner, so
// copying it touches no reference count. `v` must outlive it.
Value Borrow(const Value& v) {
  return Value::Shared(std::shared_ptr<const Value>(std::shared_ptr<const Value>(), &v));
}

// `s` read in place (tmpl::Value::Borrowed): for strings of the model and
// the config, which outlive every view of a page.
Value B(const std::string& s) { return Value::Borrowed(s); }
Value B(const std::string&& s) = delete;  // (a temporary would dangle)

// An empty object with room for `n` members.
Value ObjectOf(size_t n) {
  Value::Object o;
  o.reserve(n);
  return Value(std::move(o));
}

// The members Frame sets, and room for the one its callers add (the page,
// list, matrix or home view).
constexpr size_t kFrameMembers = 9;

}  // namespace

SharedViews::SharedViews(const model::SiteModel& model, const Theme& theme)
    : model_(model), theme_(theme) {
  const config::SiteConfig& c = model.config();
  site_.Set("base_url", c.base_url);
  site_.Set("description", c.description);
  site_.Set("language", c.language);
  if (c.reflection) {  // the reflection page, rendered by the `reflect` stage
    Value reflection;
    reflection.Set("title", c.reflection->title);
    reflection.Set("url", c.reflection->slug + "/");
    site_.Set("reflection", std::move(reflection));
  }
  site_.Set("repository", c.repository);
  site_.Set("title", c.title);
  for (const auto& [k, v] : theme.strings) strings_.Set(k, v);
  menu_ = MakeMenu("");
  for (const std::string& type_id : c.menu) {
    const config::TypeDef* t = c.FindType(type_id);
    if (t && t->list && !current_menus_.count(type_id))
      current_menus_.emplace(type_id, MakeMenu(type_id));
  }
  for (const config::TypeDef& t : c.types) breadcrumbs_.emplace(&t, MakeBreadcrumbs(t));
  size_t slots = 16;
  while (slots < 2 * (model.pages().size() + 1)) slots *= 2;
  ref_slots_.resize(slots);
  for (const auto& p : model.pages()) AddRef(p.get());
  MakeStandalone();
}

// Members are set in key order throughout: each Set then appends.
Value SharedViews::MakeRef(const model::Page& p) {
  Value ref = ObjectOf(7);
  ref.Set("id", p.id());
  ref.Set("incomplete", p.src.incomplete);
  ref.Set("summary", p.SummaryText());
  ref.Set("title", p.title());
  ref.Set("type", p.type()->id);
  ref.Set("type_name", p.type()->name);
  ref.Set("url", p.url);
  return ref;
}

Value SharedViews::MakeMenu(const std::string& current_type) const {
  const config::SiteConfig& c = model_.config();
  Value menu{Value::List{}};
  for (const std::string& type_id : c.menu) {
    const config::TypeDef* t = c.FindType(type_id);
    if (!t || !t->list) continue;
    Value item;
    item.Set("current", type_id == current_type);
    item.Set("title", t->plural);
    item.Set("url", t->folder + "/");
    menu.Push(std::move(item));
  }
  return menu;
}

Value SharedViews::MakeBreadcrumbs(const config::TypeDef& type) const {
  Value crumbs{Value::List{}};
  Value home;
  home.Set("title", theme_.String("home"));
  home.Set("url", "");
  crumbs.Push(std::move(home));
  if (type.list) {
    Value list;
    list.Set("title", type.plural);
    list.Set("url", type.folder + "/");
    crumbs.Push(std::move(list));
  }
  return crumbs;
}

size_t SharedViews::SlotOf(const model::Page* page) const {
  const size_t mask = ref_slots_.size() - 1;
  // Multiplicative (Fibonacci) hashing, taking bits 32 and up of the
  // product: each depends on all of the address's low 32 bits, where
  // allocations differ (its own low bits only on the address's low bits).
  size_t i = static_cast<size_t>((reinterpret_cast<uintptr_t>(page) * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  while (ref_slots_[i].page != nullptr && ref_slots_[i].page != page) i = (i + 1) & mask;
  return i;
}

void SharedViews::AddRef(const model::Page* page) {
  if (size_t i = SlotOf(page); ref_slots_[i].page == page) {
    *ref_slots_[i].ref = MakeRef(*page);  // in place: borrowed values see it
    return;
  }
  if (2 * (refs_.size() + 1) > ref_slots_.size()) {
    std::vector<RefSlot> old(2 * ref_slots_.size());
    old.swap(ref_slots_);
    for (const RefSlot& s : old)
      if (s.page != nullptr) ref_slots_[SlotOf(s.page)] = s;
  }
  refs_.push_back(MakeRef(*page));
  ref_slots_[SlotOf(page)] = RefSlot{page, &refs_.back()};
}

void SharedViews::MakeStandalone() {
  Value standalone{Value::List{}};
  for (const config::TypeDef& t : model_.config().types)
    if (!t.list)
      for (const model::Page* p : model_.PagesOfType(t.id)) standalone.Push(Ref(p));
  standalone_ = std::move(standalone);
}

void SharedViews::Refresh(const model::Page* page) {
  AddRef(page);
  if (!page->type()->list) MakeStandalone();
}

Value SharedViews::Ref(const model::Page* page) const {
  const RefSlot& s = ref_slots_[SlotOf(page)];
  return s.page == nullptr ? Value() : Borrow(*s.ref);
}

Value SharedViews::Frame(const std::string& root, const std::string& title,
                         const std::string& current_type, const std::string& url) const {
  const config::SiteConfig& c = model_.config();
  auto menu = current_menus_.find(current_type);
  Value v = ObjectOf(kFrameMembers);
  v.Set("canonical", AbsoluteUrl(c, url));
  v.Set("lang", B(c.language));
  v.Set("menu", Borrow(menu == current_menus_.end() ? menu_ : menu->second));
  v.Set("page_title", title.empty() || title == c.title ? c.title : title + " | " + c.title);
  v.Set("root", root.empty() ? "./" : root);
  v.Set("site", Borrow(site_));
  v.Set("standalone_pages", Borrow(standalone_));
  v.Set("t", Borrow(strings_));
  return v;
}

Value SharedViews::Breadcrumbs(const config::TypeDef& type) const {
  auto it = breadcrumbs_.find(&type);
  return it == breadcrumbs_.end() ? MakeBreadcrumbs(type) : Borrow(it->second);
}

namespace {

Value RefList(const SharedViews& shared, const std::vector<const model::Page*>& pages) {
  Value::List list;
  list.reserve(pages.size());
  for (const model::Page* p : pages) list.push_back(shared.Ref(p));
  return Value(std::move(list));
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
  std::map<std::string, std::string> out;
  std::set<std::string> ids;  // taken: the body's heading ids, then the fields'
  bool have_ids = false;      // (collected at the first field section, if any)
  for (const config::FieldDef& def : page.type()->fields) {
    if (def.type != config::FieldType::kText && def.type != config::FieldType::kList &&
        def.type != config::FieldType::kMap)
      continue;
    if (!page.src.fields.count(def.name) || def.name == page.type()->summary) continue;
    if (!have_ids) {
      for (const markdown::Heading& h : page.body.headings) ids.insert(h.id);
      have_ids = true;
    }
    std::string id = Slugify(def.label);
    if (id.empty()) id = "veld";
    std::string candidate = id;
    for (int n = 2; !ids.insert(candidate).second; ++n) candidate = id + "-" + std::to_string(n);
    out[def.name] = candidate;
  }
  return out;
}

namespace {

// Views are built with their final number of members reserved, and members
// are set in key order: a view's members are one flat sorted vector, so each
// Set then appends in place, with no reallocation that moves the members
// already set (a page view allocates each object once).

// [{html}] for inline HTML items.
Value HtmlItems(const std::vector<std::string>& htmls) {
  Value::List items;
  items.reserve(htmls.size());
  for (const std::string& html : htmls) {
    items.push_back(ObjectOf(1));
    items.back().Set("html", B(html));
  }
  return Value(std::move(items));
}

// A table-of-contents entry {id, text}.
Value TocEntry(Value id, Value text) {
  Value entry = ObjectOf(2);
  entry.Set("id", std::move(id));
  entry.Set("text", std::move(text));
  return entry;
}

bool IsSection(config::FieldType type) {
  return type == config::FieldType::kText || type == config::FieldType::kList ||
         type == config::FieldType::kMap;
}

// The rows {items, key} of a map field: the key is the keyed page's
// reference when there is one, else the key as written.
Value MapRows(const SharedViews& shared, const model::Page& page, const config::FieldDef& def) {
  const auto& keyed = page.map_html.at(def.name);
  Value::List rows;
  rows.reserve(keyed.size());
  for (const auto& [key, items_html] : keyed) {
    Value row = ObjectOf(2);
    row.Set("items", HtmlItems(items_html));
    const model::Page* key_page = shared.model().Find(def.keys, key);
    row.Set("key", key_page ? shared.Ref(key_page) : B(key));
    rows.push_back(std::move(row));
  }
  return Value(std::move(rows));
}

// One field's view {anchor (sections), html | items | rows | value, is_<kind>,
// label, name}; `anchor` is the section's id, null for a fact.
Value FieldView(const SharedViews& shared, const model::Page& page, const config::FieldDef& def,
                const content::FieldValue& fv, const std::string* anchor) {
  Value field = ObjectOf(5);
  if (anchor) field.Set("anchor", *anchor);
  switch (def.type) {
    case config::FieldType::kText:
      field.Set("html", B(page.text_html.at(def.name)));
      field.Set("is_text", true);
      break;
    case config::FieldType::kList:
      field.Set("is_list", true);
      field.Set("items", HtmlItems(page.list_html.at(def.name)));
      break;
    case config::FieldType::kMap:
      field.Set("is_map", true);
      break;
    case config::FieldType::kUrl:
      field.Set("is_url", true);
      break;
    default:
      field.Set("is_scalar", true);
  }
  field.Set("label", B(def.label));
  field.Set("name", B(def.name));
  switch (def.type) {
    case config::FieldType::kText:
    case config::FieldType::kList:
      break;
    case config::FieldType::kMap:
      field.Set("rows", MapRows(shared, page, def));
      break;
    case config::FieldType::kUrl:
      field.Set("value", B(fv.text));
      break;
    default:
      field.Set("value", ScalarText(fv));
  }
  return field;
}

// A page's fields and table of contents: each field is both f.<name> and an
// item of facts or sections (one value shared by the two); the toc lists the
// sections, then the body's level-2 headings.
struct FieldViews {
  Value f;
  Value::List facts, sections, toc;
};

FieldViews MakeFieldViews(const SharedViews& shared, const model::Page& page) {
  const config::TypeDef& type = *page.type();
  const std::map<std::string, std::string> anchors = FieldAnchors(page);
  FieldViews out;  // f stays null without fields (an empty object is truthy)
  out.toc.reserve(anchors.size() + page.body.headings.size());
  for (const config::FieldDef& def : type.fields) {
    auto it = page.src.fields.find(def.name);
    if (it == page.src.fields.end()) continue;
    if (def.name == type.summary || def.name == type.order_by) continue;
    const bool is_section = IsSection(def.type);
    const std::string* anchor = is_section ? &anchors.at(def.name) : nullptr;
    if (anchor) out.toc.push_back(TocEntry(*anchor, B(def.label)));
    auto shared_field =
        std::make_shared<const Value>(FieldView(shared, page, def, it->second, anchor));
    if (out.f.is_null()) out.f = ObjectOf(type.fields.size());
    out.f.Set(def.name, Value::Shared(shared_field));
    (is_section ? out.sections : out.facts).push_back(Value::Shared(std::move(shared_field)));
  }
  for (const markdown::Heading& h : page.body.headings)
    if (h.level == 2) out.toc.push_back(TocEntry(B(h.id), B(h.text)));
  return out;
}

// [{items, label, name}] for the relations with targets, but the citations
// (shown as sources).
Value RelationViews(const SharedViews& shared, const model::Page& page) {
  Value::List relations;
  relations.reserve(page.relations.size());
  for (const model::ResolvedRelation& rr : page.relations) {
    if (rr.targets.empty()) continue;
    if (rr.def->target == shared.model().config().citations) continue;
    Value r = ObjectOf(3);
    r.Set("items", RefList(shared, rr.targets));
    r.Set("label", B(rr.def->label));
    r.Set("name", B(rr.def->name));
    relations.push_back(std::move(r));
  }
  return Value(std::move(relations));
}

// [{count, items, label, type}] for the page's backlinks.
Value BacklinkViews(const SharedViews& shared, const model::Page& page) {
  Value::List backlinks;
  backlinks.reserve(page.backlinks.size());
  for (const model::Backlinks& b : page.backlinks) {
    Value r = ObjectOf(4);
    r.Set("count", static_cast<int64_t>(b.pages.size()));
    r.Set("items", RefList(shared, b.pages));
    r.Set("label", B(b.relation->inverse));
    r.Set("type", B(b.source_type->id));
    backlinks.push_back(std::move(r));
  }
  return Value(std::move(backlinks));
}

// The members PageView sets (26 at most), and room for the few that
// RenderOptions::decorate_page adds (print: up to 4).
constexpr size_t kPageViewMembers = 30;

}  // namespace

Value PageView(const SharedViews& shared, const model::Page& page) {
  const model::SiteModel& model = shared.model();
  const config::TypeDef& type = *page.type();
  FieldViews fields = MakeFieldViews(shared, page);
  Value relations = RelationViews(shared, page);
  Value backlinks = BacklinkViews(shared, page);
  const bool has_facts = !fields.facts.empty();
  const bool has_relations = !relations.as_list().empty() || !backlinks.as_list().empty();
  const bool has_toc = fields.toc.size() >= 2;

  Value v = ObjectOf(kPageViewMembers);
  v.Set("backlinks", std::move(backlinks));
  v.Set("body_html", B(page.body.html));
  v.Set("breadcrumbs", shared.Breadcrumbs(type));
  v.Set("draft", page.src.draft);
  // Only when there is one: an empty string is truthy in Mustache, and the
  // template would show an "edit" link to nowhere.
  if (!model.config().repository.empty())  // (EditUrl is "" without one)
    v.Set("edit_url", EditUrl(model.config(), "content/" + page.src.rel_path));
  v.Set("f", std::move(fields.f));
  v.Set("facts", Value(std::move(fields.facts)));
  v.Set("has_body", !Trim(page.body.html).empty());
  v.Set("has_facts", has_facts);
  v.Set("has_relations", has_relations);
  v.Set("has_sources", !page.sources.empty());
  v.Set("has_toc", has_toc);
  v.Set("id", B(page.id()));
  v.Set("incomplete", page.src.incomplete);
  v.Set("relations", std::move(relations));
  v.Set("sections", Value(std::move(fields.sections)));
  v.Set("source_path", B(page.src.path));
  v.Set("sources", RefList(shared, page.sources));
  if (auto it = page.text_html.find(type.summary); it != page.text_html.end())
    v.Set("summary_html", B(it->second));
  v.Set("title", B(page.title()));
  v.Set("toc", Value(std::move(fields.toc)));
  v.Set("type", B(type.id));
  v.Set("type_name", B(type.name));
  v.Set("type_plural", B(type.plural));
  v.Set("type_url", type.list ? type.folder + "/" : "");
  v.Set("url", B(page.url));
  return v;
}

}  // namespace kapstok::render
