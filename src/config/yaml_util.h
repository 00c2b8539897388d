// Helpers around yaml-cpp for the stages that read YAML (kapstok.yaml, front
// matter, UI strings): loading without exceptions, and turning a node's
// 0-based Mark into a 1-based SourceLocation with the source line attached.
// Owned by `config`; yaml-cpp exceptions never leave this file's functions.
#ifndef KAPSTOK_CONFIG_YAML_UTIL_H_
#define KAPSTOK_CONFIG_YAML_UTIL_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "config/flat_yaml.h"

namespace kapstok::config {

// Where YAML text sits in its file: `line_offset` lines precede it (front
// matter starts on line 2 of a content file, so its offset is 1).
struct YamlSource {
  std::string path;
  std::string_view file_text;  // the whole file, for source lines and columns
  int line_offset = 0;
};

// Parses `yaml`. On a syntax error reports "invalid YAML: <reason>" at the
// error's position and returns std::nullopt. Also rejects duplicate keys in
// any mapping, nesting deeper than kMaxYamlDepth and more than kMaxYamlValues
// values (aliases expanded).
std::optional<YAML::Node> LoadYaml(std::string_view yaml, const YamlSource& src,
                                   DiagnosticSink* sink);

constexpr int kMaxYamlDepth = 64;
// At most this many values (scalars, lists, mappings), aliases expanded.
constexpr int64_t kMaxYamlValues = 100000;

// The location of `node` (1-based), with the source line filled in.
Diagnostic DiagnosticAt(const YamlSource& src, const YAML::Node& node, Severity severity,
                        std::string message, std::string hint = {});
Diagnostic DiagnosticAt(const YamlSource& src, const FlatYaml& node, Severity severity,
                        std::string message, std::string hint = {});
Diagnostic DiagnosticAtLine(const YamlSource& src, int yaml_line0, int byte_col0,
                            Severity severity, std::string message, std::string hint = {});

// Where DiagnosticAt puts a diagnostic about `node`, without making one (for
// values whose location is kept in case of a later diagnostic): `lines` is a
// cursor over src.file_text, so locations asked for in file order cost one
// scan of the file in all.
SourceLocation LocationAt(const YamlSource& src, const YAML::Node& node, LineCursor* lines);
SourceLocation LocationAt(const YamlSource& src, const FlatYaml& node, LineCursor* lines);

// Scalar conversions that never throw (the same for both trees).
std::optional<std::string> ScalarString(const YAML::Node& node);
std::optional<int64_t> ScalarInt(const YAML::Node& node);
std::optional<bool> ScalarBool(const YAML::Node& node);
std::optional<std::string> ScalarString(const FlatYaml& node);
std::optional<int64_t> ScalarInt(const FlatYaml& node);
std::optional<bool> ScalarBool(const FlatYaml& node);

// "a mapping", "a list", "'text'", "nothing": how a node is described in
// messages, in the message language (Tr).
std::string DescribeValue(const YAML::Node& node);
std::string DescribeValue(const FlatYaml& node);

}  // namespace kapstok::config

#endif  // KAPSTOK_CONFIG_YAML_UTIL_H_
