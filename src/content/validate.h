// Checks one page's front matter (a YAML mapping) against its TypeDef and
// fills the ParsedPage's title, fields and relation ids. Owned by `content`.
#ifndef KAPSTOK_CONTENT_VALIDATE_H_
#define KAPSTOK_CONTENT_VALIDATE_H_

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"
#include "config/config.h"
#include "config/yaml_util.h"
#include "content/page.h"

namespace kapstok::content {

// Returns false when any error was reported.
bool ValidateFrontMatter(const YAML::Node& front, const config::YamlSource& src,
                         const config::TypeDef* type, ParsedPage* page, DiagnosticSink* sink);

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_VALIDATE_H_
