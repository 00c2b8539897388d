// StageTimer measures a run stage by stage: wall time and the process's CPU
// time (user + system, all threads) from one Mark() to the next. With
// KAPSTOK_TIMING=1 in the environment each Mark() prints one line to stderr,
//   timing: load     412.3 ms wall  790.1 ms cpu (1.92 cores)  98.2 ms sys
// so a slow or poorly parallel stage shows at once; otherwise it does nothing
// and costs two clock reads per stage. Owned by `base`; used by the pipeline.
#ifndef KAPSTOK_BASE_TIMING_H_
#define KAPSTOK_BASE_TIMING_H_

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
  StageTimer() : enabled_(TimingEnabled()) { Reset(); }

  // Ends the stage that began at the previous Mark() (or construction) and
  // prints it when enabled. `stage` is a short name ("load", "model").
  void Mark(std::string_view stage) {
    if (!enabled_) return;
    const Clock::time_point wall = Clock::now();
    double sys = 0;
    const double cpu = CpuMs(&sys);
    const double wall_ms = std::chrono::duration<double, std::milli>(wall - wall_).count();
    const double cpu_ms = cpu - cpu_ms_;
    std::fprintf(stderr, "timing: %-12.*s %8.1f ms wall %8.1f ms cpu (%.2f cores) %7.1f ms sys\n",
                 static_cast<int>(stage.size()), stage.data(), wall_ms, cpu_ms,
                 wall_ms > 0 ? cpu_ms / wall_ms : 0.0, sys - sys_ms_);
    wall_ = wall;
    cpu_ms_ = cpu;
    sys_ms_ = sys;
  }

  // Prints the time since construction as `stage` (e.g. "total").
  void Total(std::string_view stage) {
    if (!enabled_) return;
    wall_ = start_wall_;
    cpu_ms_ = start_cpu_ms_;
    sys_ms_ = start_sys_ms_;
    Mark(stage);
  }

 private:
  using Clock = std::chrono::steady_clock;

  void Reset() {
    if (!enabled_) return;
    wall_ = start_wall_ = Clock::now();
    cpu_ms_ = start_cpu_ms_ = CpuMs(&sys_ms_);
    start_sys_ms_ = sys_ms_;
  }

  // User + system CPU time of the whole process; *sys gets the system part.
  static double CpuMs(double* sys) {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    *sys = ms(u.ru_stime);
    return ms(u.ru_utime) + *sys;
  }

  bool enabled_;
  Clock::time_point wall_, start_wall_;
  double cpu_ms_ = 0, start_cpu_ms_ = 0, sys_ms_ = 0, start_sys_ms_ = 0;
};

}  // namespace kapstok

#endif  // KAPSTOK_BASE_TIMING_H_
