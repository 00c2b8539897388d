#include "config/config.h"

#include <set>

#include "base/messages.h"
#include "base/text.h"
#include "config/yaml_util.h"

namespace kapstok::config {

std::string_view FieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::kString: return "string";
    case FieldType::kText: return "text";
    case FieldType::kInt: return "int";
    case FieldType::kDate: return "date";
    case FieldType::kBool: return "bool";
    case FieldType::kUrl: return "url";
    case FieldType::kList: return "list";
    case FieldType::kEnum: return "enum";
    case FieldType::kMap: return "map";
  }
  return "?";
}

const FieldDef* TypeDef::FindField(std::string_view n) const {
  for (const FieldDef& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

const RelationDef* TypeDef::FindRelation(std::string_view n) const {
  for (const RelationDef& r : relations)
    if (r.name == n) return &r;
  return nullptr;
}

const TypeDef* SiteConfig::FindType(std::string_view id) const {
  for (const TypeDef& t : types)
    if (t.id == id) return &t;
  return nullptr;
}

const TypeDef* SiteConfig::FindTypeByFolder(std::string_view folder) const {
  for (const TypeDef& t : types)
    if (t.folder == folder) return &t;
  return nullptr;
}

std::vector<std::string> SiteConfig::TypeIds() const {
  std::vector<std::string> ids;
  for (const TypeDef& t : types) ids.push_back(t.id);
  return ids;
}

namespace {

// Reads one YAML mapping against a fixed set of keys and reports unknown or
// mistyped ones. Each Get* returns the default when the key is absent.
class MapReader {
 public:
  MapReader(const YAML::Node& node, const YamlSource& src, DiagnosticSink* sink,
            std::vector<std::string> known, std::string what)
      : node_(node), src_(src), sink_(sink) {
    if (!node.IsMap()) {
      Error(node, Tr("config.not-a-mapping", {what, DescribeValue(node)}));
      return;
    }
    for (const auto& kv : node) {
      std::string key = kv.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string hint;
        std::string near = ClosestMatch(key, known);
        if (!near.empty()) hint = Tr("hint.did-you-mean", {near});
        Error(kv.first, Tr("config.unknown-key", {key, what}), hint);
      }
    }
  }

  YAML::Node Node(const char* key) const { return node_.IsMap() ? node_[key] : YAML::Node(); }

  std::string String(const char* key, std::string def = {}, bool required = false) {
    YAML::Node n = Node(key);
    if (!n.IsDefined() || n.IsNull()) {
      if (required) Error(node_, Tr("config.missing-key", {key}));
      return def;
    }
    if (auto s = ScalarString(n)) return *s;
    Error(n, Tr("config.not-text", {key, DescribeValue(n)}));
    return def;
  }

  bool Bool(const char* key, bool def) {
    YAML::Node n = Node(key);
    if (!n.IsDefined() || n.IsNull()) return def;
    if (auto b = ScalarBool(n)) return *b;
    Error(n, Tr("config.not-bool", {key, DescribeValue(n)}));
    return def;
  }

  std::optional<int64_t> Int(const char* key) {
    YAML::Node n = Node(key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    if (auto v = ScalarInt(n)) return v;
    Error(n, Tr("config.not-int", {key, DescribeValue(n)}));
    return std::nullopt;
  }

  std::vector<std::string> StringList(const char* key) {
    std::vector<std::string> out;
    YAML::Node n = Node(key);
    if (!n.IsDefined() || n.IsNull()) return out;
    if (!n.IsSequence()) {
      Error(n, Tr("config.not-list", {key, DescribeValue(n)}));
      return out;
    }
    for (const auto& item : n) {
      if (auto s = ScalarString(item)) out.push_back(*s);
      else Error(item, Tr("config.list-items-not-text", {key}));
    }
    return out;
  }

  void Error(const YAML::Node& at, std::string message, std::string hint = {}) {
    sink_->Report(DiagnosticAt(src_, at, Severity::kError, std::move(message), std::move(hint)));
  }

 private:
  YAML::Node node_;
  const YamlSource& src_;
  DiagnosticSink* sink_;
};

std::optional<FieldType> ParseFieldType(std::string_view s) {
  static const std::pair<const char*, FieldType> kTypes[] = {
      {"string", FieldType::kString}, {"text", FieldType::kText}, {"int", FieldType::kInt},
      {"date", FieldType::kDate},     {"bool", FieldType::kBool}, {"url", FieldType::kUrl},
      {"list", FieldType::kList},     {"enum", FieldType::kEnum}, {"map", FieldType::kMap}};
  for (const auto& [name, t] : kTypes)
    if (s == name) return t;
  return std::nullopt;
}

// Names that content front matter reserves for itself.
const std::vector<std::string>& BuiltinKeys() {
  static const std::vector<std::string> k = {"title", "id", "draft", "incomplete"};
  return k;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

FieldDef ParseField(const std::string& name, const YAML::Node& node, const YamlSource& src,
                    DiagnosticSink* sink) {
  MapReader r(node, src, sink, {"type", "required", "min", "max", "values", "keys", "label"},
              Tr("config.what-field", {name}));
  FieldDef f;
  f.name = name;
  std::string type = r.String("type", "", true);
  if (!type.empty()) {
    if (auto t = ParseFieldType(type)) {
      f.type = *t;
    } else {
      std::vector<std::string> names = {"string", "text", "int", "date", "bool",
                                        "url",    "list", "enum", "map"};
      std::string near = ClosestMatch(type, names);
      r.Error(r.Node("type"), Tr("config.unknown-field-type", {type}),
              near.empty() ? Tr("config.unknown-field-type.hint")
                           : Tr("hint.did-you-mean", {near}));
    }
  }
  f.required = r.Bool("required", false);
  f.min = r.Int("min");
  f.max = r.Int("max");
  f.values = r.StringList("values");
  f.keys = r.String("keys");
  f.label = r.String("label", name);
  if (f.type == FieldType::kEnum && f.values.empty())
    r.Error(node, Tr("config.enum-needs-values", {name}));
  if (f.type == FieldType::kMap && f.keys.empty())
    r.Error(node, Tr("config.map-needs-keys", {name}));
  return f;
}

RelationDef ParseRelation(const std::string& name, const YAML::Node& node,
                          const YamlSource& src, DiagnosticSink* sink) {
  MapReader r(node, src, sink, {"target", "many", "required", "min", "label", "inverse"},
              Tr("config.what-relation", {name}));
  RelationDef rel;
  rel.name = name;
  rel.target = r.String("target", "", true);
  rel.many = r.Bool("many", false);
  rel.required = r.Bool("required", false);
  rel.min = static_cast<int>(r.Int("min").value_or(rel.required ? 1 : 0));
  rel.label = r.String("label");
  rel.inverse = r.String("inverse");
  return rel;
}

TypeDef ParseType(const std::string& id, const YAML::Node& node, const YamlSource& src,
                  DiagnosticSink* sink) {
  MapReader r(node, src, sink,
              {"folder", "name", "plural", "url", "list", "order_by", "summary", "description",
               "fields", "relations"},
              Tr("config.what-type", {id}));
  TypeDef t;
  t.id = id;
  t.folder = r.String("folder", id);
  t.name = r.String("name", id);
  t.plural = r.String("plural", t.name);
  t.url = r.String("url", "{folder}/{slug}/");
  t.list = r.Bool("list", true);
  t.order_by = r.String("order_by");
  t.summary = r.String("summary");
  t.description = r.String("description");
  if (!IsIdentifier(t.folder) || t.folder == "assets" || t.folder == "search")
    r.Error(r.Node("folder"), Tr("config.bad-folder", {t.folder}));
  if (t.url.find("{slug}") == std::string::npos || t.url.find("..") != std::string::npos ||
      t.url.front() == '/' || t.url.back() != '/')
    r.Error(r.Node("url"), Tr("config.bad-url-pattern", {t.url}));
  YAML::Node fields = r.Node("fields");
  if (fields.IsDefined() && !fields.IsNull()) {
    if (!fields.IsMap()) {
      r.Error(fields, Tr("config.fields-not-mapping"));
    } else {
      for (const auto& kv : fields) {
        std::string name = kv.first.Scalar();
        if (std::find(BuiltinKeys().begin(), BuiltinKeys().end(), name) != BuiltinKeys().end())
          r.Error(kv.first, Tr("config.reserved-field", {name}));
        t.fields.push_back(ParseField(name, kv.second, src, sink));
      }
    }
  }
  YAML::Node rels = r.Node("relations");
  if (rels.IsDefined() && !rels.IsNull()) {
    if (!rels.IsMap()) {
      r.Error(rels, Tr("config.relations-not-mapping"));
    } else {
      for (const auto& kv : rels) {
        std::string name = kv.first.Scalar();
        if (t.FindField(name)) r.Error(kv.first, Tr("config.field-and-relation", {name}));
        t.relations.push_back(ParseRelation(name, kv.second, src, sink));
      }
    }
  }
  return t;
}

void CheckReferences(SiteConfig& c, const YAML::Node& root, const YamlSource& src,
                     DiagnosticSink* sink) {
  std::vector<std::string> ids = c.TypeIds();
  auto check = [&](const std::string& id, const YAML::Node& at, const std::string& what) {
    if (id.empty() || c.FindType(id)) return;
    std::string near = ClosestMatch(id, ids);
    sink->Report(DiagnosticAt(src, at, Severity::kError,
                              Tr("config.unknown-type", {what, id}),
                              near.empty() ? "" : Tr("hint.did-you-mean", {near})));
  };
  YAML::Node types = root["types"];
  std::set<std::string> folders;
  for (TypeDef& t : c.types) {
    YAML::Node tn = types[t.id];
    if (!folders.insert(t.folder).second)
      sink->Report(DiagnosticAt(src, tn, Severity::kError,
                                Tr("config.duplicate-folder", {t.folder})));
    for (RelationDef& rel : t.relations) {
      check(rel.target, tn["relations"][rel.name]["target"],
            Tr("config.what-relation", {rel.name}));
      if (const TypeDef* target = c.FindType(rel.target)) {
        if (rel.label.empty()) rel.label = rel.many ? target->plural : target->name;
        if (rel.inverse.empty()) rel.inverse = t.plural;
      }
    }
    for (const FieldDef& f : t.fields)
      if (f.type == FieldType::kMap)
        check(f.keys, tn["fields"][f.name], Tr("config.what-field", {f.name}));
    if (!t.order_by.empty() && !t.FindField(t.order_by))
      sink->Report(DiagnosticAt(src, tn["order_by"], Severity::kError,
                                Tr("config.unknown-field", {"order_by", t.order_by})));
    if (!t.summary.empty() && !t.FindField(t.summary))
      sink->Report(DiagnosticAt(src, tn["summary"], Severity::kError,
                                Tr("config.unknown-field", {"summary", t.summary})));
  }
  YAML::Node site = root["site"];
  for (size_t i = 0; i < c.menu.size(); ++i) check(c.menu[i], site["menu"][i], "menu");
  for (size_t i = 0; i < c.search_facets.size(); ++i)
    check(c.search_facets[i], site["search"]["facets"][i], Tr("config.what-search-facet"));
  check(c.citations, site["citations"], "citations");
  if (c.feed) check(c.feed->type, site["feed"]["type"], "feed");
  for (size_t i = 0; i < c.matrices.size(); ++i) {
    const MatrixDef& m = c.matrices[i];
    YAML::Node mn = root["matrices"][i];
    check(m.rows, mn["rows"], Tr("config.what-matrix-rows"));
    check(m.columns, mn["columns"], Tr("config.what-matrix-columns"));
    const TypeDef* rows = c.FindType(m.rows);
    const FieldDef* f = rows ? rows->FindField(m.field) : nullptr;
    if (rows && (!f || f->type != FieldType::kMap || f->keys != m.columns))
      sink->Report(DiagnosticAt(src, mn["field"], Severity::kError,
                                Tr("config.bad-matrix-field", {m.field, m.rows, m.columns})));
  }
}

// The `reflection:` section; references to types and fields are checked
// later, in CheckReflection, once every type is known.
ReflectionDef ParseReflection(const YAML::Node& node, const YamlSource& src,
                              DiagnosticSink* sink) {
  MapReader r(node, src, sink,
              {"slug", "title", "intro", "type", "statements", "scale", "not_applicable",
               "related", "weakest", "highlights"},
              "reflection");
  ReflectionDef d;
  d.slug = r.String("slug", "reflectie");
  d.title = r.String("title", "", true);
  d.intro = r.String("intro");
  d.type = r.String("type", "", true);
  d.statements = r.String("statements", "", true);
  d.scale = r.StringList("scale");
  d.not_applicable = r.String("not_applicable", "", true);
  d.related = r.StringList("related");
  d.weakest = static_cast<int>(r.Int("weakest").value_or(2));
  d.highlights = static_cast<int>(r.Int("highlights").value_or(3));
  if (!node.IsMap()) return d;
  if (!IsIdentifier(d.slug) || Slugify(d.slug) != d.slug)
    r.Error(r.Node("slug"), Tr("config.bad-slug", {"reflection", d.slug}));
  if (d.scale.size() < 2 || d.scale.size() > 10)
    r.Error(r.Node("scale").IsDefined() ? r.Node("scale") : node,
            Tr("config.reflection-scale", {std::to_string(d.scale.size())}));
  if (d.weakest < 1 || d.weakest > 20)
    r.Error(r.Node("weakest"), Tr("config.out-of-range", {"reflection.weakest", "1", "20"}));
  if (d.highlights < 1 || d.highlights > 20)
    r.Error(r.Node("highlights"), Tr("config.out-of-range", {"reflection.highlights", "1", "20"}));
  return d;
}

// Whether pages of `a` and `b` can relate: a relation declared either way.
bool Related(const SiteConfig& c, const std::string& a, const std::string& b) {
  const TypeDef* ta = c.FindType(a);
  const TypeDef* tb = c.FindType(b);
  if (!ta || !tb) return false;
  for (const RelationDef& r : ta->relations)
    if (r.target == b) return true;
  for (const RelationDef& r : tb->relations)
    if (r.target == a) return true;
  return false;
}

void CheckReflection(const SiteConfig& c, const YAML::Node& root, const YamlSource& src,
                     DiagnosticSink* sink) {
  if (!c.reflection) return;
  const ReflectionDef& d = *c.reflection;
  YAML::Node rn = root["reflection"];
  auto error = [&](const YAML::Node& at, std::string message, std::string hint = {}) {
    sink->Report(DiagnosticAt(src, at, Severity::kError, std::move(message), std::move(hint)));
  };
  std::vector<std::string> ids = c.TypeIds();
  auto suggest = [](const std::string& s, const std::vector<std::string>& names) {
    std::string near = ClosestMatch(s, names);
    return near.empty() ? std::string() : Tr("hint.did-you-mean", {near});
  };
  const TypeDef* type = c.FindType(d.type);
  if (!type) {
    error(rn["type"], Tr("config.unknown-type", {"reflection.type", d.type}), suggest(d.type, ids));
  } else {
    const FieldDef* f = type->FindField(d.statements);
    if (!f || f->type != FieldType::kList) {
      std::vector<std::string> lists;
      for (const FieldDef& fd : type->fields)
        if (fd.type == FieldType::kList) lists.push_back(fd.name);
      error(rn["statements"],
            Tr("config.reflection-statements", {d.statements, d.type}),
            suggest(d.statements, lists));
    }
  }
  for (size_t i = 0; i < d.related.size(); ++i) {
    const std::string& id = d.related[i];
    if (!c.FindType(id))
      error(rn["related"][i], Tr("config.unknown-type", {"reflection.related", id}),
            suggest(id, ids));
    else if (type && !Related(c, id, d.type))
      error(rn["related"][i],
            Tr("config.reflection-unrelated", {id, d.type}));
  }
  bool taken = c.FindTypeByFolder(d.slug) != nullptr;
  for (const MatrixDef& m : c.matrices) taken = taken || m.slug == d.slug;
  if (taken)
    error(rn["slug"].IsDefined() ? rn["slug"] : rn,
          Tr("config.reflection-slug-taken", {d.slug}));
}

// The print section names a type, its fields and related types that exist.
void CheckPrint(const SiteConfig& c, const YAML::Node& root, const YamlSource& src,
                DiagnosticSink* sink) {
  const PrintDef& p = *c.print;
  YAML::Node pn = root["print"];
  auto report = [&](const YAML::Node& at, std::string message,
                    const std::vector<std::string>& names, const std::string& name) {
    std::string near = ClosestMatch(name, names);
    sink->Report(DiagnosticAt(src, at, Severity::kError, std::move(message),
                              near.empty() ? "" : Tr("hint.did-you-mean", {near})));
  };
  const TypeDef* t = c.FindType(p.type);
  if (!t) {
    report(pn["type"], Tr("config.unknown-type", {"print.type", p.type}), c.TypeIds(), p.type);
    return;
  }
  std::vector<std::string> field_names;
  for (const FieldDef& f : t->fields) field_names.push_back(f.name);
  for (size_t i = 0; i < p.fields.size(); ++i) {
    const FieldDef* f = t->FindField(p.fields[i]);
    if (!f)
      report(pn["fields"][i], Tr("config.print-not-a-field", {p.fields[i], t->id}), field_names,
             p.fields[i]);
    else if (f->type != FieldType::kText && f->type != FieldType::kList)
      report(pn["fields"][i], Tr("config.print-field-kind", {p.fields[i]}), {}, "");
  }
  if (!p.attribution.empty() && !t->FindField(p.attribution))
    report(pn["attribution"], Tr("config.unknown-field", {"print.attribution", p.attribution}),
           field_names, p.attribution);
  for (const char* key : {"related", "full_summaries"}) {
    const std::vector<std::string>& ids = std::string(key) == "related" ? p.related : p.full_summaries;
    for (size_t i = 0; i < ids.size(); ++i)
      if (!c.FindType(ids[i]))
        report(pn[key][i], Tr("config.unknown-type", {std::string("print.") + key, ids[i]}),
               c.TypeIds(), ids[i]);
  }
}

}  // namespace

std::optional<SiteConfig> ParseConfig(std::string_view text, const std::string& path,
                                      DiagnosticSink* sink) {
  YamlSource src{path, text, 0};
  DiagnosticSink local;
  std::optional<YAML::Node> root = LoadYaml(text, src, &local);
  SiteConfig c;
  c.path = path;
  if (root) {
    MapReader top(*root, src, &local, {"site", "types", "matrices", "reflection", "print"},
                  "kapstok.yaml");
    MapReader site(top.Node("site"), src, &local,
                   {"title", "description", "language", "base_url", "repository", "branch",
                    "allow_html", "citations", "feed", "menu", "search"},
                   "site");
    c.title = site.String("title", "", true);
    c.description = site.String("description");
    c.language = site.String("language", "en");
    c.base_url = site.String("base_url", "/");
    if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
    c.repository = site.String("repository");
    while (!c.repository.empty() && c.repository.back() == '/') c.repository.pop_back();
    c.branch = site.String("branch", "main");
    c.allow_html = site.Bool("allow_html", false);
    c.citations = site.String("citations");
    c.menu = site.StringList("menu");
    if (YAML::Node s = site.Node("search"); s.IsDefined() && !s.IsNull()) {
      MapReader sr(s, src, &local, {"facets"}, "search");
      c.search_facets = sr.StringList("facets");
    }
    if (YAML::Node f = site.Node("feed"); f.IsDefined() && !f.IsNull()) {
      MapReader fr(f, src, &local, {"type", "count", "date_field"}, "feed");
      FeedDef feed;
      feed.type = fr.String("type", "", true);
      feed.count = static_cast<int>(fr.Int("count").value_or(20));
      feed.date_field = fr.String("date_field");
      c.feed = feed;
    }
    YAML::Node types = top.Node("types");
    if (!types.IsMap()) {
      top.Error(*root, Tr("config.needs-types"));
    } else {
      for (const auto& kv : types) {
        std::string id = kv.first.Scalar();
        if (!IsIdentifier(id))
          top.Error(kv.first, Tr("config.bad-type-id", {id}));
        c.types.push_back(ParseType(id, kv.second, src, &local));
      }
    }
    YAML::Node matrices = top.Node("matrices");
    if (matrices.IsDefined() && !matrices.IsNull()) {
      if (!matrices.IsSequence()) {
        top.Error(matrices, Tr("config.not-list", {"matrices", DescribeValue(matrices)}));
      } else {
        for (const auto& m : matrices) {
          MapReader mr(m, src, &local,
                       {"slug", "title", "description", "rows", "columns", "field"}, "matrix");
          MatrixDef def{mr.String("slug", "", true), mr.String("title", "", true),
                        mr.String("description"),     mr.String("rows", "", true),
                        mr.String("columns", "", true), mr.String("field", "", true)};
          if (!def.slug.empty() && Slugify(def.slug) != def.slug)
            mr.Error(m["slug"], Tr("config.bad-slug", {"matrix", def.slug}));
          c.matrices.push_back(def);
        }
      }
    }
    if (YAML::Node rn = top.Node("reflection"); rn.IsDefined() && !rn.IsNull())
      c.reflection = ParseReflection(rn, src, &local);
    if (YAML::Node p = top.Node("print"); p.IsDefined() && !p.IsNull()) {
      MapReader pr(p, src, &local,
                   {"type", "pdf_name", "fields", "related", "full_summaries", "attribution",
                    "body", "max_pages"},
                   "print");
      PrintDef def;
      def.type = pr.String("type", "", true);
      def.pdf_name = pr.String("pdf_name", "handboek");
      def.fields = pr.StringList("fields");
      def.related = pr.StringList("related");
      def.full_summaries = pr.StringList("full_summaries");
      def.attribution = pr.String("attribution");
      def.body = pr.Bool("body", false);
      def.max_pages = static_cast<int>(pr.Int("max_pages").value_or(3));
      if (def.max_pages < 1)
        pr.Error(p["max_pages"], Tr("config.at-least", {"print.max_pages", "1"}));
      if (!IsIdentifier(def.pdf_name))
        pr.Error(p["pdf_name"], Tr("config.bad-pdf-name", {def.pdf_name}));
      c.print = def;
    }
    if (!local.has_errors()) CheckReferences(c, *root, src, &local);
    if (!local.has_errors() && c.print) CheckPrint(c, *root, src, &local);
    if (!local.has_errors()) CheckReflection(c, *root, src, &local);
  }
  bool failed = !root || local.has_errors();
  for (Diagnostic& d : local.Sorted()) sink->Report(std::move(d));
  if (failed) return std::nullopt;
  return c;
}

}  // namespace kapstok::config
