// Benchmark of the search stage alone (not a test, not shipped): loads a
// project's model like `kapstok build`, then runs SearchDocuments and
// BuildIndex `runs` times and prints, per run, the CPU time (user+sys of the
// whole process, all threads), the wall time and the peak RSS the stage
// added above the model (VmHWM is reset through /proc/self/clear_refs
// before each run). With OUTDIR, the last run's files are written there.
//
//   search_stage_bench PROJECT_DIR [RUNS] [OUTDIR]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/text.h"
#include "config/config.h"
#include "content/loader.h"
#include "model/site_model.h"
#include "pipeline/search_docs.h"
#include "search/search_index.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

// A "VmRSS"/"VmHWM" figure of /proc/self/status in MiB.
double StatusMiB(const char* key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) == 0) return std::atof(line.c_str() + std::strlen(key) + 1) / 1024;
  }
  return 0;
}

void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: search_stage_bench PROJECT_DIR [RUNS] [OUTDIR]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  const kapstok::FileSystem& fs = kapstok::RealFileSystem();
  kapstok::DiagnosticSink sink;
  std::string config_text;
  const std::string config_path = kapstok::JoinPath(dir, "kapstok.yaml");
  if (!fs.ReadFile(config_path, &config_text).ok()) {
    std::cerr << config_path << ": cannot read\n";
    return 2;
  }
  auto config = kapstok::config::ParseConfig(config_text, config_path, &sink);
  if (!config) return 1;
  auto loaded = kapstok::content::LoadContent(fs, kapstok::JoinPath(dir, "content"), *config,
                                              {}, &sink);
  auto model = kapstok::model::BuildModel(std::move(loaded), *config, &sink);
  if (sink.has_errors()) {
    for (const auto& d : sink.Sorted()) std::cerr << kapstok::FormatHuman(d) << "\n";
    return 1;
  }
  kapstok::OutputFiles files;
  for (int r = 0; r < runs; ++r) {
    files.clear();
    files.shrink_to_fit();
    const double rss = StatusMiB("VmRSS:");
    ResetPeak();
    const double cpu0 = CpuSeconds();
    const auto wall0 = std::chrono::steady_clock::now();
    auto docs = kapstok::pipeline::SearchDocuments(*model);
    const double cpu_docs = CpuSeconds() - cpu0;
    const double docs_peak = StatusMiB("VmHWM:") - rss;
    files = kapstok::search::BuildIndex(docs, kapstok::search::Options{config->language});
    docs.clear();
    const double cpu = CpuSeconds() - cpu0;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    size_t bytes = 0;
    for (const auto& f : files) bytes += f.bytes.size();
    std::printf(
        "run %d: cpu %.3f s (documents %.3f), wall %.3f s, peak +%.0f MiB (documents +%.0f), "
        "%zu files, %zu bytes\n",
        r + 1, cpu, cpu_docs, wall, StatusMiB("VmHWM:") - rss, docs_peak, files.size(), bytes);
  }
  if (argc > 3) {
    for (const auto& f : files) {
      std::filesystem::path path = std::filesystem::path(argv[3]) / f.path;
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << f.bytes;
    }
  }
  return 0;
}
