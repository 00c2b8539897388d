// The kapstok command line: a thin layer over the pipeline. Parses the
// command and its flags, runs it, prints diagnostics and returns the exit
// code: 0 ok, 1 content errors, 2 usage or I/O errors.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "base/messages.h"
#include "cli/commands.h"

namespace kapstok::cli {
namespace {

const char kUsage[] =
    "kapstok: a static site generator for cross-linked, searchable handbooks\n"
    "\n"
    "Usage: kapstok <command> [options]\n"
    "\n"
    "Commands:\n"
    "  build   build the site from content/ into site/ (or --out DIR)\n"
    "  check   validate everything without writing (exit 1 on errors)\n"
    "  serve   build, serve on 127.0.0.1, rebuild and reload on change\n"
    "  new     scaffold a content file: kapstok new <type> \"<Titel>\"\n"
    "  schema  write a JSON Schema per content type\n"
    "\n"
    "Run 'kapstok <command> --help' for the options of a command.\n";

}  // namespace
}  // namespace kapstok::cli

int main(int argc, char** argv) {
  using namespace kapstok::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::puts("kapstok 0.1.0");
    return 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  const Command* cmd = FindCommand(command);
  if (!cmd) {
    std::fprintf(stderr, "kapstok: unknown command '%s'\n\n%s", command.c_str(), kUsage);
    return 2;
  }
  return cmd->run(args);
}
