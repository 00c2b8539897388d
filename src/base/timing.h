// StageTimer measures a run stage by stage: wall time and the process's CPU
// time (user + system, all threads) from one Mark() to the next, the page
// faults in between and the peak memory so far. With KAPSTOK_TIMING=1 in the
// environment each Mark() prints one line to stderr,
//   timing: load   412.3 ms wall  790.1 ms cpu (1.92 cores)  98.2 ms sys  12.3k faults  140 MiB peak
// so a slow, poorly parallel or memory-hungry stage shows at once; otherwise it does nothing
// and costs two clock reads per stage. It can also keep a one-line summary of the stages'
// wall times (kapstok serve's RebuildStats::phases). Owned by `base`; used by the pipeline.
#ifndef KAPSTOK_BASE_TIMING_H_
#define KAPSTOK_BASE_TIMING_H_

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace kapstok {

// True when KAPSTOK_TIMING is set to anything but "" or "0".
inline bool TimingEnabled() {
  static const bool enabled = [] {
    const char* env = std::getenv("KAPSTOK_TIMING");
    return env != nullptr && *env != '\0' && std::strcmp(env, "0") != 0;
  }();
  return enabled;
}

class StageTimer {
 public:
  // With a `summary`, every Mark() also appends "<stage> N ms" (wall time,
  // ", " between stages) to *summary, timing enabled or not: kapstok serve
  // reports its rebuild phases so. *summary must outlive the Mark() calls.
  explicit StageTimer(std::string* summary = nullptr)
      : enabled_(TimingEnabled()), summary_(summary) {
    Reset();
  }

  // Ends the stage that began at the previous Mark() (or construction) and
  // prints it when enabled. `stage` is a short name ("load", "model").
  void Mark(std::string_view stage) {
    if (!enabled_ && !summary_) return;
    const Clock::time_point wall = Clock::now();
    const double wall_ms = std::chrono::duration<double, std::milli>(wall - wall_).count();
    wall_ = wall;
    if (summary_) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %.0f ms", wall_ms);
      if (!summary_->empty()) *summary_ += ", ";
      summary_->append(stage).append(buf);
    }
    if (!enabled_) return;
    Usage now = Sample();
    const double cpu_ms = now.cpu_ms - last_.cpu_ms;
    std::fprintf(stderr,
                 "timing: %-12.*s %8.1f ms wall %8.1f ms cpu (%.2f cores) %7.1f ms sys %6.1fk faults"
                 " %5.0f MiB peak\n",
                 static_cast<int>(stage.size()), stage.data(), wall_ms, cpu_ms,
                 wall_ms > 0 ? cpu_ms / wall_ms : 0.0, now.sys_ms - last_.sys_ms,
                 (now.faults - last_.faults) / 1e3, now.peak_mib);
    last_ = now;
  }

  // Prints the time since construction as `stage` (e.g. "total").
  void Total(std::string_view stage) {
    if (!enabled_) return;
    wall_ = start_wall_;
    last_ = start_;
    Mark(stage);
  }

 private:
  using Clock = std::chrono::steady_clock;

  // The whole process so far: CPU time (user + system, all threads), its
  // system part, minor page faults and peak resident memory.
  struct Usage {
    double cpu_ms = 0, sys_ms = 0, faults = 0, peak_mib = 0;
  };

  void Reset() {
    if (!enabled_ && !summary_) return;
    wall_ = start_wall_ = Clock::now();
    if (enabled_) last_ = start_ = Sample();
  }

  static Usage Sample() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    Usage out;
    out.sys_ms = ms(u.ru_stime);
    out.cpu_ms = ms(u.ru_utime) + out.sys_ms;
    out.faults = static_cast<double>(u.ru_minflt);
    out.peak_mib = u.ru_maxrss / 1024.0;  // KiB on Linux
    return out;
  }

  bool enabled_;
  std::string* summary_;
  Clock::time_point wall_, start_wall_;
  Usage last_, start_;
};

}  // namespace kapstok

#endif  // KAPSTOK_BASE_TIMING_H_
