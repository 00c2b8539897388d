#include "cli/serve.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "base/file_system.h"
#include "cli/commands.h"
#include "pipeline/builder.h"
#include "serve/server.h"
#include "serve/watcher.h"

namespace kapstok::cli {

const char kServeHelp[] =
    "Usage: kapstok serve [--port N] [--drafts] [--project DIR] [--lang L]\n"
    "\n"
    "Builds the site in memory and serves it on http://127.0.0.1:N/ (default 8080).\n"
    "Watches content/, templates/, themes/ and kapstok.yaml; after a change it rebuilds\n"
    "only what changed and the open page reloads itself. When a build has errors the\n"
    "page shows them and the last good version stays served. Nothing is written to disk.\n"
    "\n"
    "  --port N         port on 127.0.0.1 (default 8080; 0 picks a free one)\n"
    "  --drafts         include pages with 'draft: true'\n"
    "  --project DIR    the project folder (default: .)\n"
    "  --lang L         language of messages (default: the site's language)\n"
    "  --quiet          print nothing but diagnostics\n"
    "\n"
    "Stop with Ctrl+C. Exit status: 0 stopped, 2 usage error or port unavailable.\n";

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

// Prints the diagnostics and returns the errors, formatted, for the overlay.
std::vector<std::string> Report(const DiagnosticSink& sink) {
  PrintDiagnostics(sink, "human");
  std::vector<std::string> errors;
  for (const Diagnostic& d : sink.Sorted())
    if (d.severity == Severity::kError) errors.push_back(FormatHuman(d));
  return errors;
}

}  // namespace

int Serve(const std::vector<std::string>& args) {
  auto flags = ParseFlags(args, {"port", "project", "lang"}, {"drafts", "quiet"}, kServeHelp);
  if (!flags) return 2;
  if (!flags->positional.empty()) {
    std::fprintf(stderr, "kapstok: unexpected argument '%s'\n", flags->positional[0].c_str());
    return 2;
  }
  char* end = nullptr;
  std::string port_text = flags->Get("port", "8080");
  long port = std::strtol(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
    std::fprintf(stderr, "kapstok: --port must be a number from 0 to 65535, not '%s'\n",
                 port_text.c_str());
    return 2;
  }
  const bool quiet = flags->Has("quiet");
  pipeline::BuildOptions options;
  options.project_dir = flags->Get("project", ".");
  options.drafts = flags->Has("drafts");
  options.write = false;
  ChooseLanguage(*flags, options.project_dir);

  serve::Watcher watcher;
  if (Status s = watcher.Start(options.project_dir); !s.ok()) {
    std::fprintf(stderr, "kapstok: %s\n", s.message().c_str());
    return 2;
  }
  pipeline::Builder builder(RealFileSystem(), options);
  DiagnosticSink first;
  builder.BuildAll(&first);
  std::vector<std::string> errors = Report(first);
  if (!builder.status().ok()) errors.push_back(builder.status().message());
  serve::Server server;
  server.Publish(builder.site(), errors, false);
  if (Status s = server.Start(static_cast<int>(port)); !s.ok()) {
    std::fprintf(stderr, "kapstok: cannot serve on %s\n", s.message().c_str());
    return 2;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::fprintf(stderr, "kapstok: serving http://127.0.0.1:%d/ (%.0f ms; Ctrl+C stops)\n",
               server.port(), builder.stats().ms);

  while (!g_stop) {
    std::vector<std::string> changed = watcher.Wait(250);
    if (changed.empty()) continue;
    DiagnosticSink sink;
    bool ok = builder.Rebuild(changed, &sink);
    errors = Report(sink);
    if (!builder.status().ok()) errors.push_back(builder.status().message());
    server.Publish(builder.site(), errors, true);
    const pipeline::RebuildStats& st = builder.stats();
    if (!quiet && ok)
      std::fprintf(stderr, "kapstok: %s: %zu file(s) parsed, %zu page(s) rendered in %.0f ms\n",
                   changed.size() == 1 ? changed[0].c_str() : "rebuilt", st.files_parsed,
                   st.pages_rendered, st.ms);
    if (builder.search_stale()) {  // after the reload, so it never delays the page
      builder.UpdateSearchIndex();
      server.Publish(builder.site(), errors, false);
    }
  }
  server.Stop();
  return 0;
}

}  // namespace kapstok::cli
