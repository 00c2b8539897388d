#include "print/endnotes.h"

#include <algorithm>
#include <cctype>

namespace kapstok::print {

namespace {

bool HasScheme(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' ||
                          s[i] == '-' || s[i] == '.'))
    ++i;
  return i > 0 && i < s.size() && s[i] == ':' && std::isalpha(static_cast<unsigned char>(s[0]));
}

// Removes "." and ".." segments from a path that starts with '/'.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < path.size();) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(i, end - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = end + 1;
  }
  const bool dir = path.ends_with("/") || path.ends_with("/.") || path.ends_with("/..");
  std::string out;
  for (std::string_view p : parts) out += "/" + std::string(p);
  if (out.empty() || dir) out += "/";
  return out;
}

size_t FindCaseless(std::string_view hay, std::string_view needle, size_t from) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view href) {
  if (HasScheme(href)) return std::string(href);
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return std::string(href);
  if (href.starts_with("//")) return std::string(base.substr(0, scheme_end + 1)) + std::string(href);
  size_t path_start = base.find('/', scheme_end + 3);
  if (path_start == std::string_view::npos) path_start = base.size();
  const std::string origin(base.substr(0, path_start));
  std::string base_path(base.substr(path_start));
  base_path = base_path.substr(0, base_path.find_first_of("?#"));
  if (base_path.empty()) base_path = "/";
  // Split off the query and fragment of href; only the path is normalised.
  size_t tail_at = href.find_first_of("?#");
  std::string_view href_path = href.substr(0, tail_at);
  std::string tail = tail_at == std::string_view::npos ? "" : std::string(href.substr(tail_at));
  if (href_path.empty()) return origin + base_path + tail;
  std::string joined = href_path.front() == '/'
                           ? std::string(href_path)
                           : base_path.substr(0, base_path.rfind('/') + 1) + std::string(href_path);
  return origin + NormalizePath(joined) + tail;
}

std::string RebaseSources(std::string_view html, const std::string& from_url,
                          const std::string& to_url) {
  static const std::string kOrigin = "https://site.invalid";
  std::string root;
  for (char c : to_url)
    if (c == '/') root += "../";
  std::string out;
  size_t pos = 0;
  for (size_t at = FindCaseless(html, " src=\"", 0); at != std::string_view::npos;
       at = FindCaseless(html, " src=\"", pos)) {
    const size_t value_at = at + 6;
    const size_t value_end = html.find('"', value_at);
    if (value_end == std::string_view::npos) break;
    std::string_view src = html.substr(value_at, value_end - value_at);
    out.append(html.substr(pos, value_at - pos));
    if (src.empty() || HasScheme(src) || src.front() == '/' || src.front() == '#') {
      out.append(src);
    } else {
      std::string abs = ResolveUrl(kOrigin + "/" + from_url, src);
      out.append(root + abs.substr(kOrigin.size() + 1));
    }
    pos = value_end;
  }
  out.append(html.substr(pos));
  return out;
}

int Endnotes::NumberFor(const std::string& url) {
  auto it = std::find(urls_.begin(), urls_.end(), url);
  if (it != urls_.end()) return static_cast<int>(it - urls_.begin()) + 1;
  urls_.push_back(url);
  return static_cast<int>(urls_.size());
}

std::string Endnotes::Rewrite(std::string_view html, const std::string& page_url) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  size_t pos = 0;
  for (;;) {
    size_t open = FindCaseless(html, "<a", pos);
    // "<a" must be followed by whitespace or '>' ("<abbr>" is not a link).
    while (open != std::string_view::npos && open + 2 < html.size() &&
           !std::isspace(static_cast<unsigned char>(html[open + 2])) && html[open + 2] != '>')
      open = FindCaseless(html, "<a", open + 2);
    if (open == std::string_view::npos) break;
    const size_t tag_end = html.find('>', open);
    const size_t close = FindCaseless(html, "</a>", open);
    if (tag_end == std::string_view::npos || close == std::string_view::npos) break;
    std::string_view tag = html.substr(open, tag_end + 1 - open);
    size_t href_at = FindCaseless(tag, " href=\"", 0);
    if (href_at == std::string_view::npos) {  // an anchor without a link target
      out.append(html.substr(pos, close + 4 - pos));
      pos = close + 4;
      continue;
    }
    const size_t value_at = href_at + 7;
    const size_t value_end = tag.find('"', value_at);
    if (value_end == std::string_view::npos) break;
    std::string_view href = tag.substr(value_at, value_end - value_at);
    out.append(html.substr(pos, open - pos));
    std::string_view text = html.substr(tag_end + 1, close - tag_end - 1);
    if (href.empty() || href.front() == '#') {
      out.append(html.substr(open, close + 4 - open));
    } else if (FindCaseless(href, "javascript:", 0) == 0) {
      out.append(text);  // not a place on paper or online: keep the text only
    } else {
      const std::string url = ResolveUrl(page_url, href);
      const std::string n = std::to_string(NumberFor(url));
      out.append(tag.substr(0, value_at));
      out.append(url);
      out.append(tag.substr(value_end));
      out.append(text);
      out.append("</a><sup class=\"endnote-ref\">" + n + "</sup>");
    }
    pos = close + 4;
  }
  out.append(html.substr(pos));
  return out;
}

}  // namespace kapstok::print
