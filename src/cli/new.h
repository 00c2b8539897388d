// `kapstok new <type> "<Titel>"`: scaffolds a content file for an editor.
// The file name comes from the title (diacritics folded, lowercase, hyphens);
// the text comes from the archetype templates/archetypes/<type>.md, or, when
// a type has none, from a scaffold generated from kapstok.yaml. An existing
// file is never overwritten. Owned by the `cli` stage.
#ifndef KAPSTOK_CLI_NEW_H_
#define KAPSTOK_CLI_NEW_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace kapstok::cli {

extern const char kNewHelp[];

// The command: returns 0 and prints the new file's path on stdout; 1 when
// kapstok.yaml has errors; 2 on a usage error, an existing file or I/O error.
int New(const std::vector<std::string>& args);

// What an archetype's placeholders expand to.
struct ArchetypeValues {
  std::string title;
  std::string year;  // "2026"
  std::string date;  // "2026-11-22"
  // Page ids per type id, sorted; from the files in content/<folder>/.
  std::map<std::string, std::vector<std::string>> ids;
};

// Expands the placeholders of an archetype:
//   {{title}}        the title, escaped for a double-quoted YAML text
//   {{year}}         {{date}}  today
//   {{ids:<type>}}   the ids of <type>, comma-separated; in a '#' comment
//                    line, wrapped into further comment lines
//   {{first:<type>}} the first id of <type> ("" when there is none)
// Returns nullopt and sets *unknown to the first unknown placeholder.
std::optional<std::string> FillArchetype(std::string_view archetype,
                                         const ArchetypeValues& values, std::string* unknown);

// An archetype generated from `type`: every field and relation with a short
// comment (label, kind, "required") in the message language; required ones
// with a value that passes `check`, optional ones commented out.
std::string DefaultArchetype(const config::SiteConfig& config, const config::TypeDef& type);

// The file name (without .md) for a title: Slugify(title). "" when the title
// has no letters or digits.
std::string FileNameForTitle(std::string_view title);

}  // namespace kapstok::cli

#endif  // KAPSTOK_CLI_NEW_H_
