#include "schema/json_schema.h"

#include "base/messages.h"

namespace kapstok::schema {

namespace {

using config::FieldDef;
using config::FieldType;
using config::RelationDef;
using Json = nlohmann::ordered_json;

// A YAML scalar that the validator reads as text: unquoted numbers (an ISBN, a
// year in a title) are texts too.
Json TextLike() { return Json{{"type", Json::array({"string", "number"})}}; }

Json IdSchema() { return Json{{"type", "string"}, {"pattern", kIdPattern}}; }

// Adds "null" as an allowed value: an optional key may be left empty.
void AllowNull(Json* s) {
  if (s->contains("anyOf")) {
    (*s)["anyOf"].push_back(Json{{"type", "null"}});
    return;
  }
  Json& type = (*s)["type"];
  if (type.is_string()) type = Json::array({type.get<std::string>()});
  type.push_back("null");
  if (s->contains("enum")) (*s)["enum"].push_back(nullptr);
}

Json FieldValueSchema(const FieldDef& f) {
  switch (f.type) {
    case FieldType::kString: {
      Json s = TextLike();
      s["pattern"] = "^[^\\n]*$";  // one line
      return s;
    }
    case FieldType::kText:
      return TextLike();
    case FieldType::kInt: {
      Json s{{"type", "integer"}};
      if (f.min) s["minimum"] = *f.min;
      if (f.max) s["maximum"] = *f.max;
      return s;
    }
    case FieldType::kDate:
      return Json{{"type", "string"},
                  {"pattern", "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}};
    case FieldType::kBool:
      return Json{{"type", "boolean"}};
    case FieldType::kUrl:
      return Json{{"type", "string"}, {"pattern", "^https?://"}};
    case FieldType::kList: {
      Json s{{"type", "array"}, {"items", TextLike()}};
      if (f.min) s["minItems"] = *f.min;
      if (f.max) s["maxItems"] = *f.max;
      return s;
    }
    case FieldType::kEnum: {
      Json s{{"type", "string"}, {"enum", Json::array()}};
      for (const std::string& v : f.values) s["enum"].push_back(v);
      return s;
    }
    case FieldType::kMap: {
      Json items{{"type", "array"}, {"items", TextLike()}};
      return Json{{"type", "object"},
                  {"propertyNames", IdSchema()},
                  {"additionalProperties",
                   Json{{"anyOf", Json::array({TextLike(), items, Json{{"type", "null"}}})}}}};
    }
  }
  return Json::object();
}

std::string RangeText(const FieldDef& f) {
  const bool items = f.type == FieldType::kList;
  if (f.type != FieldType::kInt && !items) return "";
  if (f.min && f.max)
    return " " + Tr(items ? "schema.items-between" : "schema.between",
                    {std::to_string(*f.min), std::to_string(*f.max)});
  if (f.min) return " " + Tr(items ? "schema.items-min" : "schema.min", {std::to_string(*f.min)});
  if (f.max) return " " + Tr(items ? "schema.items-max" : "schema.max", {std::to_string(*f.max)});
  return "";
}

Json FieldSchema(const FieldDef& f) {
  Json s = FieldValueSchema(f);
  if (!f.required) AllowNull(&s);
  Json out{{"title", f.label}};
  std::string description = DescribeFieldKind(f) + RangeText(f);
  if (f.required) description += " " + Tr("schema.required");
  out["description"] = description;
  out.update(s);
  return out;
}

Json RelationSchema(const RelationDef& r, const config::TypeDef* target) {
  const std::string folder = target ? target->folder : r.target;
  Json out{{"title", r.label.empty() ? r.name : r.label}};
  std::string description =
      Tr(r.many ? "schema.relation-many" : "schema.relation-one", {r.target, folder});
  if (r.min > 1) description += " " + Tr("schema.items-min", {std::to_string(r.min)});
  if (r.required) description += " " + Tr("schema.required");
  out["description"] = description;
  if (r.many) {
    Json list{{"type", "array"}, {"items", IdSchema()}};
    if (r.min > 0) list["minItems"] = r.min;
    Json any = Json::array({list});
    if (r.min <= 1) any.push_back(IdSchema());  // one id on its own counts as a list of one
    if (r.min == 0) any.push_back(Json{{"type", "null"}});
    out["anyOf"] = any;
  } else {
    out.update(IdSchema());
    if (r.min == 0) AllowNull(&out);
  }
  return out;
}

}  // namespace

std::string SchemaFileName(const std::string& type_id) { return type_id + ".schema.json"; }

std::string SchemaRefFromContent(const std::string& type_id) {
  return std::string("../../") + kSchemaDir + "/" + SchemaFileName(type_id);
}

std::string DescribeFieldKind(const FieldDef& f) {
  switch (f.type) {
    case FieldType::kString: return Tr("schema.kind-string");
    case FieldType::kText: return Tr("schema.kind-text");
    case FieldType::kInt: return Tr("schema.kind-int");
    case FieldType::kDate: return Tr("schema.kind-date");
    case FieldType::kBool: return Tr("schema.kind-bool");
    case FieldType::kUrl: return Tr("schema.kind-url");
    case FieldType::kList: return Tr("schema.kind-list");
    case FieldType::kMap: return Tr("schema.kind-map", {f.keys});
    case FieldType::kEnum: {
      std::string values;
      for (const std::string& v : f.values) values += (values.empty() ? "" : ", ") + v;
      return Tr("schema.kind-enum", {values});
    }
  }
  return "";
}

nlohmann::ordered_json TypeSchema(const config::TypeDef& type, const config::SiteConfig& config) {
  Json properties;
  Json title = TextLike();
  title["pattern"] = "^[^\\n]*\\S[^\\n]*$";
  properties["title"] = Json{{"title", Tr("schema.title-label")}, {"description", Tr("schema.title")}};
  properties["title"].update(title);
  properties["id"] = Json{{"description", Tr("schema.id")}};
  properties["id"].update(IdSchema());
  properties["draft"] = Json{{"description", Tr("schema.draft")}, {"type", "boolean"}};
  properties["incomplete"] = Json{{"description", Tr("schema.incomplete")}, {"type", "boolean"}};
  Json required = Json::array({"title"});
  for (const FieldDef& f : type.fields) {
    properties[f.name] = FieldSchema(f);
    if (f.required) required.push_back(f.name);
  }
  for (const RelationDef& r : type.relations) {
    properties[r.name] = RelationSchema(r, config.FindType(r.target));
    if (r.required) required.push_back(r.name);
  }
  return Json{{"$schema", "http://json-schema.org/draft-07/schema#"},
              {"title", type.name},
              {"description", Tr("schema.type", {type.id, type.folder})},
              {"type", "object"},
              {"required", required},
              {"properties", properties},
              {"additionalProperties", false}};
}

OutputFiles SchemaFiles(const config::SiteConfig& config) {
  OutputFiles files;
  for (const config::TypeDef& t : config.types)
    files.push_back({SchemaFileName(t.id), TypeSchema(t, config).dump(2) + "\n"});
  return files;
}

}  // namespace kapstok::schema
