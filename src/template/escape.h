// Fast HTML escaping for interpolated values. The set of bytes to escape and
// their replacements come from kapstok::AppendHtmlEscaped (base/text.h), so
// the output is always identical to it; this only finds the bytes that need
// escaping sixteen at a time. Internal to the `template` stage.
#ifndef KAPSTOK_TEMPLATE_ESCAPE_H_
#define KAPSTOK_TEMPLATE_ESCAPE_H_

#include <string>
#include <string_view>

namespace kapstok::tmpl::internal {

// Appends `s` to *out exactly as kapstok::AppendHtmlEscaped would.
void AppendEscaped(std::string_view s, std::string* out);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_ESCAPE_H_
