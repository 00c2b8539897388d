// The HTTP/1.1 subset `kapstok serve` speaks: parsing a request head,
// mapping its target to a path in the in-memory site, content types and
// formatting a response. Pure functions over strings, so tests need no
// sockets. A target can never name anything outside the site: ".." segments,
// backslashes, NUL and other control bytes are refused before any lookup.
// Owned by the `serve` stage.
#ifndef KAPSTOK_SERVE_HTTP_H_
#define KAPSTOK_SERVE_HTTP_H_

#include <string>
#include <string_view>
#include <vector>

namespace kapstok::serve {

struct Request {
  std::string method;  // "GET", "HEAD", ...
  std::string target;  // as sent: "/kenmerken/x/?q=1"
  std::string version; // "HTTP/1.1"
};

enum class ParseResult { kOk, kIncomplete, kBad };

// Parses the request head at the start of `data` (up to and including the
// blank line). kIncomplete when the blank line has not arrived yet.
ParseResult ParseRequest(std::string_view data, Request* request);

// Maps a request target to a site path: the query and fragment are dropped,
// %XX decoded, "/" and ".../" get "index.html". Returns false (the caller
// answers 400) for targets that do not start with '/', bad escapes, "." or
// ".." segments, backslashes, NUL or control bytes.
bool MapTarget(std::string_view target, std::string* site_path);

// "text/html; charset=utf-8" and so on, by extension; unknown ones are
// "application/octet-stream".
std::string ContentTypeFor(std::string_view path);

// A whole response head ending in the blank line; `Connection: close` and
// `Cache-Control: no-store` always (a preview must never be cached).
std::string ResponseHead(int status, std::string_view content_type, size_t content_length,
                         const std::vector<std::pair<std::string, std::string>>& extra = {});

}  // namespace kapstok::serve

#endif  // KAPSTOK_SERVE_HTTP_H_
