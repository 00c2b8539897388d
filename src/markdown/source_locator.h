// Finds where in a page's file a link or citation was written, for
// diagnostics. cmark-gfm's block line numbers are reliable but its inline
// positions are not (cmark issues #296, #442), so a SourceLocator searches the
// source lines of the enclosing block for the text as written. Internal to the
// `markdown` stage.
#ifndef KAPSTOK_MARKDOWN_SOURCE_LOCATOR_H_
#define KAPSTOK_MARKDOWN_SOURCE_LOCATOR_H_

#include <cmark-gfm.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "markdown/markdown.h"

namespace kapstok::markdown {

// Where the previous search in a block ended, so that two equal links in one
// paragraph are reported at their own columns. Searches must come in
// document order.
struct SearchCursor {
  cmark_node* block = nullptr;
  size_t offset = 0;
};

class SourceLocator {
 public:
  // `body` and `options` must outlive the locator.
  SourceLocator(std::string_view body, const Options& options, DiagnosticSink* sink)
      : body_(body), options_(options), sink_(sink) {}

  // The file position of the first occurrence of `needle` in the source lines
  // of `block` (at or after *cursor), else anywhere in the body (a reference
  // definition), else the block's start. Advances *cursor past a match.
  SourceLocation Find(cmark_node* block, std::string_view needle, SearchCursor* cursor);

  // The file position of `block`'s first character.
  SourceLocation StartOf(cmark_node* block);

  // StartOf(block).line, without finding the column.
  int StartLineOf(cmark_node* block);

  // Reports a diagnostic at `location` with its source line; no-op without a
  // sink.
  void Report(Severity severity, SourceLocation location, std::string message,
              std::string hint = {});

  // The diagnostic Report() would make, for reporting later (or not).
  Diagnostic Make(Severity severity, SourceLocation location, std::string message,
                  std::string hint = {});

 private:
  void EnsureLineIndex();
  SourceLocation AtOffset(size_t offset);
  SourceLocation InSourceLine(SourceLocation at, std::string_view needle, size_t offset);

  std::string_view body_;
  const Options& options_;
  DiagnosticSink* sink_;
  std::vector<size_t> line_starts_;  // built on the first search only
};

}  // namespace kapstok::markdown

#endif  // KAPSTOK_MARKDOWN_SOURCE_LOCATOR_H_
