// The subcommands of the kapstok command line and the flag parsing they
// share. Each command returns the process exit code (0 ok, 1 content
// errors, 2 usage or I/O errors). Owned by the `cli` stage.
#ifndef KAPSTOK_CLI_COMMANDS_H_
#define KAPSTOK_CLI_COMMANDS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace kapstok::cli {

struct Command {
  const char* name;
  const char* help;  // full --help text
  int (*run)(const std::vector<std::string>& args);
};

// nullptr when there is no such command.
const Command* FindCommand(const std::string& name);

// Parsed flags: "--out DIR" and "--out=DIR" become {"out": "DIR"}; a bare
// "--drafts" becomes {"drafts": ""}; other words are positional.
struct Flags {
  std::map<std::string, std::string> values;
  std::vector<std::string> positional;
  bool Has(const std::string& name) const { return values.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& def = {}) const {
    auto it = values.find(name);
    return it == values.end() ? def : it->second;
  }
};

// Parses args against the flags a command knows; `with_value` lists those that
// take a value. Prints a usage error and returns nullopt on an unknown flag.
std::optional<Flags> ParseFlags(const std::vector<std::string>& args,
                                const std::vector<std::string>& with_value,
                                const std::vector<std::string>& switches, const char* help);

// Prints the sink's diagnostics to stderr in `format` ("human" or "github")
// and a summary line; returns the number of errors.
int PrintDiagnostics(const DiagnosticSink& sink, const std::string& format);

// Sets the message language: --lang, else the site's language in kapstok.yaml.
void ChooseLanguage(const Flags& flags, const std::string& project_dir);

}  // namespace kapstok::cli

#endif  // KAPSTOK_CLI_COMMANDS_H_
