// A fast path for front matter: ParseFlatYaml reads the common, flat form of
// a YAML mapping without yaml-cpp (whose regex-driven scanner was a fifth of
// a build's CPU time) and gives exactly the tree yaml-cpp would: the same
// scalars, the same quoted-or-plain tags and the same marks (0-based line
// and byte column). Anything outside the subset returns std::nullopt and the
// caller parses with yaml-cpp (config::LoadYaml), which also reports every
// error: the fast path never reports anything itself.
//
// The subset: top-level `key: value` lines, keys [A-Za-z0-9_][A-Za-z0-9_-]*,
// each at most once; a value is a plain scalar on one line, a single- or
// double-quoted scalar on one line (no backslash escapes), a flow list
// `[a, "b c"]` of such scalars on one line, or an empty value followed by a
// block list (`- item` lines at one indentation). No comments, nulls, tabs,
// control characters, anchors, tags, nested mappings or multi-line scalars.
// Owned by `config`.
#ifndef KAPSTOK_CONFIG_FLAT_YAML_H_
#define KAPSTOK_CONFIG_FLAT_YAML_H_

#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/node.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kapstok::config {

// One node of a flat document. Offers the part of YAML::Node's interface
// that validation uses, so one validator serves both trees.
class FlatYaml {
 public:
  enum class Kind { kUndefined, kScalar, kSequence, kMap };

  FlatYaml() = default;
  FlatYaml(Kind kind, YAML::Mark mark) : kind_(kind), mark_(mark) {}

  bool IsDefined() const { return kind_ != Kind::kUndefined; }
  bool IsNull() const { return false; }  // nulls are outside the subset
  bool IsScalar() const { return kind_ == Kind::kScalar; }
  bool IsSequence() const { return kind_ == Kind::kSequence; }
  bool IsMap() const { return kind_ == Kind::kMap; }
  bool operator!() const { return !IsDefined(); }
  const std::string& Scalar() const { return scalar_; }
  // As yaml-cpp: "!" for a quoted scalar, "?" otherwise.
  std::string Tag() const { return quoted_ ? "!" : "?"; }
  YAML::Mark Mark() const { return mark_; }

  const std::vector<FlatYaml>& items() const { return items_; }
  const std::vector<std::pair<FlatYaml, FlatYaml>>& pairs() const { return pairs_; }
  // The value of `key` in a mapping; an undefined node when there is none.
  const FlatYaml& operator[](std::string_view key) const;

 private:
  friend class FlatYamlParser;
  Kind kind_ = Kind::kUndefined;
  bool quoted_ = false;
  YAML::Mark mark_;
  std::string scalar_;
  std::vector<FlatYaml> items_;
  std::vector<std::pair<FlatYaml, FlatYaml>> pairs_;
};

// Parses `yaml` when it is in the subset above; std::nullopt otherwise.
std::optional<FlatYaml> ParseFlatYaml(std::string_view yaml);

// Where `flat` differs from yaml-cpp's tree of the same document: the path
// and what differs (mark, tag, kind, scalar, size), or "" when they are the
// same. For the tests and the differential fuzzer (fuzz/flat_yaml_fuzzer.cc).
std::string DifferenceFromYamlCpp(const YAML::Node& yaml_cpp, const FlatYaml& flat);

}  // namespace kapstok::config

#endif  // KAPSTOK_CONFIG_FLAT_YAML_H_
