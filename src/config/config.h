// SiteConfig is kapstok.yaml parsed and checked: the site's settings and its
// content types with their fields and relations. The engine hard-codes no
// content type; everything about the handbook's model comes from here. Owned
// by the `config` stage, which depends only on `base`.
#ifndef KAPSTOK_CONFIG_CONFIG_H_
#define KAPSTOK_CONFIG_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kapstok::config {

enum class FieldType { kString, kText, kInt, kDate, kBool, kUrl, kList, kEnum, kMap };

// The name used in kapstok.yaml ("string", "text", ...).
std::string_view FieldTypeName(FieldType t);

struct FieldDef {
  std::string name;
  FieldType type = FieldType::kString;
  bool required = false;
  std::optional<int64_t> min;  // int: value bounds; list: item count bounds
  std::optional<int64_t> max;
  std::vector<std::string> values;  // enum: the allowed values
  std::string keys;                 // map: the type whose ids are the keys
  std::string label;                // shown on pages; defaults to the name
};

struct RelationDef {
  std::string name;     // the front-matter key
  std::string target;   // target type id
  bool many = false;    // a list of ids instead of one id
  bool required = false;
  int min = 0;          // minimum count (many)
  std::string label;    // shown on the source page; defaults to the target's plural
  std::string inverse;  // shown on the target page; defaults to the source's plural
};

struct TypeDef {
  std::string id;        // "kenmerk"
  std::string folder;    // "kenmerken"
  std::string name;      // "Kwaliteitskenmerk"
  std::string plural;    // "Kwaliteitskenmerken"
  std::string url;       // pattern, "{folder}/{slug}/" by default
  bool list = true;      // whether the type has a list page at "{folder}/"
  std::string order_by;  // a field name, or "" for title order
  std::string summary;   // the field shown as summary in lists, or ""
  std::string description;  // intro of the list page, when no _index.md exists
  std::vector<FieldDef> fields;
  std::vector<RelationDef> relations;

  const FieldDef* FindField(std::string_view name) const;
  const RelationDef* FindRelation(std::string_view name) const;
};

struct FeedDef {
  std::string type;        // the type whose newest items the Atom feed lists
  int count = 20;
  std::string date_field;  // an int (year) or date field that orders items
};

// A generated page showing rows of one type against columns of another; the
// cells come from a map field of the row type keyed by column ids.
struct MatrixDef {
  std::string slug;
  std::string title;
  std::string description;
  std::string rows;
  std::string columns;
  std::string field;
};

// The reflection tool (a private self-assessment page, rendered by the
// `reflect` stage): for every page of `type`, in site order, the items of its
// list field `statements` become statements answered on `scale` (lowest
// first) or with `not_applicable`. After a weak result, pages of the
// `related` types that relate to the page (either direction) are suggested.
struct ReflectionDef {
  std::string slug = "reflectie";  // the page is at "<slug>/"
  std::string title;
  std::string intro;                      // plain text shown above the questions
  std::string type;                       // e.g. "kenmerk"
  std::string statements;                 // a list field of `type`
  std::vector<std::string> scale;         // 2..10 answer labels, lowest first
  std::string not_applicable;             // the extra "does not apply" answer
  std::vector<std::string> related;       // type ids suggested for weak pages
  int weakest = 2;                        // how many weakest pages get suggestions
  int highlights = 3;                     // strongest / weakest statements shown
};

// Print handouts (the `print:` section): which type gets a handout page and
// PDF, what the handout shows, and the name of the whole-site print page.
struct PrintDef {
  std::string type;      // pages of this type get "<url>handout/"
  std::string pdf_name = "handboek";  // "<pdf_name>/" print page and "<pdf_name>.pdf"
  // Text and list fields shown, in order; empty: every text and list field
  // except the summary (which opens the handout) and the attribution.
  std::vector<std::string> fields;
  // Type ids of related pages (relations and backlinks) listed with their
  // summary; empty: every related type except the citation type.
  std::vector<std::string> related;
  // Related types shown with their whole summary; others get its first sentence.
  std::vector<std::string> full_summaries;
  std::string attribution;  // a string field printed as the text's attribution, or ""
  bool body = false;        // whether the Markdown body is printed too
  int max_pages = 3;        // `build --pdf` warns about a handout PDF longer than this
};

struct SiteConfig {
  std::string path;  // where it was read from, for diagnostics
  std::string title;
  std::string description;
  std::string language = "en";
  std::string base_url;     // absolute, ends with '/'
  std::string repository;   // e.g. https://github.com/org/repo, or ""
  std::string branch = "main";
  bool allow_html = false;
  std::string citations;    // type id that [@id] refers to, or ""
  std::optional<FeedDef> feed;
  std::vector<std::string> menu;  // type ids in header order
  std::vector<std::string> search_facets;  // type ids whose related pages become facets
  std::vector<TypeDef> types;
  std::vector<MatrixDef> matrices;
  std::optional<PrintDef> print;
  std::optional<ReflectionDef> reflection;

  const TypeDef* FindType(std::string_view id) const;
  const TypeDef* FindTypeByFolder(std::string_view folder) const;
  std::vector<std::string> TypeIds() const;
};

// Parses and checks the text of kapstok.yaml. Every problem is reported into
// `sink` with its line and column; returns std::nullopt when there was any
// error. Unknown keys are errors (with a suggestion), so typos do not pass.
std::optional<SiteConfig> ParseConfig(std::string_view text, const std::string& path,
                                      DiagnosticSink* sink);

}  // namespace kapstok::config

#endif  // KAPSTOK_CONFIG_CONFIG_H_
