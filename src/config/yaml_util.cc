#include "config/yaml_util.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "base/messages.h"
#include "base/text.h"

namespace kapstok::config {

namespace {

// The location of a 0-based mark, and its source line; a null mark (a node
// not from the text) is the first line of the source, column 0.
SourceLocation LocationOfMark(const YamlSource& src, const YAML::Mark& m, LineCursor* lines,
                              std::string_view* source_line) {
  if (m.is_null()) return {src.path, src.line_offset + 1, 0};
  const int line = m.line + 1 + src.line_offset;
  *source_line = lines->Line(line);
  return {src.path, line, ColumnOfByte(*source_line, static_cast<size_t>(std::max(0, m.column)))};
}

template <typename Node>
Diagnostic DiagnosticAtNode(const YamlSource& src, const Node& node, Severity severity,
                            std::string message, std::string hint) {
  Diagnostic d;
  d.severity = severity;
  LineCursor lines(src.file_text);
  std::string_view source_line;
  d.location = LocationOfMark(src, node.Mark(), &lines, &source_line);
  d.source_line = std::string(source_line);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

template <typename Node>
SourceLocation LocationAtNode(const YamlSource& src, const Node& node, LineCursor* lines) {
  std::string_view source_line;
  return LocationOfMark(src, node.Mark(), lines, &source_line);
}

}  // namespace

Diagnostic DiagnosticAtLine(const YamlSource& src, int yaml_line0, int byte_col0,
                            Severity severity, std::string message, std::string hint) {
  YAML::Mark m;
  m.line = yaml_line0;
  m.column = byte_col0;
  Diagnostic d;
  d.severity = severity;
  LineCursor lines(src.file_text);
  std::string_view source_line;
  d.location = LocationOfMark(src, m, &lines, &source_line);
  d.source_line = std::string(source_line);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

SourceLocation LocationAt(const YamlSource& src, const YAML::Node& node, LineCursor* lines) {
  return LocationAtNode(src, node, lines);
}

SourceLocation LocationAt(const YamlSource& src, const FlatYaml& node, LineCursor* lines) {
  return LocationAtNode(src, node, lines);
}

Diagnostic DiagnosticAt(const YamlSource& src, const YAML::Node& node, Severity severity,
                        std::string message, std::string hint) {
  return DiagnosticAtNode(src, node, severity, std::move(message), std::move(hint));
}

Diagnostic DiagnosticAt(const YamlSource& src, const FlatYaml& node, Severity severity,
                        std::string message, std::string hint) {
  return DiagnosticAtNode(src, node, severity, std::move(message), std::move(hint));
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

// Duplicate keys, depth and size: yaml-cpp accepts duplicate keys and keeps
// both, and an alias shares its anchor's node, so a few lines of anchors can
// stand for billions of values ("billion laughs"). `*budget` counts the values
// visited, aliases expanded; the walk stops when it runs out.
bool CheckNode(const YAML::Node& node, const YamlSource& src, int depth, int64_t* budget,
               DiagnosticSink* sink) {
  if (--*budget < 0) {
    if (*budget == -1)
      sink->Report(DiagnosticAt(src, node, Severity::kError,
                                Tr("yaml.invalid", {"more than " + std::to_string(kMaxYamlValues) +
                                                    " values (anchors and aliases that expand "
                                                    "too much?)"})));
    return false;
  }
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
      if (!CheckNode(kv.second, src, depth + 1, budget, sink)) ok = false;
      if (*budget < 0) return false;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (!CheckNode(item, src, depth + 1, budget, sink)) return false;
  }
  return ok;
}

// Where brackets first nest deeper than kMaxYamlDepth (a byte offset into
// `yaml`), or npos: checked before yaml-cpp recurses, so a hostile file
// cannot exhaust the stack in the parser.
size_t TooDeepAt(std::string_view yaml) {
  int depth = 0;
  for (size_t i = 0; i < yaml.size(); ++i) {
    char c = yaml[i];
    if (c == '[' || c == '{') {
      if (++depth > kMaxYamlDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<YAML::Node> LoadYaml(std::string_view yaml, const YamlSource& src,
                                   DiagnosticSink* sink) {
  if (size_t deep = TooDeepAt(yaml); deep != std::string_view::npos) {
    size_t line_start = yaml.rfind('\n', deep);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    int line0 = static_cast<int>(std::count(yaml.begin(), yaml.begin() + line_start, '\n'));
    sink->Report(DiagnosticAtLine(src, line0, static_cast<int>(deep - line_start),
                                  Severity::kError,
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
    int64_t budget = kMaxYamlValues;
    if (!CheckNode(node, src, 0, &budget, sink)) return std::nullopt;
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

namespace {

template <typename Node>
std::optional<std::string> ScalarStringOf(const Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

template <typename Node>
std::optional<int64_t> ScalarIntOf(const Node& node) {
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

template <typename Node>
std::optional<bool> ScalarBoolOf(const Node& node) {
  if (!node.IsScalar() || node.Tag() == "!") return std::nullopt;
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "ja") return true;
  if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "nee") return false;
  return std::nullopt;
}

template <typename Node>
std::string DescribeValueOf(const Node& node) {
  if (!node.IsDefined() || node.IsNull()) return Tr("yaml.describe-nothing");
  if (node.IsMap()) return Tr("yaml.describe-mapping");
  if (node.IsSequence()) return Tr("yaml.describe-list");
  return "'" + node.Scalar() + "'";
}

}  // namespace

std::optional<std::string> ScalarString(const YAML::Node& node) { return ScalarStringOf(node); }
std::optional<int64_t> ScalarInt(const YAML::Node& node) { return ScalarIntOf(node); }
std::optional<bool> ScalarBool(const YAML::Node& node) { return ScalarBoolOf(node); }
std::optional<std::string> ScalarString(const FlatYaml& node) { return ScalarStringOf(node); }
std::optional<int64_t> ScalarInt(const FlatYaml& node) { return ScalarIntOf(node); }
std::optional<bool> ScalarBool(const FlatYaml& node) { return ScalarBoolOf(node); }

std::string DescribeValue(const YAML::Node& node) { return DescribeValueOf(node); }
std::string DescribeValue(const FlatYaml& node) { return DescribeValueOf(node); }

}  // namespace kapstok::config
