#include "model/link_resolver.h"

#include <algorithm>
#include <vector>

#include "base/messages.h"
#include "base/text.h"
#include "model/site_model.h"

namespace kapstok::model {

namespace {

// Appends the parts of `path` to the '/'-separated parts in *out (which
// must not alias it): "" and "." are skipped, ".." removes the last part.
// Normalising "a/b" is appending "b" to the normal form of "a". False when a
// ".." finds no part to remove (*out is then unspecified).
bool AppendNormalized(std::string_view path, std::string* out) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      if (out->empty()) return false;
      const size_t slash = out->rfind('/');
      out->resize(slash == std::string::npos ? 0 : slash);  // drop "/part"
    } else if (!part.empty() && part != ".") {
      if (!out->empty()) *out += '/';
      out->append(part);
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

bool NormalizeRelPath(const std::string& path, std::string* out) {
  // Built in a local buffer: `out` may alias `path`.
  std::string result;
  result.reserve(path.size());
  if (!AppendNormalized(path, &result)) return false;
  *out = std::move(result);
  return true;
}

namespace {
// Percent-decodes %20 and friends, which editors get from some tools.
std::string PercentDecode(std::string_view s) {
  if (s.find('%') == std::string_view::npos) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto hex = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace

namespace {

// The page path nearest to `norm` (a broken link's normalised path), written
// relative to the folder `dir` as the link was, or "" when none is near: the
// one page with the same file name, else the closest path (sorted first, so
// ties always pick the same one; skipped past 20,000 pages).
std::string SuggestPagePath(const PathIndex& by_path, const std::string& dir,
                            const std::string& norm) {
  std::vector<std::string> all;
  all.reserve(by_path.size());
  for (std::string_view p : by_path.Paths()) all.emplace_back(p);
  std::sort(all.begin(), all.end());
  std::vector<std::string> candidates;
  std::string file = norm.substr(norm.rfind('/') == std::string::npos ? 0 : norm.rfind('/') + 1);
  for (const std::string& p : all) {
    size_t slash = p.rfind('/');
    if (p.substr(slash == std::string::npos ? 0 : slash + 1) == file) candidates.push_back(p);
  }
  std::string near;
  if (candidates.size() == 1) {
    near = candidates[0];
  } else if (all.size() <= 20000) {
    near = ClosestMatch(norm, all);
  }
  if (near.empty()) return near;
  // Express the suggestion relative to the page's folder.
  std::string d = dir;
  std::string up;
  while (!d.empty() && near.compare(0, d.size() + 1, d + "/") != 0) {
    size_t slash = d.rfind('/');
    d = slash == std::string::npos ? "" : d.substr(0, slash);
    up += "../";
  }
  return up + (d.empty() ? near : near.substr(d.size() + 1));
}

}  // namespace

std::optional<std::string> PageLinkResolver::ResolveLink(std::string_view href,
                                                         std::string* error,
                                                         std::string* hint) const {
  std::string_view path = href;
  std::string_view fragment;
  if (size_t hash = path.find('#'); hash != std::string_view::npos) {
    fragment = path.substr(hash);
    path = path.substr(0, hash);
  }
  // Every link of every page comes here: the path is decoded and normalised
  // into this thread's buffers, and a link to a page costs one allocation
  // (its href).
  thread_local std::string decoded_buffer, norm;
  std::string_view decoded = path;
  if (decoded.find('%') != std::string_view::npos) {
    decoded_buffer = PercentDecode(path);
    decoded = decoded_buffer;
  }
  norm.clear();
  bool inside = decoded.find('\0') == std::string_view::npos;
  if (!decoded.empty() && decoded[0] == '/') {
    decoded.remove_prefix(1);  // from content/
  } else if (inside) {
    inside = AppendNormalized(dir_, &norm);  // the link is relative to the page's folder
  }
  if (inside) inside = AppendNormalized(decoded, &norm);
  if (!inside) {
    *error = Tr("link.outside", {std::string(href)});
    return std::nullopt;
  }
  if (const Page* page = by_path_.Find(norm)) {
    std::string out;
    out.reserve(root_.size() + page->url.size() + fragment.size() + 2);
    AppendRelativeHref(root_, page->url, &out);
    out.append(fragment);
    return out;
  }
  if (static_paths_.count(norm)) return (root_ + norm).append(fragment);
  // A page with errors of its own: already reported, and the build fails.
  if (broken_paths_ && broken_paths_->count(norm)) return (root_ + norm).append(fragment);
  *error = Tr("link.broken", {std::string(href)});
  if (std::string near = SuggestPagePath(by_path_, dir_, norm); !near.empty())
    *hint = Tr("hint.did-you-mean", {near.append(fragment)});
  return std::nullopt;
}

std::optional<markdown::Citation> PageLinkResolver::ResolveCitation(std::string_view id,
                                                                    std::string* hint) const {
  auto it = citable_.find(std::string(id));
  if (it == citable_.end()) {
    std::vector<std::string> ids;
    for (const auto& [k, _] : citable_) ids.push_back(k);
    std::string near = ids.size() <= 20000 ? ClosestMatch(id, ids) : "";
    if (!near.empty()) *hint = Tr("hint.did-you-mean", {"@" + near});
    return std::nullopt;
  }
  return markdown::Citation{RelativeHref(root_, it->second->url), it->second->title()};
}

}  // namespace kapstok::model
