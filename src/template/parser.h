// The Mustache parser: turns one template's text into its compiled node tree
// (node.h) in named passes over the lexer's tokens: match sections, apply the
// standalone-line rules, dedent standalone blocks, build the tree. Partials
// and parents are left unlinked (by name); TemplateSet links them. Internal to
// the `template` stage.
#ifndef KAPSTOK_TEMPLATE_PARSER_H_
#define KAPSTOK_TEMPLATE_PARSER_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "template/node.h"

namespace kapstok::tmpl::internal {

// Parses `source` (the template `name`, read from `path`). Reports every
// template error found into `*sink` and returns nullptr if there was any.
std::unique_ptr<Template> ParseTemplate(std::string name, std::string path, std::string source,
                                        DiagnosticSink* sink);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_PARSER_H_
