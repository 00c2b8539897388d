// ParallelFor runs fn(i) for i in [0, n) on all cores. Work is handed out in
// small batches from an atomic counter, so uneven items balance out. fn must
// be safe to call concurrently for different i; results go into
// pre-sized slots, which keeps the output order (and so the site) deterministic.
#ifndef KAPSTOK_BASE_PARALLEL_H_
#define KAPSTOK_BASE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace kapstok {

// Threads used by ParallelFor: hardware concurrency, or KAPSTOK_THREADS.
int WorkerCount();

template <typename Fn>
void ParallelFor(size_t n, Fn&& fn) {
  const size_t workers = std::min<size_t>(static_cast<size_t>(WorkerCount()), n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  const size_t batch = std::max<size_t>(1, n / (workers * 16));
  auto work = [&] {
    for (;;) {
      size_t begin = next.fetch_add(batch);
      if (begin >= n) return;
      size_t end = std::min(n, begin + batch);
      for (size_t i = begin; i < end; ++i) fn(i);
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
}

}  // namespace kapstok

#endif  // KAPSTOK_BASE_PARALLEL_H_
