// `kapstok schema`: writes the JSON Schema of every content type's front
// matter (see schema/json_schema.h) to schemas/<type>.schema.json, or, with
// --check, only reports whether the committed files are up to date. Owned by
// the `cli` stage.
#ifndef KAPSTOK_CLI_SCHEMA_H_
#define KAPSTOK_CLI_SCHEMA_H_

#include <string>
#include <vector>

namespace kapstok::cli {

extern const char kSchemaHelp[];

// Returns 0 when written (or, with --check, up to date); 1 when kapstok.yaml
// has errors or, with --check, a schema file differs; 2 on usage or I/O error.
int Schema(const std::vector<std::string>& args);

}  // namespace kapstok::cli

#endif  // KAPSTOK_CLI_SCHEMA_H_
