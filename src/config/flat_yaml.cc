#include "config/flat_yaml.h"

#include <algorithm>
#include <string>

#include <yaml-cpp/yaml.h>

namespace kapstok::config {

const FlatYaml& FlatYaml::operator[](std::string_view key) const {
  static const FlatYaml kUndefined;
  for (const auto& [k, v] : pairs_)
    if (k.Scalar() == key) return v;
  return kUndefined;
}

// Line by line; every method returns false (or nullopt) as soon as the text
// leaves the subset, and the caller falls back to yaml-cpp.
class FlatYamlParser {
 public:
  explicit FlatYamlParser(std::string_view yaml) : yaml_(yaml) {}

  std::optional<FlatYaml> Parse() {
    if (!Plausible()) return std::nullopt;
    FlatYaml root(FlatYaml::Kind::kMap, {});
    for (bool first = true; NextLine(); ) {
      if (IsBlank(line_)) continue;
      FlatYaml key, value;
      if (!ParseEntry(&key, &value)) return std::nullopt;
      if (first) root.mark_ = key.mark_;
      first = false;
      if (root[key.Scalar()].IsDefined()) return std::nullopt;  // duplicate: yaml-cpp reports it
      root.pairs_.emplace_back(std::move(key), std::move(value));
    }
    if (root.pairs_.empty() || values_ > kMaxValues) return std::nullopt;
    return root;
  }

 private:
  static constexpr size_t kMaxValues = 50000;  // well below LoadYaml's cap

