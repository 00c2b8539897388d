// PageLinkResolver answers, for one page being rendered, where a relative
// Markdown link or a [@citation] points: it normalises the link against the
// page's folder, finds the target page (or static file) and returns a href
// relative to the page's own URL, so the site works from any folder and from
// file://. Owned by the `model` stage.
#ifndef KAPSTOK_MODEL_LINK_RESOLVER_H_
#define KAPSTOK_MODEL_LINK_RESOLVER_H_

#include <map>
#include <set>
#include <string>
#include "markdown/markdown.h"
#include "model/path_index.h"

namespace kapstok::model {

class SiteModel;
struct Page;

// Normalises "a/b/../c.md" to "a/c.md"; returns false when it leaves the root.
bool NormalizeRelPath(const std::string& path, std::string* out);

class PageLinkResolver : public markdown::LinkResolver {
 public:
  // `dir` is the folder of the page's source relative to content/ ("kenmerken"),
  // `root` the page's relative path to the site root ("../../").
  PageLinkResolver(const PathIndex& by_path,
                   const std::set<std::string>& static_paths,
                   const std::map<std::string, const Page*>& citable, std::string dir,
                   std::string root, const std::set<std::string>* broken_paths = nullptr)
      : by_path_(by_path), static_paths_(static_paths), citable_(citable),
        dir_(std::move(dir)), root_(std::move(root)), broken_paths_(broken_paths) {}

  std::optional<std::string> ResolveLink(std::string_view href, std::string* error,
                                         std::string* hint) const override;
  std::optional<markdown::Citation> ResolveCitation(std::string_view id,
                                                    std::string* hint) const override;

 private:
  const PathIndex& by_path_;
  const std::set<std::string>& static_paths_;
  const std::map<std::string, const Page*>& citable_;
  std::string dir_;
  std::string root_;
  const std::set<std::string>* broken_paths_;  // pages with errors of their own
};

}  // namespace kapstok::model

#endif  // KAPSTOK_MODEL_LINK_RESOLVER_H_
