#include "base/parallel.h"

#include <cstdlib>

namespace kapstok {

int WorkerCount() {
  static const int count = [] {
    if (const char* env = std::getenv("KAPSTOK_THREADS")) {
      int n = std::atoi(env);
      if (n > 0) return n;
    }
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
  }();
  return count;
}

}  // namespace kapstok
