#include "config/yaml_util.h"

#include <charconv>
#include <set>

#include "base/messages.h"
#include "base/text.h"

namespace kapstok::config {

Diagnostic DiagnosticAtLine(const YamlSource& src, int yaml_line0, int byte_col0,
                            Severity severity, std::string message, std::string hint) {
  Diagnostic d;
  d.severity = severity;
  d.location.path = src.path;
  d.location.line = yaml_line0 + 1 + src.line_offset;
  std::string_view line = LineOf(src.file_text, d.location.line);
  d.location.column = ColumnOfByte(line, static_cast<size_t>(std::max(0, byte_col0)));
  d.source_line = std::string(line);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic DiagnosticAt(const YamlSource& src, const YAML::Node& node, Severity severity,
                        std::string message, std::string hint) {
  YAML::Mark m = node.Mark();
  if (m.is_null()) {
    Diagnostic d;
    d.severity = severity;
    d.location = {src.path, src.line_offset + 1, 0};
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
  }
  return DiagnosticAtLine(src, m.line, m.column, severity, std::move(message), std::move(hint));
}

namespace {

// yaml-cpp's messages are terse and English ("illegal map value"); say the
// common ones in plain words from the message catalogue.
std::string PlainYamlMessage(const std::string& msg) {
  struct Known {
    const char* needle;
    const char* key;
  };
  static const Known kKnown[] = {
      {"illegal map value", "yaml.illegal-map-value"},
      {"end of map flow not found", "yaml.map-not-closed"},
      {"end of map not found", "yaml.bad-indentation"},
      {"end of sequence flow not found", "yaml.list-not-closed"},
      {"end of sequence not found", "yaml.bad-indentation"},
      {"unknown escape character", "yaml.unknown-escape"},
      {"illegal EOF in scalar", "yaml.unclosed-quote"},
      {"illegal block entry", "yaml.illegal-block-entry"},
      {"illegal map key", "yaml.illegal-map-key"},
  };
  for (const Known& k : kKnown)
    if (msg.find(k.needle) != std::string::npos) return Tr(k.key);
  return Tr("yaml.invalid", {msg});
}

// Duplicate keys and depth: yaml-cpp accepts the first and silently keeps both.
bool CheckNode(const YAML::Node& node, const YamlSource& src, int depth, DiagnosticSink* sink) {
  if (depth > kMaxYamlDepth) {
    sink->Report(DiagnosticAt(src, node, Severity::kError,
                              Tr("yaml.too-deep", {std::to_string(kMaxYamlDepth)})));
    return false;
  }
  bool ok = true;
  if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const std::string& key = kv.first.Scalar();
        if (!seen.insert(key).second) {
          sink->Report(DiagnosticAt(src, kv.first, Severity::kError,
                                    Tr("yaml.duplicate-key", {key}),
                                    Tr("yaml.duplicate-key.hint")));
          ok = false;
        }
      }
      if (!CheckNode(kv.second, src, depth + 1, sink)) ok = false;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (!CheckNode(item, src, depth + 1, sink)) return false;
  }
  return ok;
}

// Counts how deep brackets and indentation could nest before yaml-cpp
// recurses, so a hostile file cannot exhaust the stack in the parser.
int RoughNestingDepth(std::string_view yaml) {
  int depth = 0, max_depth = 0;
  for (char c : yaml) {
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max_depth;
}

}  // namespace

std::optional<YAML::Node> LoadYaml(std::string_view yaml, const YamlSource& src,
                                   DiagnosticSink* sink) {
  if (RoughNestingDepth(yaml) > kMaxYamlDepth) {
    sink->Report(DiagnosticAtLine(src, 0, 0, Severity::kError,
                                  Tr("yaml.too-deep", {std::to_string(kMaxYamlDepth)})));
    return std::nullopt;
  }
  // Tabs may not indent YAML; yaml-cpp's own message for them is obscure.
  size_t line_start = 0;
  int line0 = 0;
  while (line_start < yaml.size()) {
    size_t end = yaml.find('\n', line_start);
    if (end == std::string_view::npos) end = yaml.size();
    std::string_view line = yaml.substr(line_start, end - line_start);
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && line[i] == '\t') {
      sink->Report(DiagnosticAtLine(src, line0, static_cast<int>(i), Severity::kError,
                                    Tr("yaml.tab-indent"), Tr("yaml.tab-indent.hint")));
      return std::nullopt;
    }
    line_start = end + 1;
    ++line0;
  }
  try {
    YAML::Node node = YAML::Load(std::string(yaml));
    if (!CheckNode(node, src, 0, sink)) return std::nullopt;
    return node;
  } catch (const YAML::Exception& e) {
    sink->Report(DiagnosticAtLine(src, e.mark.is_null() ? 0 : e.mark.line,
                                  e.mark.is_null() ? 0 : e.mark.column, Severity::kError,
                                  PlainYamlMessage(e.msg)));
    return std::nullopt;
  } catch (const std::exception& e) {  // e.g. a stack-depth guard in yaml-cpp
    sink->Report(DiagnosticAtLine(src, 0, 0, Severity::kError,
                                  Tr("yaml.invalid", {e.what()})));
    return std::nullopt;
  }
}

std::optional<std::string> ScalarString(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

std::optional<int64_t> ScalarInt(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return std::nullopt;  // quoted: a string, not a number
  int64_t v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || b == e) return std::nullopt;
  return v;
}

std::optional<bool> ScalarBool(const YAML::Node& node) {
  if (!node.IsScalar() || node.Tag() == "!") return std::nullopt;
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "ja") return true;
  if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "nee") return false;
  return std::nullopt;
}

std::string DescribeNode(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return Tr("yaml.describe-nothing");
  if (node.IsMap()) return Tr("yaml.describe-mapping");
  if (node.IsSequence()) return Tr("yaml.describe-list");
  return "'" + node.Scalar() + "'";
}

}  // namespace kapstok::config
