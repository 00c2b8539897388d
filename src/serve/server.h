// Server is the preview HTTP server of `kapstok serve`: it listens on
// 127.0.0.1 only, answers GET and HEAD from an in-memory site snapshot
// (pipeline::SiteFiles) with one thread per connection, injects the live
// reload script (and the error overlay while the last build has errors)
// into HTML pages, and streams a Server-Sent Event to every open page when
// a new version is published. Publish() may be called from any thread; the
// snapshot it receives is never modified. Owned by the `serve` stage.
#ifndef KAPSTOK_SERVE_SERVER_H_
#define KAPSTOK_SERVE_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "pipeline/builder.h"

namespace kapstok::serve {

class Server {
 public:
  Server() = default;
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds 127.0.0.1:`port` (0: any free port) and starts accepting. An error
  // when the port is taken or the socket calls fail.
  [[nodiscard]] Status Start(int port);
  int port() const { return port_; }

  // Serves `site` (null: nothing built yet) with `errors` (formatted
  // diagnostics of the last build; empty when it succeeded). With `reload`,
  // open pages are told to reload.
  void Publish(std::shared_ptr<const pipeline::SiteFiles> site, std::vector<std::string> errors,
               bool reload);

  // Closes the listening socket and every connection; waits for their threads.
  void Stop();

 private:
  void AcceptLoop();
  void Handle(int fd);
  void StreamEvents(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread accept_thread_;
  std::atomic<bool> stopping_{false};

  std::mutex mu_;
  std::condition_variable changed_;
  std::shared_ptr<const pipeline::SiteFiles> site_;
  std::vector<std::string> errors_;
  long version_ = 0;
  int connections_ = 0;  // live connection threads
};

}  // namespace kapstok::serve

#endif  // KAPSTOK_SERVE_SERVER_H_
