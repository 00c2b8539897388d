// Checks one page's front matter (a YAML mapping) against its TypeDef and
// fills the ParsedPage's title, fields and relation ids. Owned by `content`.
#ifndef KAPSTOK_CONTENT_VALIDATE_H_
#define KAPSTOK_CONTENT_VALIDATE_H_

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "base/diagnostic.h"
#include "config/config.h"
#include "config/yaml_util.h"
#include "content/page.h"

namespace kapstok::content {

// Parses front matter YAML (`yaml`, a view into src.file_text) and validates
// it into *page. Flat front matter (config/flat_yaml.h) is read without
// yaml-cpp; anything else, and any front matter with something to report,
// goes through config::LoadYaml and ValidateFrontMatter, so the values and
// the diagnostics are the same either way. Returns false when any error was
// reported.
bool LoadFrontMatter(std::string_view yaml, const config::YamlSource& src,
                     const config::TypeDef* type, ParsedPage* page, DiagnosticSink* sink);

// Returns false when any error was reported.
bool ValidateFrontMatter(const YAML::Node& front, const config::YamlSource& src,
                         const config::TypeDef* type, ParsedPage* page, DiagnosticSink* sink);

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_VALIDATE_H_
