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

struct FieldValue {
  config::FieldType type = config::FieldType::kString;
  std::string text;                // string, text, date, url, enum
  int64_t number = 0;              // int
  bool flag = false;               // bool
  std::vector<std::string> items;  // list
  // map: key id -> items, in source order; key locations for diagnostics.
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  std::vector<SourceLocation> entry_locations;
  SourceLocation location;
};

struct RelationRef {
  std::string id;
  SourceLocation location;
  std::string source_line;
};

struct ParsedPage {
  const config::TypeDef* type = nullptr;  // null for special pages (home, list intros)
  std::string id;        // the file name without ".md"
  std::string path;      // as given to the loader, e.g. "content/kenmerken/x.md"
  std::string rel_path;  // relative to the content folder: "kenmerken/x.md"
  std::string title;
  SourceLocation title_location;
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
};

}  // namespace kapstok::content

#endif  // KAPSTOK_CONTENT_PAGE_H_
