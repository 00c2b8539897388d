// Splits a content file into YAML front matter and Markdown body, and checks
// the bytes first: valid UTF-8, no NUL, BOM and CRLF accepted (normalised).
// Owned by the `content` stage.
#ifndef KAPSTOK_CONTENT_FRONT_MATTER_H_
#define KAPSTOK_CONTENT_FRONT_MATTER_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"

namespace kapstok::content {

struct SplitFile {
  std::string text;        // normalised: no BOM, LF line ends
  size_t yaml_begin = 0;   // front matter YAML: text[yaml_begin, yaml_end)
  size_t yaml_end = 0;
  size_t body_begin = 0;   // Markdown body from here to the end
  int yaml_line_offset = 1;  // lines before the YAML (the opening ---)
  int body_line_offset = 0;  // lines before the body
};

// Normalises `raw` and finds the front matter delimited by "---" lines (the
// closing one may also be "..."). Reports, at their line and column, invalid
// UTF-8, NUL bytes, a missing or unclosed front matter; returns nullopt then.
std::optional<SplitFile> SplitFrontMatter(std::string_view raw, const std::string& path,
                                          DiagnosticSink* sink);

// The same for a file the caller hands over: `raw` becomes the result's
// `text`, normalised in place, so a file without BOM or CRLF (the common
// case) is not copied.
std::optional<SplitFile> SplitOwnedFrontMatter(std::string raw, const std::string& path,
                                               DiagnosticSink* sink);

constexpr size_t kMaxContentFileBytes = 8 << 20;

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_FRONT_MATTER_H_
