#include "serve/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "base/text.h"
#include "serve/http.h"
#include "serve/live_reload.h"

namespace kapstok::serve {

namespace {

constexpr size_t kMaxRequestHead = 16 * 1024;

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Reads until the blank line ending the head, at most kMaxRequestHead
// bytes, waiting at most 5 s for the client.
ParseResult ReadRequest(int fd, Request* request) {
  std::string data;
  char buf[4096];
  for (;;) {
    ParseResult r = ParseRequest(data, request);
    if (r != ParseResult::kIncomplete) return r;
    if (data.size() > kMaxRequestHead) return ParseResult::kBad;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return ParseResult::kIncomplete;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ParseResult::kIncomplete;
    data.append(buf, static_cast<size_t>(n));
  }
}

void Respond(int fd, const Request& request, int status, const std::string& type,
             const std::string& body,
             const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::string out = ResponseHead(status, type, body.size(), extra);
  if (request.method != "HEAD") out += body;
  SendAll(fd, out);
}

}  // namespace

Server::~Server() { Stop(); }

Status Server::Start(int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return Status::IOError("socket", std::strerror(errno));
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 ||
      ::listen(listen_fd_, 64) < 0) {
    Status s = Status::IOError("127.0.0.1:" + std::to_string(port), std::strerror(errno));
    ::close(listen_fd_);
    listen_fd_ = -1;
    return s;
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  accept_thread_ = std::thread([this] { AcceptLoop(); });
  return Status();
}

void Server::Publish(std::shared_ptr<const pipeline::SiteFiles> site,
                     std::vector<std::string> errors, bool reload) {
  std::lock_guard<std::mutex> lock(mu_);
  site_ = std::move(site);
  errors_ = std::move(errors);
  if (reload) ++version_;
  changed_.notify_all();
}

void Server::Stop() {
  if (stopping_.exchange(true)) return;
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  if (accept_thread_.joinable()) accept_thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
  std::unique_lock<std::mutex> lock(mu_);
  changed_.notify_all();
  changed_.wait(lock, [this] { return connections_ == 0; });
}

void Server::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++connections_;
    }
    std::thread([this, fd] {
      Handle(fd);
      ::close(fd);
      std::lock_guard<std::mutex> lock(mu_);
      --connections_;
      changed_.notify_all();
    }).detach();
  }
}

void Server::Handle(int fd) {
  Request request;
  ParseResult r = ReadRequest(fd, &request);
  if (r == ParseResult::kIncomplete) return;
  if (r == ParseResult::kBad) {
    request.method = "GET";
    Respond(fd, request, 400, "text/plain; charset=utf-8", "bad request\n");
    return;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    Respond(fd, request, 405, "text/plain; charset=utf-8", "only GET and HEAD\n",
            {{"Allow", "GET, HEAD"}});
    return;
  }
  std::string path;
  if (!MapTarget(request.target, &path)) {
    Respond(fd, request, 400, "text/plain; charset=utf-8", "bad request\n");
    return;
  }
  std::shared_ptr<const pipeline::SiteFiles> site;
  std::vector<std::string> errors;
  {
    std::lock_guard<std::mutex> lock(mu_);
    site = site_;
    errors = errors_;
  }
  if ("/" + path == kEventsPath) return StreamEvents(fd);
  if ("/" + path == kErrorsPath) {
    std::string text;
    for (const std::string& e : errors) text += e + "\n";
    return Respond(fd, request, 200, "text/plain; charset=utf-8", text);
  }
  auto find = [&](const std::string& p) -> pipeline::SiteFiles::Bytes {
    return site ? site->Find(p) : nullptr;
  };
  pipeline::SiteFiles::Bytes body = find(path);
  int status = 200;
  if (!body && find(path + "/index.html")) {
    std::string target = request.target.substr(0, request.target.find_first_of("?#")) + "/";
    return Respond(fd, request, 301, "text/plain; charset=utf-8", "moved\n",
                   {{"Location", target}});
  }
  if (!body) {
    status = site ? 404 : 503;
    path = "404.html";
    body = find(path);
  }
  std::string type = ContentTypeFor(path);
  if (!body) {
    std::string page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>" +
                       std::to_string(status) + "</title><body><h1>" + std::to_string(status) +
                       "</h1></body></html>";
    return Respond(fd, request, status, "text/html; charset=utf-8",
                   InjectLiveReload(page, errors));
  }
  if (EndsWith(path, ".html")) return Respond(fd, request, status, type, InjectLiveReload(*body, errors));
  Respond(fd, request, status, type, *body);
}

// Sends the current version, then one event per published reload, with a
// comment every 10 s so a closed page is noticed.
void Server::StreamEvents(int fd) {
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
      "Connection: close\r\n\r\n";
  std::unique_lock<std::mutex> lock(mu_);
  long sent = version_;
  std::string first = head + "data: " + std::to_string(sent) + "\n\n";
  lock.unlock();
  if (!SendAll(fd, first)) return;
  lock.lock();
  while (!stopping_) {
    bool news = changed_.wait_for(lock, std::chrono::seconds(10),
                                  [&] { return stopping_ || version_ != sent; });
    if (stopping_) break;
    std::string msg = news ? "data: " + std::to_string(version_) + "\n\n" : ": ping\n\n";
    sent = version_;
    lock.unlock();
    bool ok = SendAll(fd, msg);
    lock.lock();
    if (!ok) break;
  }
}

}  // namespace kapstok::serve
