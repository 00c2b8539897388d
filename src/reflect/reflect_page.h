// The reflection page ("<slug>/index.html"): a private self-assessment built
// from a Reflection. The HTML lists every statement per subject, so the page
// reads well without JavaScript; the theme's reflect.js turns it into a
// questionnaire (one subject per step, answers kept only in localStorage) and
// a result view, reading the statements, scale, related pages and UI strings
// from a JSON block embedded in the page, so it also works from file://.
// Owned by the `reflect` stage, which sits beside `render` and uses its
// theme and shared views.
#ifndef KAPSTOK_REFLECT_REFLECT_PAGE_H_
#define KAPSTOK_REFLECT_REFLECT_PAGE_H_

#include <string>

#include "base/output_file.h"
#include "model/site_model.h"
#include "reflect/reflection.h"
#include "render/theme.h"
#include "render/views.h"

namespace kapstok::reflect {

// The template the page renders with.
inline constexpr char kTemplateName[] = "reflectie";

// Renders the reflection page. Returns no files when the configuration has
// no `reflection:` section, or when the theme has no "reflectie" template:
// then a warning goes to `sink` when one is given.
OutputFiles RenderReflection(const model::SiteModel& model, const render::Theme& theme,
                             DiagnosticSink* sink = nullptr);

// The JSON that reflect.js reads (embedded in the page): keys sorted, every
// '<' written as \u003c so the text cannot end its <script> element. URLs
// are relative to the page at `root`. Strings are the theme's "reflect_*" UI
// strings.
std::string ReflectionJson(const Reflection& reflection, const config::SiteConfig& config,
                           const render::Theme& theme, const std::string& root);

}  // namespace kapstok::reflect

#endif  // KAPSTOK_REFLECT_REFLECT_PAGE_H_
