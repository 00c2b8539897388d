// A Theme is what the render stage needs besides the model: the compiled
// Mustache templates from templates/ and the UI strings of the site's
// language from themes/<name>/i18n/<lang>.yaml (English as fallback for any
// missing key). Loaded once per build. Owned by the `render` stage.
#ifndef KAPSTOK_RENDER_THEME_H_
#define KAPSTOK_RENDER_THEME_H_

#include <map>
#include <memory>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "template/template.h"
#include "template/value.h"

namespace kapstok::render {

struct Theme {
  std::unique_ptr<tmpl::TemplateSet> templates;
  std::map<std::string, std::string> strings;  // UI strings, key -> text
  std::string assets_dir;                      // themes/<name>/assets

  // The string for `key`, or the key itself when it has no text.
  const std::string& String(const std::string& key) const;
};

// Loads every *.mustache below `templates_dir` (names are paths without the
// extension: "layouts/base") and the strings of `language`. Template and
// string-file errors are diagnostics; returns nullptr when there were any.
std::unique_ptr<Theme> LoadTheme(const FileSystem& fs, const std::string& templates_dir,
                                 const std::string& theme_dir, const std::string& language,
                                 DiagnosticSink* sink);

}  // namespace kapstok::render

#endif  // KAPSTOK_RENDER_THEME_H_
