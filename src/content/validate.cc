#include "content/validate.h"

#include <algorithm>

#include "base/messages.h"
#include "base/text.h"

namespace kapstok::content {

namespace {

// Messages about content are in the message language.
template <typename Node>
std::string DescribeNode(const Node& node) { return config::DescribeValue(node); }

// A list's items and a mapping's pairs, for either tree (yaml-cpp's nodes
// iterate over both themselves).
const YAML::Node& Items(const YAML::Node& n) { return n; }
const YAML::Node& Pairs(const YAML::Node& n) { return n; }
const std::vector<config::FlatYaml>& Items(const config::FlatYaml& n) { return n.items(); }
const std::vector<std::pair<config::FlatYaml, config::FlatYaml>>& Pairs(
    const config::FlatYaml& n) {
  return n.pairs();
}

using config::FieldDef;
using config::FieldType;
using config::YamlSource;

// Node is YAML::Node or config::FlatYaml: one validator for both trees, so
// the fast path gives the same values and messages.
template <typename Node>
class Validator {
 public:
  Validator(const YamlSource& src, ParsedPage* page, DiagnosticSink* sink)
      : src_(src), page_(page), sink_(sink) {}

  void Error(const Node& at, std::string message, std::string hint = {}) {
    sink_->Report(config::DiagnosticAt(src_, at, Severity::kError, std::move(message),
                                       std::move(hint)));
    ok_ = false;
  }
  bool ok() const { return ok_; }

  // Where config::DiagnosticAt would put a diagnostic about `node` (in the
  // page's file), without making one: this runs for every value of every
  // page. Through a source without a path: no copy of it per value.
  FilePosition Where(const Node& node) {
    SourceLocation at = config::LocationAt(position_src_, node, &lines_);
    return {at.line, at.column};
  }

  void Field(const FieldDef& f, const Node& n) {
    FieldValue v;
    v.type = f.type;
    v.location = Where(n);
    const std::string& name = f.name;
    switch (f.type) {
      case FieldType::kString:
      case FieldType::kText:
      case FieldType::kUrl:
      case FieldType::kDate:
      case FieldType::kEnum: {
        auto s = config::ScalarString(n);
        if (!s) return Error(n, Tr("content.field-text", {name, DescribeNode(n)}));
        v.text = std::move(*s);
        if (f.type == FieldType::kString && v.text.find('\n') != std::string::npos)
          return Error(n, Tr("content.field-one-line", {name}));
        if (f.type == FieldType::kUrl && !StartsWith(v.text, "https://") &&
            !StartsWith(v.text, "http://"))
          return Error(n, Tr("content.field-url", {name, DescribeNode(n)}));
        if (f.type == FieldType::kDate && !IsDate(v.text))
          return Error(n, Tr("content.field-date", {name, DescribeNode(n)}));
        if (f.type == FieldType::kEnum &&
            std::find(f.values.begin(), f.values.end(), v.text) == f.values.end()) {
          std::string near = ClosestMatch(v.text, f.values);
          return Error(n, Tr("content.field-enum", {name, Join(f.values), DescribeNode(n)}),
                       near.empty() ? "" : Tr("hint.did-you-mean", {near}));
        }
        break;
      }
      case FieldType::kInt: {
        auto i = config::ScalarInt(n);
        if (!i) return Error(n, Tr("content.field-int", {name, DescribeNode(n)}));
        v.number = *i;
        if (f.min && *i < *f.min)
          return Error(n, Tr("content.field-min", {name, std::to_string(*i), std::to_string(*f.min)}));
        if (f.max && *i > *f.max)
          return Error(n, Tr("content.field-max", {name, std::to_string(*i), std::to_string(*f.max)}));
        break;
      }
      case FieldType::kBool: {
        auto b = config::ScalarBool(n);
        if (!b) return Error(n, Tr("content.field-bool", {name, DescribeNode(n)}));
        v.flag = *b;
        break;
      }
      case FieldType::kList: {
        if (!n.IsSequence()) return Error(n, Tr("content.field-list", {name, DescribeNode(n)}));
        for (const auto& item : Items(n)) {
          auto s = config::ScalarString(item);
          if (!s || item.IsNull())
            return Error(item, Tr("content.field-list-item", {name, DescribeNode(item)}));
          v.items.push_back(std::move(*s));
        }
        int64_t count = static_cast<int64_t>(v.items.size());
        if (f.min && count < *f.min)
          return Error(n, Tr("content.field-min-items", {name, std::to_string(count), std::to_string(*f.min)}));
        if (f.max && count > *f.max)
          return Error(n, Tr("content.field-max-items", {name, std::to_string(count), std::to_string(*f.max)}));
        break;
      }
      case FieldType::kMap: {
        if (!n.IsMap()) return Error(n, Tr("content.field-map", {name, f.keys, DescribeNode(n)}));
        for (const auto& kv : Pairs(n)) {
          std::vector<std::string> items;
          if (auto s = config::ScalarString(kv.second)) {
            if (!kv.second.IsNull()) items.push_back(std::move(*s));
          } else if (kv.second.IsSequence()) {
            for (const auto& item : Items(kv.second)) {
              auto is = config::ScalarString(item);
              if (!is) return Error(item, Tr("content.field-list-item", {name, DescribeNode(item)}));
              items.push_back(std::move(*is));
            }
          } else {
            return Error(kv.second, Tr("content.field-map", {name, f.keys, DescribeNode(kv.second)}));
          }
          v.entries.emplace_back(kv.first.Scalar(), std::move(items));
          v.entry_locations.push_back(Where(kv.first));
        }
        break;
      }
    }
    page_->fields[name] = std::move(v);
  }

