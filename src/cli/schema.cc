#include "cli/schema.h"

#include <cstdio>

#include "base/file_system.h"
#include "base/messages.h"
#include "base/text.h"
#include "cli/commands.h"
#include "config/config.h"
#include "output/writer.h"
#include "schema/json_schema.h"

namespace kapstok::cli {

const char kSchemaHelp[] =
    "Usage: kapstok schema [--out DIR] [--check] [--project DIR] [--lang nl|en]\n"
    "\n"
    "Writes a JSON Schema per content type, generated from kapstok.yaml, to\n"
    "DIR/<type>.schema.json (default: schemas/ in the project; the folder is\n"
    "replaced; it may hold only *.schema.json files). Content files point at it with a first front-matter line\n"
    "'# yaml-language-server: $schema=../../schemas/<type>.schema.json', so VS\n"
    "Code (with the YAML extension) completes and checks fields while typing.\n"
    "\n"
    "  --check   write nothing; exit 1 when a file in DIR is missing or differs\n"
    "\n"
    "Exit status: 0 ok, 1 errors in kapstok.yaml or (--check) outdated schemas,\n"
    "2 usage or I/O errors.\n";

int Schema(const std::vector<std::string>& args) {
  auto flags = ParseFlags(args, {"out", "project", "lang"}, {"check"}, kSchemaHelp);
  if (!flags) return 2;
  if (!flags->positional.empty()) {
    std::fprintf(stderr, "kapstok: unexpected argument '%s'\n", flags->positional[0].c_str());
    return 2;
  }
  const std::string project = flags->Get("project", ".");
  const std::string out_dir = flags->Get("out", JoinPath(project, schema::kSchemaDir));
  ChooseLanguage(*flags, project);
  const FileSystem& fs = RealFileSystem();
  const std::string config_path = JoinPath(project, "kapstok.yaml");
  std::string text;
  if (Status s = fs.ReadFile(config_path, &text); !s.ok()) {
    std::fprintf(stderr, "kapstok: %s\n", s.message().c_str());
    return 2;
  }
  DiagnosticSink sink;
  std::optional<config::SiteConfig> config = config::ParseConfig(text, config_path, &sink);
  if (!config) {
    PrintDiagnostics(sink, "human");
    return 1;
  }
  OutputFiles files = schema::SchemaFiles(*config);
  if (flags->Has("check")) {
    int stale = 0;
    for (const OutputFile& f : files) {
      std::string path = JoinPath(out_dir, f.path), current;
      if (!fs.ReadFile(path, &current).ok() || current != f.bytes) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), Tr("schema.outdated").c_str());
        ++stale;
      }
    }
    return stale > 0 ? 1 : 0;
  }
  // WriteSite replaces the whole folder: never let a mistyped --out (".",
  // "content") take anything but schemas with it.
  std::vector<DirEntry> present;
  if (fs.ListTree(out_dir, &present).ok()) {
    for (const DirEntry& e : present) {
      if (!e.is_regular || e.is_symlink || e.path.find('/') != std::string::npos ||
          !EndsWith(e.path, ".schema.json")) {
        std::fprintf(stderr, "kapstok schema: %s\n",
                     Tr("schema.foreign-files", {out_dir, e.path}).c_str());
        return 2;
      }
    }
  }
  if (Status s = output::WriteSite(out_dir, files); !s.ok()) {
    std::fprintf(stderr, "kapstok: %s\n", s.message().c_str());
    return 2;
  }
  std::fprintf(stderr, "%s\n", Tr("schema.written", {std::to_string(files.size()), out_dir}).c_str());
  return 0;
}

}  // namespace kapstok::cli
