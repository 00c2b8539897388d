// A small JSON Schema (draft-07) checker for the subset of keywords that
// schema/json_schema.cc generates, and a YAML-to-JSON conversion with the
// YAML 1.2 core schema (what VS Code's YAML extension uses), so the tests
// can check the generated schemas against real front matter. An unknown
// keyword is an error: the checker must not silently accept what it does not
// understand.
#ifndef KAPSTOK_TESTS_CLI_JSON_SCHEMA_CHECKER_H_
#define KAPSTOK_TESTS_CLI_JSON_SCHEMA_CHECKER_H_

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

namespace kapstok::test_util {

using Json = nlohmann::ordered_json;

inline Json YamlToJson(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return nullptr;
  if (node.IsMap()) {
    Json out = Json::object();
    for (const auto& kv : node) out[kv.first.Scalar()] = YamlToJson(kv.second);
    return out;
  }
  if (node.IsSequence()) {
    Json out = Json::array();
    for (const auto& item : node) out.push_back(YamlToJson(item));
    return out;
  }
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return s;  // quoted or block scalar: always a string
  static const std::regex kInt("[-+]?[0-9]+"), kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (s == "null" || s == "Null" || s == "NULL" || s == "~" || s.empty()) return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (std::regex_match(s, kInt)) return std::stoll(s);
  if (std::regex_match(s, kFloat)) return std::stod(s);
  return s;
}

class SchemaChecker {
 public:
  // Appends "path: problem" lines to *errors; returns whether `value` is valid.
  static bool Check(const Json& schema, const Json& value, const std::string& path,
                    std::vector<std::string>* errors) {
    size_t before = errors->size();
    for (const auto& [keyword, arg] : schema.items()) {
      if (keyword == "$schema" || keyword == "title" || keyword == "description") continue;
      if (keyword == "type") {
        if (!TypeMatches(arg, value)) errors->push_back(path + ": type " + arg.dump());
      } else if (keyword == "enum") {
        bool found = false;
        for (const Json& v : arg) found = found || v == value;
        if (!found) errors->push_back(path + ": enum");
      } else if (keyword == "pattern") {
        if (value.is_string() &&
            !std::regex_search(value.get<std::string>(), std::regex(arg.get<std::string>())))
          errors->push_back(path + ": pattern");
      } else if (keyword == "minimum") {
        if (value.is_number() && value.get<double>() < arg.get<double>())
          errors->push_back(path + ": minimum");
      } else if (keyword == "maximum") {
        if (value.is_number() && value.get<double>() > arg.get<double>())
          errors->push_back(path + ": maximum");
      } else if (keyword == "minItems") {
        if (value.is_array() && value.size() < arg.get<size_t>()) errors->push_back(path + ": minItems");
      } else if (keyword == "maxItems") {
        if (value.is_array() && value.size() > arg.get<size_t>()) errors->push_back(path + ": maxItems");
      } else if (keyword == "items") {
        if (value.is_array())
          for (size_t i = 0; i < value.size(); ++i)
            Check(arg, value[i], path + "[" + std::to_string(i) + "]", errors);
      } else if (keyword == "required") {
        if (value.is_object())
          for (const Json& k : arg)
            if (!value.contains(k.get<std::string>()))
              errors->push_back(path + ": required " + k.get<std::string>());
      } else if (keyword == "properties") {
        if (value.is_object())
          for (const auto& [k, v] : value.items())
            if (arg.contains(k)) Check(arg[k], v, path + "." + k, errors);
      } else if (keyword == "additionalProperties") {
        if (!value.is_object()) continue;
        for (const auto& [k, v] : value.items()) {
          if (schema.contains("properties") && schema["properties"].contains(k)) continue;
          if (arg.is_boolean()) {
            if (!arg.get<bool>()) errors->push_back(path + ": additionalProperties " + k);
          } else {
            Check(arg, v, path + "." + k, errors);
          }
        }
      } else if (keyword == "propertyNames") {
        if (value.is_object())
          for (const auto& [k, v] : value.items()) Check(arg, Json(k), path + "{" + k + "}", errors);
      } else if (keyword == "anyOf") {
        bool any = false;
        for (const Json& alternative : arg) {
          std::vector<std::string> ignored;
          any = any || Check(alternative, value, path, &ignored);
        }
        if (!any) errors->push_back(path + ": anyOf");
      } else {
        errors->push_back(path + ": the checker does not know the keyword '" + keyword + "'");
      }
    }
    return errors->size() == before;
  }

 private:
  static bool TypeIs(const std::string& type, const Json& v) {
    if (type == "string") return v.is_string();
    if (type == "number") return v.is_number();
    if (type == "integer") return v.is_number_integer();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    if (type == "array") return v.is_array();
    if (type == "object") return v.is_object();
    return false;
  }
  static bool TypeMatches(const Json& type, const Json& v) {
    if (type.is_string()) return TypeIs(type.get<std::string>(), v);
    for (const Json& t : type)
      if (TypeIs(t.get<std::string>(), v)) return true;
    return false;
  }
};

}  // namespace kapstok::test_util

#endif  // KAPSTOK_TESTS_CLI_JSON_SCHEMA_CHECKER_H_
