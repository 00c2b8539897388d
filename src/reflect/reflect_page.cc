#include "reflect/reflect_page.h"

#include <nlohmann/json.hpp>

#include "render/site_renderer.h"

namespace kapstok::reflect {

using tmpl::Value;

namespace {

// Every '<' as \u003c: valid JSON (it can only occur inside strings) that no
// HTML parser reads as the end of the <script> element.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

nlohmann::json SubjectJson(const Subject& s, const std::string& root) {
  nlohmann::json j;
  j["id"] = s.page->id();
  j["title"] = s.page->title();
  j["url"] = root + s.page->url;
  nlohmann::json statements = nlohmann::json::array();
  for (const Statement& st : s.statements)
    statements.push_back({{"id", st.id}, {"text", st.text}});
  j["statements"] = std::move(statements);
  nlohmann::json related = nlohmann::json::array();
  for (const RelatedGroup& g : s.related) {
    nlohmann::json items = nlohmann::json::array();
    for (const model::Page* p : g.pages)
      items.push_back({{"title", p->title()}, {"url", root + p->url}});
    related.push_back({{"type", g.type->id}, {"label", g.type->plural}, {"items", items}});
  }
  j["related"] = std::move(related);
  return j;
}

// Answer options of every statement: the scale ("1".."n") then "na".
Value Options(const config::ReflectionDef& def) {
  Value options{Value::List{}};
  for (size_t i = 0; i < def.scale.size(); ++i) {
    Value o;
    o.Set("value", std::to_string(i + 1));
    o.Set("label", def.scale[i]);
    options.Push(std::move(o));
  }
  Value na;
  na.Set("value", "na");
  na.Set("label", def.not_applicable);
  na.Set("is_na", true);
  options.Push(std::move(na));
  return options;
}

Value SubjectView(const render::SharedViews& shared, const Subject& s, size_t index) {
  Value v = shared.Ref(s.page);
  Value out;
  for (const char* key : {"title", "url", "id", "summary"})
    if (const Value* x = v.Find(key)) out.Set(key, *x);
  out.Set("number", static_cast<int64_t>(index + 1));
  Value statements{Value::List{}};
  for (size_t i = 0; i < s.statements.size(); ++i) {
    Value st;
    st.Set("statement_id", s.statements[i].id);
    st.Set("html", s.statements[i].html);
    st.Set("statement_number", static_cast<int64_t>(i + 1));
    statements.Push(std::move(st));
  }
  out.Set("statement_count", static_cast<int64_t>(s.statements.size()));
  out.Set("has_statements", !s.statements.empty());
  out.Set("statements", std::move(statements));
  return out;
}

}  // namespace

std::string ReflectionJson(const Reflection& reflection, const config::SiteConfig& config,
                           const render::Theme& theme, const std::string& root) {
  const config::ReflectionDef& def = *reflection.def;
  nlohmann::json j;
  j["format"] = "kapstok-reflectie";
  j["version"] = 1;
  j["slug"] = def.slug;
  j["title"] = def.title;
  j["storage_key"] = "kapstok-reflectie:" + config.base_url + def.slug;
  j["scale"] = def.scale;
  j["not_applicable"] = def.not_applicable;
  j["weakest"] = def.weakest;
  j["highlights"] = def.highlights;
  j["type_name"] = reflection.type ? reflection.type->name : def.type;
  nlohmann::json subjects = nlohmann::json::array();
  for (const Subject& s : reflection.subjects) subjects.push_back(SubjectJson(s, root));
  j["subjects"] = std::move(subjects);
  nlohmann::json strings = nlohmann::json::object();
  for (const auto& [key, text] : theme.strings)
    if (key.rfind("reflect_", 0) == 0) strings[key.substr(8)] = text;
  j["strings"] = std::move(strings);
  return ScriptSafe(j.dump());
}

OutputFiles RenderReflection(const model::SiteModel& model, const render::Theme& theme,
                             DiagnosticSink* sink) {
  const config::SiteConfig& c = model.config();
  if (!c.reflection) return {};
  if (!theme.templates->Has(kTemplateName)) {
    if (sink)
      sink->Warning({c.path, 0, 0},
                    "the theme has no template '" + std::string(kTemplateName) +
                        "', so the reflection page '" + c.reflection->slug + "/' is not made",
                    "add templates/" + std::string(kTemplateName) +
                        ".mustache, or remove 'reflection:' from kapstok.yaml");
    return {};
  }
  const config::ReflectionDef& def = *c.reflection;
  Reflection reflection = BuildReflection(model);
  render::SharedViews shared(model, theme);
  const std::string url = def.slug + "/";
  const std::string root = model::RootFor(url);
  Value frame = shared.Frame(root, def.title, "", url);
  Value view;
  view.Set("title", def.title);
  view.Set("intro", def.intro);
  view.Set("type_name", reflection.type ? reflection.type->name : def.type);
  view.Set("type_plural", reflection.type ? reflection.type->plural : def.type);
  view.Set("statement_count", static_cast<int64_t>(reflection.statement_count));
  view.Set("subject_count", static_cast<int64_t>(reflection.subjects.size()));
  view.Set("scale_low", def.scale.empty() ? "" : def.scale.front());
  view.Set("scale_high", def.scale.empty() ? "" : def.scale.back());
  view.Set("scale_max", static_cast<int64_t>(def.scale.size()));
  view.Set("not_applicable", def.not_applicable);
  view.Set("options", Options(def));
  Value subjects{Value::List{}};
  for (size_t i = 0; i < reflection.subjects.size(); ++i)
    subjects.Push(SubjectView(shared, reflection.subjects[i], i));
  view.Set("subjects", std::move(subjects));
  view.Set("data_json", ReflectionJson(reflection, c, theme, root));
  frame.Set("reflection", std::move(view));
  return {{url + "index.html", render::RenderWith(theme, kTemplateName, frame)}};
}

}  // namespace kapstok::reflect
