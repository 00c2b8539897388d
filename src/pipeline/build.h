// The build, stage by stage: load configuration, theme and content, link
// the model, render pages, build the search index, writing the files into a
// staging folder as they are made and swapping it into place at the end.
// Every stage reports into one DiagnosticSink so a run shows all problems;
// the site is replaced only when there is no error, so a failed build
// leaves the previous site as it was. Owned by the `pipeline` stage.
#ifndef KAPSTOK_PIPELINE_BUILD_H_
#define KAPSTOK_PIPELINE_BUILD_H_

#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/output_file.h"
#include "base/status.h"

namespace kapstok::pipeline {

struct BuildOptions {
  std::string project_dir = ".";  // holds kapstok.yaml, content/, templates/, themes/
  std::string out_dir = "site";   // relative to the current directory
  std::string base_url;           // overrides kapstok.yaml's base_url when set
  bool drafts = false;
  bool pdf = false;
  bool write = true;  // false for `kapstok check`: validate everything, write nothing
  // The process ends right after the build (the command line): the site
  // model is left to the operating system instead of being freed object by
  // object, which costs a single thread ~70 ms at 10,000 pages (clang's
  // -disable-free does the same). It stays reachable from a static, so leak
  // checkers do not report it. Never set this in a long-running process.
  bool exiting = false;
};

struct BuildResult {
  Status status;        // an operational failure (I/O, missing kapstok.yaml)
  size_t pages = 0;     // content pages in the model
  size_t files = 0;     // files written (or that would be)
  OutputFiles output;   // kept only when !options.write, for tests and `check`
};

// Runs the whole build. Content problems go to `sink` (result.status stays
// OK); the site is written only when the sink has no errors.
BuildResult Build(const FileSystem& fs, const BuildOptions& options, DiagnosticSink* sink);

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_PIPELINE_BUILD_H_
