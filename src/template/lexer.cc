#include "template/lexer.h"

#include <algorithm>
#include <utility>

#include "base/text.h"

namespace kapstok::tmpl::internal {

bool CanBeStandalone(TokenKind kind) {
  return kind != TokenKind::kText && kind != TokenKind::kVariable &&
         kind != TokenKind::kUnescaped;
}

int ColumnAt(std::string_view source, size_t offset) {
  offset = std::min(offset, source.size());
  const size_t nl = offset == 0 ? std::string_view::npos : source.rfind('\n', offset - 1);
  const size_t line_begin = nl == std::string_view::npos ? 0 : nl + 1;
  return ColumnOfByte(source.substr(line_begin), offset - line_begin);
}

void ReportAt(DiagnosticSink* sink, const std::string& path, std::string_view source, int line,
              int column, std::string message, std::string hint) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.location = SourceLocation{path, line, column};
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = std::string(LineOf(source, line));
  sink->Report(std::move(d));
}

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Scans a template left to right, tracking the line and column of its
// position and the current delimiters.
class Lexer {
 public:
  Lexer(std::string_view source, const std::string& path, DiagnosticSink* sink,
        std::vector<Token>* tokens)
      : src_(source), path_(path), sink_(sink), tokens_(tokens) {}

  bool Run() {
    while (pos_ < src_.size()) {
      size_t open = src_.find(open_, pos_);
      if (open == std::string_view::npos) open = src_.size();
      EmitText(open);
      if (open == src_.size()) break;
      if (!LexTag()) return false;
    }
    return ok_;
  }

 private:
  // Moves pos_ forward to `to`, counting lines.
  void AdvanceTo(size_t to) {
    for (; pos_ < to; ++pos_) {
      if (src_[pos_] == '\n') {
        ++line_;
        line_begin_ = pos_ + 1;
      }
    }
  }

  int Column(size_t offset) const {
    return ColumnOfByte(src_.substr(line_begin_), offset - line_begin_);
  }

  void Error(size_t offset, std::string message) {
    ReportAt(sink_, path_, src_, line_, Column(offset), std::move(message));
    ok_ = false;
  }

  // Emits src_[pos_, end) as text tokens, each ending after a newline.
  void EmitText(size_t end) {
    while (pos_ < end) {
      size_t nl = src_.find('\n', pos_);
      size_t stop = (nl == std::string_view::npos || nl >= end) ? end : nl + 1;
      Token t;
      t.kind = TokenKind::kText;
      t.text = src_.substr(pos_, stop - pos_);
      t.offset = pos_;
      t.line = line_;
      tokens_->push_back(std::move(t));
      AdvanceTo(stop);
    }
  }

  // Lexes the tag at pos_ (which is at an opening delimiter). Returns false
  // when the rest of the template cannot be tokenized.
  bool LexTag() {
    const size_t start = pos_;
    size_t content_begin = start + open_.size();
    std::string close = close_;
    bool triple = content_begin < src_.size() && src_[content_begin] == '{';
    if (triple) close = "}" + close_;
    size_t close_at = src_.find(close, content_begin + (triple ? 1 : 0));
    // Only comments may span lines or contain the opening delimiter; any other
    // tag that does was never closed on its own line.
    bool comment = content_begin < src_.size() && src_[content_begin] == '!';
    size_t stop = comment ? close_at : std::min(src_.find('\n', content_begin),
                                                src_.find(open_, content_begin));
    if (close_at == std::string_view::npos || stop < close_at) {
      size_t end = std::min(stop, src_.size());
      std::string_view opened = src_.substr(start, end - start);
      while (!opened.empty() && IsSpace(opened.back())) opened.remove_suffix(1);
      Error(start, "unclosed tag: expected '" + close + "' after '" + std::string(opened) + "'");
      if (close_at == std::string_view::npos) return false;
      AdvanceTo(end);
      return true;
    }
    Token t;
    t.offset = start;
    t.line = line_;
    std::string_view content = src_.substr(content_begin, close_at - content_begin);
    bool keep = Classify(content, &t);
    AdvanceTo(close_at + close.size());
    if (keep) tokens_->push_back(std::move(t));
    return true;
  }

  // Fills in the kind and name of the tag with `content` (between the
  // delimiters). Returns false for tags that yield no token (bad ones).
  bool Classify(std::string_view content, Token* t) {
    char sigil = content.empty() ? '\0' : content[0];
    switch (sigil) {
      case '!': t->kind = TokenKind::kComment; return true;
      case '=': return SetDelimiters(content, t);
      case '{': t->kind = TokenKind::kUnescaped; break;
      case '&': t->kind = TokenKind::kUnescaped; break;
      case '#': t->kind = TokenKind::kSection; break;
      case '^': t->kind = TokenKind::kInverted; break;
      case '/': t->kind = TokenKind::kClose; break;
      case '>': t->kind = TokenKind::kPartial; break;
      case '<': t->kind = TokenKind::kParent; break;
      case '$': t->kind = TokenKind::kBlock; break;
      default: t->kind = TokenKind::kVariable; break;
    }
    std::string_view name = Trim(t->kind == TokenKind::kVariable ? content : content.substr(1));
    if ((t->kind == TokenKind::kPartial || t->kind == TokenKind::kParent) && !name.empty() &&
        name[0] == '*') {
      t->dynamic = true;
      name = Trim(name.substr(1));
    }
    return CheckName(name, t);
  }

  bool CheckName(std::string_view name, Token* t) {
    if (name.empty()) {
      Error(t->offset, "tag has no name");
      return false;
    }
    for (char c : name) {
      if (IsSpace(c)) {
        Error(t->offset, "tag name '" + std::string(name) + "' contains whitespace");
        return false;
      }
    }
    t->name = std::string(name);
    return true;
  }

  // {{=<% %>=}}: two delimiters separated by whitespace, neither containing
  // whitespace or '='.
  bool SetDelimiters(std::string_view content, Token* t) {
    t->kind = TokenKind::kSetDelimiter;
    std::string_view inner;
    if (content.size() >= 2 && content.back() == '=') {
      inner = Trim(content.substr(1, content.size() - 2));
    }
    size_t split = 0;
    while (split < inner.size() && !IsSpace(inner[split])) ++split;
    std::string_view open = inner.substr(0, split);
    std::string_view close = Trim(inner.substr(split));
    bool bad = open.empty() || close.empty() || open.find('=') != std::string_view::npos ||
               close.find('=') != std::string_view::npos;
    for (char c : close) bad = bad || IsSpace(c);
    if (bad) {
      Error(t->offset,
            "bad set-delimiter tag: expected two delimiters separated by a space, as in "
            "'{{=<% %>=}}'");
      return false;
    }
    open_ = std::string(open);
    close_ = std::string(close);
    return true;
  }

  std::string_view src_;
  const std::string& path_;
  DiagnosticSink* sink_;
  std::vector<Token>* tokens_;
  std::string open_ = "{{";
  std::string close_ = "}}";
  size_t pos_ = 0;
  size_t line_begin_ = 0;
  int line_ = 1;
  bool ok_ = true;
};

}  // namespace

bool Tokenize(std::string_view source, const std::string& path, DiagnosticSink* sink,
              std::vector<Token>* tokens) {
  return Lexer(source, path, sink, tokens).Run();
}

}  // namespace kapstok::tmpl::internal
