#include "cli/commands.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file_system.h"
#include "base/messages.h"
#include "config/config.h"
#include "config/yaml_util.h"
#include "cli/new.h"
#include "cli/schema.h"
#include "cli/serve.h"
#include "pipeline/build.h"

namespace kapstok::cli {

std::optional<Flags> ParseFlags(const std::vector<std::string>& args,
                                const std::vector<std::string>& with_value,
                                const std::vector<std::string>& switches, const char* help) {
  Flags flags;
  auto known = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(help, stdout);
      std::exit(0);
    }
    if (a.rfind("--", 0) != 0 || a == "--") {
      flags.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_eq = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_eq = true;
    }
    if (known(with_value, name)) {
      if (!has_eq) {
        if (i + 1 >= args.size()) {
          std::fprintf(stderr, "kapstok: --%s needs a value\n\n%s", name.c_str(), help);
          return std::nullopt;
        }
        value = args[++i];
      }
      flags.values[name] = value;
    } else if (known(switches, name) && !has_eq) {
      flags.values[name] = "";
    } else {
      std::fprintf(stderr, "kapstok: unknown option '%s'\n\n%s", a.c_str(), help);
      return std::nullopt;
    }
  }
  return flags;
}

int PrintDiagnostics(const DiagnosticSink& sink, const std::string& format) {
  const bool color = format == "human" && !std::getenv("NO_COLOR") && ::isatty(2);
  std::string out;
  for (const Diagnostic& d : sink.Sorted())
    out += format == "github" ? FormatGithub(d) : FormatHuman(d, color) + "\n";
  int errors = sink.error_count(), warnings = sink.warning_count();
  if (errors || warnings) {
    out += Tr("summary.counts", {std::to_string(errors), std::to_string(warnings)});
    out += '\n';
  }
  std::fputs(out.c_str(), stderr);
  return errors;
}

void ChooseLanguage(const Flags& flags, const std::string& project_dir) {
  if (flags.Has("lang")) {
    SetMessageLanguage(flags.Get("lang"));
    return;
  }
  // The site's language, read by the same parser the build uses. When
  // kapstok.yaml has errors, its site.language still counts if it is a plain
  // value, so editors read the error report in their language; when the file
  // is missing or not YAML, the messages stay English (the command reports it).
  const std::string path = JoinPath(project_dir, "kapstok.yaml");
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  std::stringstream stream;
  stream << in.rdbuf();
  const std::string text = stream.str();
  DiagnosticSink scratch;
  if (std::optional<config::SiteConfig> c = config::ParseConfig(text, path, &scratch)) {
    SetMessageLanguage(c->language);
  } else if (std::optional<YAML::Node> root = config::LoadYaml(text, {path, text, 0}, &scratch)) {
    const YAML::Node site = root->IsMap() ? (*root)["site"] : YAML::Node();
    if (site.IsMap() && site["language"].IsScalar())
      SetMessageLanguage(site["language"].Scalar());
  }
}

namespace {

const char kBuildHelp[] =
    "Usage: kapstok build [--out DIR] [--base-url URL] [--drafts] [--pdf] [--project DIR]\n"
    "\n"
    "Builds the site from kapstok.yaml, content/, templates/ and themes/ into DIR\n"
    "(default: site). Nothing is written when there is any error; the previous site\n"
    "stays as it was.\n"
    "\n"
    "  --out DIR        output folder (default: site)\n"
    "  --base-url URL   absolute URL of the site (overrides kapstok.yaml)\n"
    "  --drafts         include pages with 'draft: true'\n"
    "  --pdf            also write PDF handouts (needs chromium)\n"
    "  --project DIR    the project folder (default: .)\n"
    "  --format F       diagnostics as 'human' (default) or 'github'\n"
    "  --lang L         language of messages (default: the site's language)\n"
    "  --quiet          print nothing but diagnostics\n"
    "\n"
    "Exit status: 0 ok, 1 content errors, 2 usage or I/O errors.\n";

const char kCheckHelp[] =
    "Usage: kapstok check [--format=human|github] [--lang nl|en] [--project DIR]\n"
    "\n"
    "Runs every validation of 'build' and writes nothing. Prints each problem as\n"
    "file:line:col: error: message, with the source line, a caret and a suggestion.\n"
    "--format=github prints GitHub workflow annotations for pull requests.\n"
    "\n"
    "Exit status: 0 no errors, 1 errors, 2 usage or I/O errors.\n";

// A build replaces its output folder wholesale, so it must never be the
// project, a folder above it, or one of the project's own source folders.
bool SafeOutputFolder(const std::string& project_dir, const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path project = fs::weakly_canonical(fs::absolute(project_dir, ec), ec);
  fs::path out = fs::weakly_canonical(fs::absolute(out_dir, ec), ec);
  if (out.empty() || out == out.root_path()) return false;
  // `out` is the project or above it.
  auto [pm, om] = std::mismatch(out.begin(), out.end(), project.begin(), project.end());
  if (pm == out.end()) return false;
  for (const char* source : {"content", "templates", "themes", "src", ".git"})
    if (out == project / source) return false;
  return !fs::exists(out / "kapstok.yaml", ec);
}

int RunBuild(const std::vector<std::string>& args, bool write) {
  auto flags = ParseFlags(args, {"out", "base-url", "project", "format", "lang"},
                          {"drafts", "pdf", "quiet"}, write ? kBuildHelp : kCheckHelp);
  if (!flags) return 2;
  if (!flags->positional.empty()) {
    std::fprintf(stderr, "kapstok: unexpected argument '%s'\n", flags->positional[0].c_str());
    return 2;
  }
  std::string format = flags->Get("format", "human");
  if (format != "human" && format != "github") {
    std::fprintf(stderr, "kapstok: --format must be 'human' or 'github'\n");
    return 2;
  }
  pipeline::BuildOptions options;
  options.project_dir = flags->Get("project", ".");
  options.out_dir = flags->Get("out", "site");
  options.base_url = flags->Get("base-url");
  options.drafts = flags->Has("drafts");
  options.pdf = flags->Has("pdf");
  options.write = write;
  options.exiting = true;  // RunBuild's caller returns from main
  ChooseLanguage(*flags, options.project_dir);
  if (write && !SafeOutputFolder(options.project_dir, options.out_dir)) {
    std::fprintf(stderr,
                 "kapstok: refusing to write the site to '%s': a build replaces that whole "
                 "folder, and it holds (or is) the project\n",
                 options.out_dir.c_str());
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  DiagnosticSink sink;
  pipeline::BuildResult result = pipeline::Build(RealFileSystem(), options, &sink);
  int errors = PrintDiagnostics(sink, format);
  if (!result.status.ok()) {
    std::fprintf(stderr, "kapstok: %s\n", result.status.message().c_str());
    return 2;
  }
  if (errors > 0) return 1;
  if (!flags->Has("quiet") && write) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "kapstok: %zu pages, %zu files written to %s in %.0f ms\n", result.pages,
                 result.files, options.out_dir.c_str(), ms);
  }
  return 0;
}

int Build(const std::vector<std::string>& args) { return RunBuild(args, true); }
int Check(const std::vector<std::string>& args) { return RunBuild(args, false); }

const Command kCommands[] = {
    {"build", kBuildHelp, Build},
    {"check", kCheckHelp, Check},
    {"new", kNewHelp, New},
    {"schema", kSchemaHelp, Schema},
    {"serve", kServeHelp, Serve},
};

}  // namespace

const Command* FindCommand(const std::string& name) {
  for (const Command& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace kapstok::cli
