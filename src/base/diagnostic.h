// Diagnostics are how Kapstok reports problems in content, configuration and
// templates: values, never exceptions. A Diagnostic names a SourceLocation
// (1-based line and column in a file), a severity and a plain-language
// message; stages report them into a DiagnosticSink and keep going, so one run
// reports every problem. Owned by the `base` stage; every other stage uses it.
#ifndef KAPSTOK_BASE_DIAGNOSTIC_H_
#define KAPSTOK_BASE_DIAGNOSTIC_H_

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace kapstok {

// A position in a source file. line and column are 1-based; 0 means unknown
// (a whole-file problem). Columns count Unicode code points, as editors do.
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation location;
  std::string message;
  // Optional: a likely fix ("did you mean 'x'?"), printed on its own line.
  std::string hint;
  // Optional: the text of the offending source line, printed with a caret.
  std::string source_line;
  // Optional stable code for the kind of problem ("unknown-relation-target").
  std::string code;
};

// Collects diagnostics from any thread. Sorting is by path, line, column, so
// output does not depend on the order in which parallel stages reported.
class DiagnosticSink {
 public:
  void Report(Diagnostic d);
  void Error(SourceLocation loc, std::string message, std::string hint = {});
  void Warning(SourceLocation loc, std::string message, std::string hint = {});

  int error_count() const;
  int warning_count() const;
  bool has_errors() const { return error_count() > 0; }

  // Returns all diagnostics sorted by location, then message.
  std::vector<Diagnostic> Sorted() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> diagnostics_;
};

// "path:line:col: error: message" followed, when known, by the source line,
// a caret under the column and the hint ("  did you mean ...?").
std::string FormatHuman(const Diagnostic& d, bool color = false);

// A GitHub Actions workflow command: "::error file=p,line=l,col=c::message".
std::string FormatGithub(const Diagnostic& d);

// Returns the 1-based `line` of `text` (without its line ending), or "".
std::string_view LineOf(std::string_view text, int line);

// LineOf for many lookups in one text: each call resumes from the previous
// line, so lines asked for in order (a file's values, top to bottom) cost one
// scan of the text in all; asking for an earlier line starts again from the
// top. `text` must outlive the cursor.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  std::string_view Line(int line);

 private:
  std::string_view text_;
  int line_ = 1;      // the line that starts at start_
  size_t start_ = 0;
};

}  // namespace kapstok

#endif  // KAPSTOK_BASE_DIAGNOSTIC_H_
