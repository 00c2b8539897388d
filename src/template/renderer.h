// The Mustache renderer: walks a compiled template's nodes against a context
// stack and appends the output. It keeps all of its state on the stack of the
// calling thread, so one TemplateSet may be rendered from many threads at once.
// Internal to the `template` stage; callers use TemplateSet::Render.
#ifndef KAPSTOK_TEMPLATE_RENDERER_H_
#define KAPSTOK_TEMPLATE_RENDERER_H_

#include <string>
#include <vector>

#include "template/escape.h"
#include "template/node.h"
#include "template/output.h"
#include "template/template.h"
#include "template/value.h"

namespace kapstok::tmpl::internal {

// Renders `t` (a template of `set`) with the context stack `context` (bottom
// first) and appends the result to *out.
void RenderTemplate(const TemplateSet& set, const Template& t,
                    const std::vector<const Value*>& context, std::string* out);

// Appends the text of a scalar value at cursor `w` of *out and returns the
// cursor after it: strings as they are, integers in
// decimal, doubles in their shortest round-trip form ("1.21"), booleans as
// "true"/"false"; null, lists and objects append nothing. Strings are
// HTML-escaped with *escape unless it is null.
char* AppendValueText(const Value& v, const Escaper* escape, Output* out, char* w);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_RENDERER_H_
