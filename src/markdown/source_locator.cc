#include "markdown/source_locator.h"

#include <algorithm>

#include "base/text.h"

namespace kapstok::markdown {

void SourceLocator::EnsureLineIndex() {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  for (size_t i = body_.find('\n'); i != std::string_view::npos; i = body_.find('\n', i + 1)) {
    line_starts_.push_back(i + 1);
  }
}

SourceLocation SourceLocator::AtOffset(size_t offset) {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const int line = static_cast<int>(it - line_starts_.begin());  // 1-based
  const size_t start = line_starts_[line - 1];
  std::string_view text = LineOf(body_.substr(start), 1);
  return SourceLocation{options_.path, line + options_.line_offset,
                        ColumnOfByte(text, offset - start)};
}

SourceLocation SourceLocator::StartOf(cmark_node* block) {
  const int line = StartLineOf(block) - options_.line_offset;  // in the body, 1-based
  const size_t start = line_starts_[line - 1];
  const int column = std::max(cmark_node_get_start_column(block), 1);  // 1-based byte column
  return AtOffset(std::min(start + column - 1, start + LineOf(body_.substr(start), 1).size()));
}

int SourceLocator::StartLineOf(cmark_node* block) {
  EnsureLineIndex();
  // StartOf's offset lies on this line (at most at its end), so AtOffset
  // gives this line.
  const int lines = static_cast<int>(line_starts_.size());
  return std::clamp(cmark_node_get_start_line(block), 1, lines) + options_.line_offset;
}

SourceLocation SourceLocator::Find(cmark_node* block, std::string_view needle,
                                   SearchCursor* cursor) {
  EnsureLineIndex();
  const int lines = static_cast<int>(line_starts_.size());
  const int first = std::clamp(cmark_node_get_start_line(block), 1, lines);
  const int last = std::clamp(cmark_node_get_end_line(block), first, lines);
  const size_t begin = line_starts_[first - 1];
  const size_t end = last < lines ? line_starts_[last] : body_.size();
  size_t from = begin;
  if (cursor->block == block) from = std::max(from, cursor->offset);
  size_t pos = needle.empty() ? std::string_view::npos : body_.find(needle, from);
  if (pos == std::string_view::npos || pos + needle.size() > end) {
    pos = needle.empty() ? std::string_view::npos : body_.find(needle);
    if (pos == std::string_view::npos) return StartOf(block);
  } else {
    *cursor = SearchCursor{block, pos + needle.size()};
  }
  return InSourceLine(AtOffset(pos), needle, pos);
}

// The body may be a front-matter value ("samenvatting: Zie [x](y.md)") whose
// file line starts with more than the value: when the file text is known, the
// column is that of the same occurrence of `needle` in the file's line.
SourceLocation SourceLocator::InSourceLine(SourceLocation at, std::string_view needle,
                                           size_t offset) {
  if (options_.source_text.empty()) return at;
  const size_t start = line_starts_[at.line - options_.line_offset - 1];
  const std::string_view body_line = body_.substr(start, offset - start);
  int ordinal = 0;  // occurrences of needle before this one on the line
  for (size_t i = body_line.find(needle); i != std::string_view::npos;
       i = body_line.find(needle, i + 1)) {
    ++ordinal;
  }
  const std::string_view file_line = LineOf(options_.source_text, at.line);
  size_t i = file_line.find(needle);
  for (; i != std::string_view::npos && ordinal > 0; --ordinal) i = file_line.find(needle, i + 1);
  if (i != std::string_view::npos) at.column = ColumnOfByte(file_line, i);
  return at;
}

void SourceLocator::Report(Severity severity, SourceLocation location, std::string message,
                           std::string hint) {
  if (sink_ == nullptr) return;
  sink_->Report(Make(severity, std::move(location), std::move(message), std::move(hint)));
}

Diagnostic SourceLocator::Make(Severity severity, SourceLocation location, std::string message,
                               std::string hint) {
  Diagnostic d;
  d.severity = severity;
  d.message = std::move(message);
  d.hint = std::move(hint);
  if (!options_.source_text.empty()) {
    d.source_line = std::string(LineOf(options_.source_text, location.line));
  } else {
    EnsureLineIndex();
    const int line = location.line - options_.line_offset;  // 1-based in the body
    if (line >= 1 && line <= static_cast<int>(line_starts_.size())) {
      d.source_line = std::string(LineOf(body_.substr(line_starts_[line - 1]), 1));
    }
  }
  d.location = std::move(location);
  return d;
}

}  // namespace kapstok::markdown
