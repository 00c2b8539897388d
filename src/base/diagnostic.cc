#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

#include "base/text.h"

namespace kapstok {

void DiagnosticSink::Report(Diagnostic d) {
  std::lock_guard<std::mutex> lock(mu_);
  diagnostics_.push_back(std::move(d));
}

void DiagnosticSink::Error(SourceLocation loc, std::string message,
                           std::string hint) {
  Report(Diagnostic{Severity::kError, std::move(loc), std::move(message),
                    std::move(hint)});
}

void DiagnosticSink::Warning(SourceLocation loc, std::string message,
                             std::string hint) {
  Report(Diagnostic{Severity::kWarning, std::move(loc), std::move(message),
                    std::move(hint)});
}

int DiagnosticSink::error_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

int DiagnosticSink::warning_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(diagnostics_.size()) - static_cast<int>(std::count_if(
      diagnostics_.begin(), diagnostics_.end(),
      [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

std::vector<Diagnostic> DiagnosticSink::Sorted() const {
  std::vector<Diagnostic> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out = diagnostics_;
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.path, a.location.line, a.location.column, a.message) <
           std::tie(b.location.path, b.location.line, b.location.column, b.message);
  });
  return out;
}

std::string_view LineOf(std::string_view text, int line) { return LineCursor(text).Line(line); }

std::string_view LineCursor::Line(int line) {
  if (line < 1) return {};
  if (line < line_) {
    line_ = 1;
    start_ = 0;
  }
  while (line_ < line) {
    const size_t nl = text_.find('\n', start_);
    if (nl == std::string_view::npos) return {};
    start_ = nl + 1;
    ++line_;
  }
  size_t end = text_.find('\n', start_);
  if (end == std::string_view::npos) end = text_.size();
  std::string_view l = text_.substr(start_, end - start_);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

namespace {
// Content can put control characters in a value ("\0", "\e" in YAML) that
// ends up quoted in a message; printed raw they would cut the output at a NUL
// or drive the reader's terminal. Shown as \xNN; tabs stay.
std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

// The source line with each control character shown as '?', so the caret
// below it still lines up.
std::string PrintableLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) c = '?';
  }
  return out;
}
}  // namespace

std::string FormatHuman(const Diagnostic& d, bool color) {
  const bool is_error = d.severity == Severity::kError;
  std::string out = Printable(d.location.path);
  if (d.location.line > 0) {
    out += ':' + std::to_string(d.location.line);
    if (d.location.column > 0) out += ':' + std::to_string(d.location.column);
  }
  out += ": ";
  if (color) out += is_error ? "\033[1;31m" : "\033[1;33m";
  out += is_error ? "error" : "warning";
  if (color) out += "\033[0m";
  out += ": " + Printable(d.message) + "\n";
  if (!d.source_line.empty()) {
    std::string shown = ExpandTabs(PrintableLine(d.source_line));
    out += "    " + shown + "\n";
    if (d.location.column > 0) {
      // The caret sits under the column'th code point, tabs expanded as above.
      int width = DisplayWidth(d.source_line, d.location.column - 1);
      out += "    " + std::string(static_cast<size_t>(width), ' ') + "^\n";
    }
  }
  if (!d.hint.empty()) out += "  " + Printable(d.hint) + "\n";
  return out;
}

namespace {
// GitHub workflow commands escape %, CR and LF in data and also , and : in
// property values.
std::string EscapeGithub(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string FormatGithub(const Diagnostic& d) {
  std::string out = d.severity == Severity::kError ? "::error " : "::warning ";
  out += "file=" + EscapeGithub(Printable(d.location.path), true);
  if (d.location.line > 0) out += ",line=" + std::to_string(d.location.line);
  if (d.location.column > 0) out += ",col=" + std::to_string(d.location.column);
  std::string msg = Printable(d.message);
  if (!d.hint.empty()) msg += "\n" + Printable(d.hint);
  out += "::" + EscapeGithub(msg, false) + "\n";
  return out;
}

}  // namespace kapstok
