// The Mustache lexer: splits a template into text and tag tokens, honouring
// set-delimiter tags as it goes. Text is split after every newline so that the
// parser can reason about lines (standalone tags, indentation). First pass of
// the parser; internal to the `template` stage.
#ifndef KAPSTOK_TEMPLATE_LEXER_H_
#define KAPSTOK_TEMPLATE_LEXER_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kapstok::tmpl::internal {

enum class TokenKind {
  kText,
  kVariable,      // {{x}}
  kUnescaped,     // {{{x}}} {{&x}}
  kSection,       // {{#x}}
  kInverted,      // {{^x}}
  kClose,         // {{/x}}
  kComment,       // {{! ... }}
  kPartial,       // {{>x}}
  kParent,        // {{<x}}
  kBlock,         // {{$x}}
  kSetDelimiter,  // {{=<% %>=}}
};

struct Token {
  TokenKind kind = TokenKind::kText;
  std::string_view text;  // kText: the text (a view into the source)
  std::string name;       // tags: the trimmed name, without sigil or '*'
  bool dynamic = false;   // {{>*x}} / {{<*x}}
  size_t offset = 0;      // byte offset of the token in the source
  int line = 0;           // 1-based line of the token's first byte (column: ColumnAt)

  // Filled in by the parser's passes.
  int match = -1;           // section/parent/block open <-> its close
  int line_index = 0;       // which line of the template the token is on
  bool removed = false;     // whitespace dropped by the standalone rules
  bool standalone = false;  // the tag's line is standalone
  bool line_start = false;  // the token begins a (non-standalone) line
  std::string indent;       // standalone partial/parent/block: leading whitespace
};

// Whether a tag of this kind may stand alone on a line (and so take its
// line's whitespace and newline with it).
bool CanBeStandalone(TokenKind kind);

// Tokenizes `source`. Reports unclosed tags, bad set-delimiter tags and empty
// or malformed names into `*sink` (with `path` and the tag's line:col) and
// returns false if there were any; the tokens are then incomplete. The tokens
// hold views into `source`, which must outlive them.
bool Tokenize(std::string_view source, const std::string& path, DiagnosticSink* sink,
              std::vector<Token>* tokens);

// The 1-based column (in code points) of byte `offset` of `source`. Computed
// only for diagnostics: counting code points for every tag would be a tenth
// of compiling.
int ColumnAt(std::string_view source, size_t offset);

// Reports a template error at `line`:`column` of `source` with its source line
// under a caret.
void ReportAt(DiagnosticSink* sink, const std::string& path, std::string_view source, int line,
              int column, std::string message, std::string hint = {});

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_LEXER_H_
