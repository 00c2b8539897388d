// RunProcess starts a program (here: headless Chromium) with a given HOME,
// its stdout and stderr in a log file, waits for it up to a time limit and
// then kills its whole process group. Owned by the `print` stage, the only
// stage that runs another program.
#ifndef KAPSTOK_PRINT_SUBPROCESS_H_
#define KAPSTOK_PRINT_SUBPROCESS_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace kapstok::print {

struct ProcessResult {
  bool timed_out = false;
  int exit_code = -1;  // -1 when it did not exit normally (a signal)
};

// Runs args[0] (a path) with `args`, the environment of this process but
// HOME=`home`, stdin from /dev/null and stdout+stderr to `log_file`. Kills
// the process group after `timeout_seconds`, and always once it exited, so
// no helper process outlives it. Fails only when the program cannot start.
Status RunProcess(const std::vector<std::string>& args, const std::string& home,
                  const std::string& log_file, int timeout_seconds, ProcessResult* result);

}  // namespace kapstok::print

#endif  // KAPSTOK_PRINT_SUBPROCESS_H_
