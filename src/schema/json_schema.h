// JSON Schemas for content front matter, generated from kapstok.yaml: one
// schema (draft-07) per content type, so editors get completion, hover text
// and validation while typing (VS Code's YAML extension reads the
// "# yaml-language-server: $schema=..." line at the top of a content file).
// The schema says what `content/validate.cc` accepts, not more: it is a help
// for editors, `kapstok check` stays the judge. Descriptions are in the
// message language (Tr). Owned by the `schema` stage; depends on `config`.
#ifndef KAPSTOK_SCHEMA_JSON_SCHEMA_H_
#define KAPSTOK_SCHEMA_JSON_SCHEMA_H_

#include <nlohmann/json.hpp>
#include <string>

#include "base/output_file.h"
#include "config/config.h"

namespace kapstok::schema {

// The folder, relative to the project, that `kapstok schema` writes.
inline constexpr char kSchemaDir[] = "schemas";

// "praktijkvoorbeeld.schema.json".
std::string SchemaFileName(const std::string& type_id);

// The $schema reference written in a content file of `type_id`
// (content/<folder>/<id>.md): "../../schemas/<type_id>.schema.json".
std::string SchemaRefFromContent(const std::string& type_id);

// The schema of the front matter of a page of `type`. Keys keep a fixed
// order (title, id, draft, incomplete, fields, relations in config order).
nlohmann::ordered_json TypeSchema(const config::TypeDef& type, const config::SiteConfig& config);

// Every type's schema as a file "<type>.schema.json" (relative to
// kSchemaDir), pretty-printed with two spaces and a final newline, in the
// order of the types in kapstok.yaml. Byte-identical for the same config and
// message language.
OutputFiles SchemaFiles(const config::SiteConfig& config);

// How a field kind is described to editors ("a whole number"), in the
// message language; also used for archetype comments.
std::string DescribeFieldKind(const config::FieldDef& field);

// A regular expression for page ids (file names without .md).
inline constexpr char kIdPattern[] = "^[a-z0-9]+(-[a-z0-9]+)*$";

}  // namespace kapstok::schema

#endif  // KAPSTOK_SCHEMA_JSON_SCHEMA_H_
