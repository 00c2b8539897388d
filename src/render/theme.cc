#include "render/theme.h"

#include "base/text.h"
#include "config/yaml_util.h"

namespace kapstok::render {

const std::string& Theme::String(const std::string& key) const {
  auto it = strings.find(key);
  return it == strings.end() ? key : it->second;
}

namespace {

bool LoadStrings(const FileSystem& fs, const std::string& path,
                 std::map<std::string, std::string>* out, DiagnosticSink* sink) {
  std::string text;
  if (!fs.ReadFile(path, &text).ok()) return false;
  config::YamlSource src{path, text, 0};
  std::optional<YAML::Node> root = config::LoadYaml(text, src, sink);
  if (!root) return false;
  if (!root->IsMap()) {
    sink->Report(config::DiagnosticAt(src, *root, Severity::kError,
                                      "UI strings must be 'key: text' lines"));
    return false;
  }
  for (const auto& kv : *root) {
    auto s = config::ScalarString(kv.second);
    if (!s) {
      sink->Report(config::DiagnosticAt(src, kv.second, Severity::kError,
                                        "UI string '" + kv.first.Scalar() + "' must be a text"));
      continue;
    }
    (*out)[kv.first.Scalar()] = *s;
  }
  return true;
}

}  // namespace

std::unique_ptr<Theme> LoadTheme(const FileSystem& fs, const std::string& templates_dir,
                                 const std::string& theme_dir, const std::string& language,
                                 DiagnosticSink* sink) {
  auto theme = std::make_unique<Theme>();
  theme->assets_dir = JoinPath(theme_dir, "assets");
  std::vector<DirEntry> entries;
  Status st = fs.ListTree(templates_dir, &entries);
  if (!st.ok()) {
    sink->Error({templates_dir, 0, 0}, st.message());
    return nullptr;
  }
  std::map<std::string, tmpl::TemplateSet::Source> sources;
  for (const DirEntry& e : entries) {
    if (!EndsWith(e.path, ".mustache")) continue;
    std::string path = JoinPath(templates_dir, e.path);
    if (e.is_symlink || !e.is_regular) {
      sink->Error({path, 0, 0}, "templates may not be symbolic links");
      continue;
    }
    tmpl::TemplateSet::Source src{path, {}};
    if (Status rs = fs.ReadFile(path, &src.text); !rs.ok()) {
      sink->Error({path, 0, 0}, rs.message());
      continue;
    }
    sources[e.path.substr(0, e.path.size() - 9)] = std::move(src);
  }
  int errors_before = sink->error_count();
  theme->templates = tmpl::TemplateSet::Compile(sources, sink);
  // English first, then the site's language over it: missing keys fall back.
  std::string i18n = JoinPath(theme_dir, "i18n");
  LoadStrings(fs, JoinPath(i18n, "en.yaml"), &theme->strings, sink);
  if (language != "en" && !LoadStrings(fs, JoinPath(i18n, language + ".yaml"), &theme->strings, sink))
    sink->Warning({JoinPath(i18n, language + ".yaml"), 0, 0},
                  "no UI strings for language '" + language + "'; using English");
  if (!theme->templates || sink->error_count() > errors_before) return nullptr;
  for (const char* required : {"page", "list", "home", "404", "layouts/base"}) {
    if (!theme->templates->Has(required)) {
      sink->Error({JoinPath(templates_dir, std::string(required) + ".mustache"), 0, 0},
                  "the theme needs a template '" + std::string(required) + "'");
      return nullptr;
    }
  }
  return theme;
}

}  // namespace kapstok::render
