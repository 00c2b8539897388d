#include "content/front_matter.h"

#include <cstring>

#include "base/messages.h"
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

// Drops the first `skip` bytes (a BOM) and turns each CRLF into LF, moving
// the runs between them down in place.
void NormalizeInPlace(std::string* text, size_t skip) {
  if (skip == 0 && text->find("\r\n") == std::string::npos) return;
  char* data = text->data();
  size_t out = 0;
  for (size_t i = skip; i < text->size();) {
    size_t crlf = text->find("\r\n", i);
    if (crlf == std::string::npos) crlf = text->size();
    std::memmove(data + out, data + i, crlf - i);
    out += crlf - i;
    i = crlf + 1;  // the '\n' starts the next run
  }
  text->resize(out);
}

}  // namespace

std::optional<SplitFile> SplitFrontMatter(std::string_view raw, const std::string& path,
                                          DiagnosticSink* sink) {
  return SplitOwnedFrontMatter(std::string(raw), path, sink);
}

std::optional<SplitFile> SplitOwnedFrontMatter(std::string raw, const std::string& path,
                                               DiagnosticSink* sink) {
  if (raw.size() > kMaxContentFileBytes) {
    sink->Error({path, 0, 0},
                Tr("content.too-large", {std::to_string(raw.size() >> 20),
                                         std::to_string(kMaxContentFileBytes >> 20)}),
                Tr("content.too-large.hint"));
    return std::nullopt;
  }
  const size_t bom = StartsWith(raw, "\xEF\xBB\xBF") ? 3 : 0;
  const std::string_view checked = std::string_view(raw).substr(bom);
  if (size_t bad = FindInvalidUtf8(checked); bad != std::string_view::npos) {
    ReportAtOffset(path, checked, bad, Tr("content.invalid-utf8"),
                   Tr("content.invalid-utf8.hint"), sink);
    return std::nullopt;
  }
  if (size_t nul = checked.find('\0'); nul != std::string_view::npos) {
    ReportAtOffset(path, checked, nul, Tr("content.nul-byte"), "", sink);
    return std::nullopt;
  }
  SplitFile f;
  f.text = std::move(raw);
  NormalizeInPlace(&f.text, bom);
  std::string_view t = f.text;
  if (Trim(t).empty()) {
    sink->Error({path, 1, 1}, Tr("content.empty"), Tr("content.empty.hint"));
    return std::nullopt;
  }
  size_t first_end = t.find('\n');
  std::string_view first = t.substr(0, first_end);
  if (!IsDelimiter(first, false)) {
    Diagnostic d;
    d.location = {path, 1, 1};
    d.message = Tr("content.no-front-matter");
    d.source_line = std::string(first);
    d.hint = Tr("content.no-front-matter.hint");
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
  d.message = Tr("content.unclosed-front-matter");
  d.source_line = "---";
  d.hint = Tr("content.unclosed-front-matter.hint");
  sink->Report(std::move(d));
  return std::nullopt;
}

}  // namespace kapstok::content
