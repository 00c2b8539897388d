// Status is the result of an operation that can fail for operational reasons
// (I/O, a missing configuration file, a bad command line): ok, or a code with
// a message. Content problems are Diagnostics, not Statuses. Owned by `base`.
#ifndef KAPSTOK_BASE_STATUS_H_
#define KAPSTOK_BASE_STATUS_H_

#include <string>
#include <utility>

namespace kapstok {

class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kNotFound, kIOError, kInvalidArgument };

  Status() = default;
  static Status OK() { return Status(); }
  // Subject first: Status::IOError(path, strerror(errno)).
  static Status NotFound(const std::string& subject, const std::string& detail = {}) {
    return Status(Code::kNotFound, Join(subject, detail));
  }
  static Status IOError(const std::string& subject, const std::string& detail = {}) {
    return Status(Code::kIOError, Join(subject, detail));
  }
  static Status InvalidArgument(const std::string& subject, const std::string& detail = {}) {
    return Status(Code::kInvalidArgument, Join(subject, detail));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  static std::string Join(const std::string& a, const std::string& b) {
    return b.empty() ? a : a + ": " + b;
  }
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace kapstok

#endif  // KAPSTOK_BASE_STATUS_H_