  // Whole-text checks: bytes and constructs the subset never contains.
  bool Plausible() const {
    size_t brackets = 0;
    for (unsigned char c : yaml_) {
      if ((c < 0x20 && c != '\n') || c == 0x7f || c == '{' || c == '}') return false;
      if (c == '[' && ++brackets > 64) return false;
    }
    // A BOM, NEL, line and paragraph separators: yaml-cpp may treat them specially.
    for (std::string_view s : {"\xEF\xBB\xBF", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"})
      if (yaml_.find(s) != std::string_view::npos) return false;
    return true;
  }

  // Advances to the next line (line_, line_no_, line_pos_); false at the end.
  bool NextLine() {
    if (next_ >= yaml_.size()) return false;
    size_t end = yaml_.find('\n', next_);
    if (end == std::string_view::npos) end = yaml_.size();
    line_pos_ = next_;
    line_ = yaml_.substr(next_, end - next_);
    next_ = end + 1;
    ++line_no_;
    return true;
  }
  // The line after the current one, without moving; "" at the end.
  std::optional<std::string_view> PeekLine() const {
    if (next_ >= yaml_.size()) return std::nullopt;
    size_t end = yaml_.find('\n', next_);
    if (end == std::string_view::npos) end = yaml_.size();
    return yaml_.substr(next_, end - next_);
  }

  static bool IsBlank(std::string_view s) { return s.find_first_not_of(' ') == std::string_view::npos; }
  static bool IsKeyChar(char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (!first && c == '-');
  }
  static bool IsNullWord(std::string_view s) {
    return s == "~" || s == "null" || s == "Null" || s == "NULL";
  }
  // Characters that give a scalar's first character a meaning in YAML.
  static bool IsIndicator(char c) {
    return std::string_view("-?:,[]{}#&*!|>'\"%@`").find(c) != std::string_view::npos;
  }

  YAML::Mark MarkAt(size_t col) const {
    YAML::Mark m;
    m.pos = static_cast<int>(line_pos_ + col);
    m.line = line_no_ - 1;
    m.column = static_cast<int>(col);
    return m;
  }
  FlatYaml Scalar(size_t col, std::string text, bool quoted) {
    ++values_;
    FlatYaml n(FlatYaml::Kind::kScalar, MarkAt(col));
    n.scalar_ = std::move(text);
    n.quoted_ = quoted;
    return n;
  }

  // "key: value" (or "key:" and a block list on the next lines).
  bool ParseEntry(FlatYaml* key, FlatYaml* value) {
    size_t i = 0;
    while (i < line_.size() && IsKeyChar(line_[i], i == 0)) ++i;
    if (i == 0 || i >= line_.size() || line_[i] != ':') return false;
    std::string_view name = line_.substr(0, i);
    if (IsNullWord(name)) return false;
    if (i + 1 < line_.size() && line_[i + 1] != ' ') return false;
    *key = Scalar(0, std::string(name), false);
    size_t c = line_.find_first_not_of(' ', i + 1);
    if (c == std::string_view::npos) return ParseBlockList(value);
    if (line_[c] == '[') return ParseFlowList(c, value);
    return ParseBlockScalar(c, value);
  }

  // A scalar that runs to the end of the line, from column c.
  bool ParseBlockScalar(size_t c, FlatYaml* value) {
    if (line_[c] == '"' || line_[c] == '\'') {
      size_t end = 0;
      std::string text;
      if (!ParseQuoted(c, &end, &text)) return false;
      if (!IsBlank(line_.substr(end))) return false;
      *value = Scalar(c, std::move(text), true);
      return true;
    }
    std::string_view t = line_.substr(c);
    t = t.substr(0, t.find_last_not_of(' ') + 1);
    if (IsIndicator(t.front()) || t.back() == ':' || IsNullWord(t) ||
        t.find(": ") != std::string_view::npos || t.find(" #") != std::string_view::npos)
      return false;
    *value = Scalar(c, std::string(t), false);
    return true;
  }

  // A quoted scalar starting at line_[c]; *end is just past the closing quote.
  bool ParseQuoted(size_t c, size_t* end, std::string* text) {
    const char q = line_[c];
    size_t i = c + 1;
    for (;;) {
      size_t close = line_.find(q, i);
      if (close == std::string_view::npos) return false;  // multi-line
      text->append(line_.substr(i, close - i));
      if (q == '\'' && close + 1 < line_.size() && line_[close + 1] == '\'') {
        text->push_back('\'');
        i = close + 2;
        continue;
      }
      *end = close + 1;
      break;
    }
    return q == '\'' || text->find('\\') == std::string::npos;
  }

  // "[a, 'b c', d]" on one line, from column c.
  bool ParseFlowList(size_t c, FlatYaml* value) {
    ++values_;
    FlatYaml list(FlatYaml::Kind::kSequence, MarkAt(c));
    size_t i = c + 1;
    auto skip = [&] { while (i < line_.size() && line_[i] == ' ') ++i; };
    skip();
    if (i < line_.size() && line_[i] == ']') {
      ++i;
    } else {
      for (;;) {
        skip();
        if (i >= line_.size()) return false;
        const size_t start = i;
        if (line_[i] == '"' || line_[i] == '\'') {
          std::string text;
          if (!ParseQuoted(start, &i, &text)) return false;
          list.items_.push_back(Scalar(start, std::move(text), true));
        } else {
          size_t stop = line_.find_first_of(",]", i);
          if (stop == std::string_view::npos) return false;
          std::string_view t = line_.substr(i, stop - i);
          t = t.substr(0, t.find_last_not_of(' ') + 1);
          if (t.empty() || IsIndicator(t.front()) || IsNullWord(t) ||
              t.find_first_of(":#'\"[?") != std::string_view::npos)  // yaml-cpp rejects '?' here
            return false;
          list.items_.push_back(Scalar(start, std::string(t), false));
          i = stop;
        }
        skip();
        if (i >= line_.size()) return false;
        if (line_[i] == ']') {
          ++i;
          break;
        }
        if (line_[i] != ',') return false;
        ++i;
        skip();
        if (i >= line_.size() || line_[i] == ']') return false;  // trailing comma
      }
    }
    if (!IsBlank(line_.substr(i))) return false;
    *value = std::move(list);
    return true;
  }

  // "- item" at exactly `indent` spaces.
  static bool IsItemLine(std::string_view s, size_t indent) {
    return s.find_first_not_of(' ') == indent && s.substr(indent, 2) == "- ";
  }

  // "key:" followed by "- item" lines, all at one indentation.
  bool ParseBlockList(FlatYaml* value) {
    std::optional<std::string_view> next = PeekLine();
    if (!next) return false;  // a null value
    const size_t indent = next->find_first_not_of(' ');
    if (indent == std::string_view::npos || !IsItemLine(*next, indent)) return false;
    ++values_;
    FlatYaml list;
    for (;;) {
      NextLine();
      if (!list.IsDefined()) list = FlatYaml(FlatYaml::Kind::kSequence, MarkAt(indent));
      size_t c = line_.find_first_not_of(' ', indent + 2);
      if (c == std::string_view::npos || line_[c] == '[') return false;  // null, nested
      FlatYaml item;
      if (!ParseBlockScalar(c, &item)) return false;
      list.items_.push_back(std::move(item));
      next = PeekLine();
      if (next && IsItemLine(*next, indent)) continue;
      // The list ends: what follows must be a key at the margin, or blank.
      if (next && !next->empty() && (next->front() == ' ' || next->front() == '-')) return false;
      break;
    }
    *value = std::move(list);
    return true;
  }

  std::string_view yaml_;
  std::string_view line_;
  size_t line_pos_ = 0;
  size_t next_ = 0;
  int line_no_ = 0;
  size_t values_ = 0;
};

std::optional<FlatYaml> ParseFlatYaml(std::string_view yaml) {
  return FlatYamlParser(yaml).Parse();
}

namespace {

std::string DifferenceAt(const YAML::Node& y, const FlatYaml& f, const std::string& at) {
  YAML::Mark my = y.Mark(), mf = f.Mark();
  if (my.line != mf.line || my.column != mf.column || my.pos != mf.pos)
    return at + ": mark " + std::to_string(my.line) + ":" + std::to_string(my.column) + " vs " +
           std::to_string(mf.line) + ":" + std::to_string(mf.column);
  if (y.Tag() != f.Tag()) return at + ": tag " + y.Tag() + " vs " + f.Tag();
  if (y.IsScalar() != f.IsScalar() || y.IsSequence() != f.IsSequence() || y.IsMap() != f.IsMap() ||
      y.IsNull() != f.IsNull())
    return at + ": kind";
  if (y.IsScalar() && y.Scalar() != f.Scalar())
    return at + ": '" + y.Scalar() + "' vs '" + f.Scalar() + "'";
  if (y.IsSequence()) {
    if (y.size() != f.items().size()) return at + ": list size";
    for (size_t i = 0; i < y.size(); ++i)
      if (std::string d = DifferenceAt(y[i], f.items()[i], at + "/" + std::to_string(i)); !d.empty())
        return d;
  }
  if (y.IsMap()) {
    if (y.size() != f.pairs().size()) return at + ": mapping size";
    size_t i = 0;
    for (const auto& kv : y) {
      const auto& [fk, fv] = f.pairs()[i++];
      if (std::string d = DifferenceAt(kv.first, fk, at + "/key"); !d.empty()) return d;
      if (std::string d = DifferenceAt(kv.second, fv, at + "/" + fk.Scalar()); !d.empty()) return d;
    }
  }
  return "";
}

}  // namespace

std::string DifferenceFromYamlCpp(const YAML::Node& yaml_cpp, const FlatYaml& flat) {
  return DifferenceAt(yaml_cpp, flat, "");
}

}  // namespace kapstok::config
