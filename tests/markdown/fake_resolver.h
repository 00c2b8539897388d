// A LinkResolver over fixed maps, for the markdown stage's tests.
#ifndef KAPSTOK_TESTS_MARKDOWN_FAKE_RESOLVER_H_
#define KAPSTOK_TESTS_MARKDOWN_FAKE_RESOLVER_H_

#include <map>
#include <string>

#include "markdown/markdown.h"

namespace kapstok::markdown {

class FakeResolver : public LinkResolver {
 public:
  // Links: "kenmerken/x.md" style keys (as written, fragment split off and
  // re-appended as "#frag" to the mapped href).
  std::map<std::string, std::string, std::less<>> links;
  std::map<std::string, Citation, std::less<>> sources;

  std::optional<std::string> ResolveLink(std::string_view href, std::string* error,
                                         std::string* hint) const override {
    const size_t hash = href.find('#');
    std::string_view path = href.substr(0, hash);
    auto it = links.find(path);
    if (it == links.end()) {
      *error = "link to '" + std::string(path) + "' points to no page";
      if (path == "../kenmerken/eigen-kracht.md") {
        *hint = "did you mean '../kenmerken/eigen-kracht-versterken.md'?";
      }
      return std::nullopt;
    }
    std::string out = it->second;
    if (hash != std::string_view::npos) out += href.substr(hash);
    return out;
  }

  std::optional<Citation> ResolveCitation(std::string_view id, std::string* hint) const override {
    auto it = sources.find(id);
    if (it == sources.end()) {
      if (id == "movisie") *hint = "did you mean 'movisie2013'?";
      return std::nullopt;
    }
    return it->second;
  }
};

}  // namespace kapstok::markdown

#endif  // KAPSTOK_TESTS_MARKDOWN_FAKE_RESOLVER_H_
