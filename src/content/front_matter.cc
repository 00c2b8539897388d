#include "content/front_matter.h"

#include "base/text.h"

namespace kapstok::content {

namespace {

void ReportAtOffset(const std::string& path, std::string_view text, size_t offset,
                    std::string message, std::string hint, DiagnosticSink* sink) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::string_view l = LineOf(text, line);
  Diagnostic d;
  d.location = {path, line, ColumnOfByte(l, offset - line_start)};
  d.message = std::move(message);
  d.hint = std::move(hint);
  // Show the line only when it is valid text itself.
  if (FindInvalidUtf8(l) == std::string_view::npos && l.find('\0') == std::string_view::npos)
    d.source_line = std::string(l);
  sink->Report(std::move(d));
}

bool IsDelimiter(std::string_view line, bool closing) {
  line = Trim(line);
  return line == "---" || (closing && line == "...");
}

}  // namespace

std::optional<SplitFile> SplitFrontMatter(std::string_view raw, const std::string& path,
                                          DiagnosticSink* sink) {
  if (raw.size() > kMaxContentFileBytes) {
    sink->Error({path, 0, 0},
                "file is " + std::to_string(raw.size() >> 20) + " MiB; content files may be at "
                "most " + std::to_string(kMaxContentFileBytes >> 20) + " MiB",
                "split the page, or move large data out of content/");
    return std::nullopt;
  }
  if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  if (size_t bad = FindInvalidUtf8(raw); bad != std::string_view::npos) {
    ReportAtOffset(path, raw, bad, "the file is not valid UTF-8 text",
                   "save the file as UTF-8 (in most editors: 'Save with encoding')", sink);
    return std::nullopt;
  }
  if (size_t nul = raw.find('\0'); nul != std::string_view::npos) {
    ReportAtOffset(path, raw, nul, "the file contains a NUL byte", "", sink);
    return std::nullopt;
  }
  SplitFile f;
  f.text.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    f.text += raw[i];
  }
  std::string_view t = f.text;
  if (Trim(t).empty()) {
    sink->Error({path, 1, 1}, "the file is empty",
                "a content file starts with front matter between '---' lines, with at least a "
                "title");
    return std::nullopt;
  }
  size_t first_end = t.find('\n');
  std::string_view first = t.substr(0, first_end);
  if (!IsDelimiter(first, false)) {
    Diagnostic d;
    d.location = {path, 1, 1};
    d.message = "the file does not start with front matter ('---' on the first line)";
    d.source_line = std::string(first);
    d.hint = "start the file with a line '---', then 'title: ...', then another '---' line";
    sink->Report(std::move(d));
    return std::nullopt;
  }
  f.yaml_begin = first_end == std::string_view::npos ? t.size() : first_end + 1;
  size_t pos = f.yaml_begin;
  int line = 2;
  while (pos < t.size()) {
    size_t end = t.find('\n', pos);
    if (end == std::string_view::npos) end = t.size();
    if (IsDelimiter(t.substr(pos, end - pos), true)) {
      f.yaml_end = pos;
      f.body_begin = end < t.size() ? end + 1 : t.size();
      f.yaml_line_offset = 1;
      f.body_line_offset = line;
      return f;
    }
    pos = end + 1;
    ++line;
  }
  Diagnostic d;
  d.location = {path, 1, 1};
  d.message = "the front matter opened on line 1 is never closed";
  d.source_line = "---";
  d.hint = "add a line '---' after the last front-matter line";
  sink->Report(std::move(d));
  return std::nullopt;
}

}  // namespace kapstok::content
