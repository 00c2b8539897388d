// Times the incremental rebuild of `kapstok serve`: builds PROJECT once, then
// edits one content file N times each way (body text; a relation removed and
// restored; the title changed and restored, which moves the page in its
// type's order) and reports the Rebuild() wall and process CPU time (median,
// min, max), each rebuild's phases, and the deferred search index update.
// The file is restored at the end.
// Usage: rebuild_bench PROJECT REL_PATH [N [SEARCH_SAMPLES]]
// (REL_PATH like content/x/y.md; SEARCH_SAMPLES default 3)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "pipeline/builder.h"

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of the whole process in ms: on a shared, loaded machine wall
// time mostly measures the wait for a core; CPU time does not.
double CpuMs() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%-34s median %6.1f ms  (min %.1f, max %.1f, n=%zu)\n", what, ms[ms.size() / 2],
              ms.front(), ms.back(), ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kapstok;
  if (argc < 3) {
    std::fprintf(stderr, "usage: rebuild_bench PROJECT REL_PATH [N [SEARCH_SAMPLES]]\n");
    return 2;
  }
  const std::string project = argv[1], rel = argv[2];
  const int n = argc > 3 ? std::atoi(argv[3]) : 9;
  const int searches = argc > 4 ? std::atoi(argv[4]) : 3;
  const std::string file = project + "/" + rel;
  const std::string original = Read(file);
  pipeline::BuildOptions options;
  options.project_dir = project;
  pipeline::Builder builder(RealFileSystem(), options);
  DiagnosticSink sink;
  auto t0 = Clock::now();
  if (!builder.BuildAll(&sink)) {
    std::fprintf(stderr, "build failed: %d errors\n", sink.error_count());
    return 1;
  }
  std::printf("full build: %zu files, %.0f ms\n", builder.site()->size(),
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  std::vector<double> body, search, relation, body_cpu, relation_cpu;
  const pipeline::RebuildStats& st = builder.stats();
  for (int i = 0; i < n; ++i) {
    Write(file, original + "\nBewerking " + std::to_string(i) + ".\n");
    DiagnosticSink s;
    double c0 = CpuMs();
    if (!builder.Rebuild({rel}, &s)) return 1;
    body_cpu.push_back(CpuMs() - c0);
    body.push_back(st.ms);
    if (i == 0)
      std::printf("body edit: %zu parsed, %zu Markdown rendered, %zu pages rendered\n",
                  st.files_parsed, st.markdown_rendered, st.pages_rendered);
    std::printf("  %.0f ms: %s\n", st.ms, st.phases.c_str());
    if (i >= searches) continue;  // the index takes seconds: a few samples are enough
    auto s0 = Clock::now();
    builder.UpdateSearchIndex();
    search.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s0).count());
  }
  // A relation edit: drop the first kenmerk from the list (or add nothing if none).
  for (int i = 0; i < n; ++i) {
    std::string text = original;
    size_t k = text.find("kenmerken: [");
    if (k != std::string::npos && i % 2 == 0) {
      size_t comma = text.find(", ", k);
      size_t close = text.find(']', k);
      if (comma != std::string::npos && comma < close) text.erase(k + 12, comma + 2 - (k + 12));
    }
    Write(file, text);
    DiagnosticSink s;
    double c0 = CpuMs();
    if (!builder.Rebuild({rel}, &s)) return 1;
    relation_cpu.push_back(CpuMs() - c0);
    relation.push_back(st.ms);
    if (i == 0)
      std::printf("relation edit: %zu parsed, %zu Markdown rendered, %zu pages rendered\n",
                  st.files_parsed, st.markdown_rendered, st.pages_rendered);
    std::printf("  %.0f ms: %s\n", st.ms, st.phases.c_str());
  }
  // A title edit: "title: X" becomes "title: Zz X", which moves the page to
  // the end of its type's order, and back.
  std::vector<double> title, title_cpu;
  for (int i = 0; i < n; ++i) {
    std::string text = original;
    size_t k = text.find("\ntitle: ");
    if (k != std::string::npos && i % 2 == 0) {
      size_t at = k + 8;
      if (text[at] == '"') ++at;
      text.insert(at, "Zz ");
    }
    Write(file, text);
    DiagnosticSink s;
    double c0 = CpuMs();
    if (!builder.Rebuild({rel}, &s)) return 1;
    title_cpu.push_back(CpuMs() - c0);
    title.push_back(st.ms);
    if (i == 0)
      std::printf("title edit: %zu parsed, %zu Markdown rendered, %zu pages rendered\n",
                  st.files_parsed, st.markdown_rendered, st.pages_rendered);
    std::printf("  %.0f ms: %s\n", st.ms, st.phases.c_str());
  }
  // A file added next to it (a copy under another name) and removed again:
  // the re-link path (not patched in place).
  std::vector<double> added, added_cpu;
  const std::string copy_rel = rel.substr(0, rel.size() - 3) + "-kopie.md";
  for (int i = 0; i < 2; ++i) {
    if (i == 0) {  // with its own id, when the front matter names one
      std::string copy = original;
      const std::string stem = rel.substr(rel.rfind('/') + 1, rel.size() - rel.rfind('/') - 4);
      if (size_t at = copy.find("id: \"" + stem + "\""); at != std::string::npos)
        copy.insert(at + 5 + stem.size(), "-kopie");
      Write(project + "/" + copy_rel, copy);
    }
    else std::remove((project + "/" + copy_rel).c_str());
    DiagnosticSink s;
    double c0 = CpuMs();
    if (!builder.Rebuild({copy_rel}, &s)) {
      for (const Diagnostic& d : s.Sorted()) std::fprintf(stderr, "%s\n", FormatHuman(d).c_str());
      return 1;
    }
    added_cpu.push_back(CpuMs() - c0);
    added.push_back(st.ms);
    std::printf("file %s: %zu parsed, %zu Markdown rendered, %zu pages rendered\n",
                i == 0 ? "added" : "removed", st.files_parsed, st.markdown_rendered,
                st.pages_rendered);
    std::printf("  %.0f ms: %s\n", st.ms, st.phases.c_str());
  }
  // KAPSTOK_BENCH_VERIFY=1: the site after these rebuilds must equal a fresh build's.
  if (const char* v = std::getenv("KAPSTOK_BENCH_VERIFY"); v && *v == '1') {
    builder.UpdateSearchIndex();
    pipeline::Builder fresh(RealFileSystem(), options);
    DiagnosticSink fs;
    if (!fresh.BuildAll(&fs)) return 1;
    auto a = builder.site()->Files(), b = fresh.site()->Files();
    size_t differ = a.size() != b.size() ? 1 : 0;
    for (const auto& [path, bytes] : b) {
      auto it = a.find(path);
      if (it == a.end() || *it->second != *bytes) {
        if (++differ <= 5) std::printf("DIFFERS: %s\n", path.c_str());
      }
    }
    std::printf("verify: %zu files, %zu differ\n", b.size(), differ);
    if (differ) return 1;
  }
  Write(file, original);
  Report("one-file body edit: Rebuild()", body);
  Report("one-file relation edit: Rebuild()", relation);
  Report("one-file title edit: Rebuild()", title);
  Report("  body edit, process CPU time", body_cpu);
  Report("  relation edit, process CPU time", relation_cpu);
  Report("  title edit, process CPU time", title_cpu);
  Report("file added, removed: Rebuild()", added);
  Report("  file added, removed, process CPU", added_cpu);
  if (!search.empty()) Report("deferred UpdateSearchIndex()", search);
  return 0;
}