  void Relation(const config::RelationDef& r, const Node& n) {
    std::vector<RelationRef> refs;
    auto add = [&](const Node& item) {
      auto s = config::ScalarString(item);
      if (!s || item.IsNull() || s->empty()) {
        Error(item, Tr("content.relation-id", {r.name, r.target, DescribeNode(item)}));
        return;
      }
      refs.push_back({std::move(*s), Where(item)});
    };
    if (n.IsSequence()) {
      if (!r.many) return Error(n, Tr("content.relation-one", {r.name, r.target}));
      for (const auto& item : Items(n)) add(item);
    } else if (n.IsScalar() && !n.IsNull()) {
      add(n);
    } else if (!n.IsNull()) {
      return Error(n, Tr("content.relation-id", {r.name, r.target, DescribeNode(n)}));
    }
    if (static_cast<int>(refs.size()) < r.min && ok_)
      Error(n, Tr("content.relation-min", {r.name, std::to_string(refs.size()), r.target,
                                           std::to_string(r.min)}));
    page_->relations[r.name] = std::move(refs);
  }

  static bool IsDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (s[i] < '0' || s[i] > '9') return false;
    int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

 private:
  const YamlSource& src_;
  ParsedPage* page_;
  DiagnosticSink* sink_;
  bool ok_ = true;
  const YamlSource position_src_{std::string(), src_.file_text, src_.line_offset};
  LineCursor lines_{src_.file_text};  // Where(), in file order
};

// An error about the front matter as a whole (a missing title or required
// field), shown at its opening "---".
void ReportAtFrontMatter(const YamlSource& src, std::string message, std::string hint,
                         DiagnosticSink* sink) {
  Diagnostic d;
  d.location = SourceLocation{src.path, 1, 1};
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = "---";
  sink->Report(std::move(d));
}

template <typename Node>
bool Validate(const Node& front, const YamlSource& src, const config::TypeDef* type,
              ParsedPage* page, DiagnosticSink* sink) {
  Validator<Node> v(src, page, sink);
  if (!front.IsMap()) {
    // An empty front matter parses as null: that is a missing title.
    if (front.IsNull() || !front.IsDefined()) {
      ReportAtFrontMatter(src, Tr("content.missing-title"),
                          Tr("content.missing-field.hint", {"title"}), sink);
      return false;
    }
    v.Error(front, Tr("content.front-matter-not-mapping", {DescribeNode(front)}));
    return false;
  }
  // The keys a page may have, for the hint of an unknown one (made only then).
  auto known_keys = [type] {
    std::vector<std::string> known = {"title", "id", "draft", "incomplete"};
    if (type) {
      for (const FieldDef& f : type->fields) known.push_back(f.name);
      for (const config::RelationDef& r : type->relations) known.push_back(r.name);
    }
    return known;
  };
  for (const auto& kv : Pairs(front)) {
    const std::string key = kv.first.Scalar();
    const Node& value = kv.second;
    if (key == "title") {
      auto s = config::ScalarString(value);
      if (!s || value.IsNull() || Trim(*s).empty())
        v.Error(value.IsNull() ? kv.first : value, Tr("content.field-text", {"title", DescribeNode(value)}));
      else if (s->find('\n') != std::string::npos)
        v.Error(value, Tr("content.field-one-line", {"title"}));
      else
        page->title = std::move(*s);
      page->title_location = v.Where(kv.first);
    } else if (key == "id") {
      auto s = config::ScalarString(value);
      if (!s || *s != page->id)
        v.Error(value, Tr("content.id-mismatch", {s.value_or(DescribeNode(value)), page->id}),
                Tr("content.id-mismatch.hint"));
    } else if (key == "draft" || key == "incomplete") {
      auto b = config::ScalarBool(value);
      if (!b) v.Error(value, Tr("content.field-bool", {key, DescribeNode(value)}));
      else (key == "draft" ? page->draft : page->incomplete) = *b;
    } else if (const FieldDef* f = type ? type->FindField(key) : nullptr) {
      if (!value.IsNull()) {
        v.Field(*f, value);
      } else if (f->required) {
        v.Error(kv.first, Tr("content.required-empty", {f->name, f->label}),
                Tr("content.required-empty.hint", {f->name}));
      }
    } else if (const config::RelationDef* r = type ? type->FindRelation(key) : nullptr) {
      v.Relation(*r, value);
    } else {
      const std::vector<std::string> known = known_keys();
      std::string near = ClosestMatch(key, known);
      std::string hint = near.empty()
                             ? Tr("content.unknown-field.fields",
                                  {type ? type->id : "-", Validator<Node>::Join(known)})
                             : Tr("hint.did-you-mean", {near});
      v.Error(kv.first, Tr("content.unknown-field", {key, type ? type->id : "-"}), hint);
    }
  }
  if (page->title.empty() && !front["title"]) {
    ReportAtFrontMatter(src, Tr("content.missing-title"),
                        Tr("content.missing-field.hint", {"title"}), sink);
    return false;
  }
  bool missing = false;
  if (type) {
    for (const FieldDef& f : type->fields) {
      if (f.required && !page->fields.count(f.name) && !front[f.name]) {
        ReportAtFrontMatter(src, Tr("content.missing-field", {f.name, f.label}),
                            Tr("content.missing-field.hint", {f.name}), sink);
        missing = true;
      }
    }
    for (const config::RelationDef& r : type->relations) {
      if (r.required && !page->relations.count(r.name) && !front[r.name]) {
        ReportAtFrontMatter(src, Tr("content.missing-field", {r.name, r.label}),
                            Tr("content.missing-field.hint", {r.name}), sink);
        missing = true;
      }
    }
  }
  return v.ok() && !missing;
}

}  // namespace

bool ValidateFrontMatter(const YAML::Node& front, const YamlSource& src,
                         const config::TypeDef* type, ParsedPage* page, DiagnosticSink* sink) {
  return Validate(front, src, type, page, sink);
}

bool LoadFrontMatter(std::string_view yaml, const YamlSource& src, const config::TypeDef* type,
                     ParsedPage* page, DiagnosticSink* sink) {
  if (std::optional<config::FlatYaml> flat = config::ParseFlatYaml(yaml)) {
    DiagnosticSink local;
    if (Validate(*flat, src, type, page, &local) && local.error_count() == 0 &&
        local.warning_count() == 0)
      return true;
    // Something to report: start again from yaml-cpp's tree, the reference.
    page->title.clear();
    page->title_location = {};
    page->draft = page->incomplete = false;
    page->fields.clear();
    page->relations.clear();
  }
  std::optional<YAML::Node> front = config::LoadYaml(yaml, src, sink);
  if (!front) return false;
  return ValidateFrontMatter(*front, src, type, page, sink);
}

}  // namespace kapstok::content
