// ParsedPage is one content file after loading and validation: its type, id,
// title, typed field values and the relation ids it names (not yet resolved),
// with the source location of each so later stages can report precisely.
// Produced by the `content` stage; read by `model` and everything after it.
#ifndef KAPSTOK_CONTENT_PAGE_H_
#define KAPSTOK_CONTENT_PAGE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "config/config.h"

namespace kapstok::content {

// A place in the page's own file (ParsedPage::path): 1-based line and column
// in code points, as a diagnostic shows them. Column 0 marks a value that
// has no place in the text (a null YAML mark): its diagnostics show no
// source line. The path is the page's, held once per page rather than in
// every value (the front matter of 10,000 pages held 17 copies each).
struct FilePosition {
  int line = 0;
  int column = 0;
};

struct FieldValue {
  config::FieldType type = config::FieldType::kString;
  std::string text;                // string, text, date, url, enum
  int64_t number = 0;              // int
  bool flag = false;               // bool
  std::vector<std::string> items;  // list
  // map: key id -> items, in source order; key locations for diagnostics.
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  std::vector<FilePosition> entry_locations;
  FilePosition location;
};

// One target id a relation names. Its source line for a diagnostic is
// ParsedPage::SourceLineAt(location), read while the page's source is kept.
struct RelationRef {
  std::string id;
  FilePosition location;
};

struct ParsedPage {
  const config::TypeDef* type = nullptr;  // null for special pages (home, list intros)
  std::string id;        // the file name without ".md"
  std::string path;      // as given to the loader, e.g. "content/kenmerken/x.md"
  std::string rel_path;  // relative to the content folder: "kenmerken/x.md"
  std::string title;
  FilePosition title_location;
  bool draft = false;
  bool incomplete = false;
  std::map<std::string, FieldValue> fields;
  std::map<std::string, std::vector<RelationRef>> relations;
  std::string source;     // the whole file text (after BOM removal, CRLF -> LF)
  size_t body_offset = 0;  // where the Markdown body starts in `source`
  int body_line_offset = 0;  // lines before the body

  std::string_view body() const { return std::string_view(source).substr(body_offset); }
  // The file text before the body: the front matter with its --- lines.
  // Two versions of a file with the same front matter differ in the body
  // only, which changes no other page (serve's rebuilds rely on that).
  std::string_view front_matter() const { return std::string_view(source).substr(0, body_offset); }

  // A position in this page's file as a diagnostic's location.
  SourceLocation At(FilePosition p) const { return {path, p.line, p.column}; }
  // The source line a diagnostic at `p` shows: "" for a position without a
  // place (column 0), and once the source has been freed.
  std::string_view SourceLineAt(FilePosition p) const {
    return p.column == 0 ? std::string_view() : LineOf(source, p.line);
  }
};

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_PAGE_H_
