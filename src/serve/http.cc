#include "serve/http.h"

namespace kapstok::serve {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

const char* StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace

ParseResult ParseRequest(std::string_view data, Request* request) {
  size_t end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) return ParseResult::kIncomplete;
  std::string_view line = data.substr(0, data.find("\r\n"));
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return ParseResult::kBad;
  size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return ParseResult::kBad;
  request->method = std::string(line.substr(0, sp1));
  request->target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  request->version = std::string(line.substr(sp2 + 1));
  if (request->method.empty() || request->target.empty()) return ParseResult::kBad;
  if (request->version != "HTTP/1.1" && request->version != "HTTP/1.0") return ParseResult::kBad;
  for (char c : request->method)
    if (c < 'A' || c > 'Z') return ParseResult::kBad;
  return ParseResult::kOk;
}

bool MapTarget(std::string_view target, std::string* site_path) {
  if (target.empty() || target.front() != '/') return false;
  target = target.substr(0, target.find_first_of("?#"));
  std::string path;
  for (size_t i = 0; i < target.size(); ++i) {
    char c = target[i];
    if (c == '%') {
      if (i + 2 >= target.size()) return false;
      int hi = HexValue(target[i + 1]), lo = HexValue(target[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return false;
    path += c;
  }
  // Check every segment; empty ones ("//") are dropped.
  std::string out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string_view seg = std::string_view(path).substr(start, slash - start);
    if (seg == "." || seg == "..") return false;
    if (!seg.empty()) {
      if (!out.empty()) out += '/';
      out.append(seg);
    }
    start = slash + 1;
  }
  if (path.back() == '/') out += out.empty() ? "index.html" : "/index.html";
  *site_path = out;
  return true;
}

std::string ContentTypeFor(std::string_view path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"}, {".xml", "application/xml"},
      {".txt", "text/plain; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
      {".gif", "image/gif"}, {".webp", "image/webp"}, {".ico", "image/x-icon"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".pdf", "application/pdf"},
      {".wasm", "application/wasm"}, {".webmanifest", "application/manifest+json"},
  };
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext(name.substr(dot));
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (const auto& [e, type] : kTypes)
      if (ext == e) return type;
  }
  return "application/octet-stream";
}

std::string ResponseHead(int status, std::string_view content_type, size_t content_length,
                         const std::vector<std::pair<std::string, std::string>>& extra) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + StatusText(status) + "\r\n";
  head += "Content-Type: " + std::string(content_type) + "\r\n";
  head += "Content-Length: " + std::to_string(content_length) + "\r\n";
  head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n";
  for (const auto& [k, v] : extra) head += k + ": " + v + "\r\n";
  head += "\r\n";
  return head;
}

}  // namespace kapstok::serve
