// Links to another page's '#fragment' ("../kenmerken/x.md#effect") are
// checked once that page is rendered: the fragment must be an id the page
// really has, any id="..." in its HTML (body headings, field sections, the
// template's own landmarks). Markdown rendering collects the links
// (markdown::AnchorLink); the build records the ids of the pages they point
// to as it writes them, then reports each missing id as a warning at the
// link, with the closest id as a hint, as for a fragment on the same page.
// Owned by the `pipeline` stage.
#ifndef KAPSTOK_PIPELINE_ANCHOR_CHECK_H_
#define KAPSTOK_PIPELINE_ANCHOR_CHECK_H_

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"
#include "model/site_model.h"

namespace kapstok::pipeline {

// "a/b/../c/" relative to the folder `base` ("x/y/"), as a site path without
// "." or ".." ("x/y/a/c/"; "" is the site root); nullopt when it climbs above
// the root. model::NormalizeRelPath does the normalising.
std::optional<std::string> JoinSitePath(std::string_view base, std::string_view relative);

// Every id="..." attribute value in `html`, in order.
std::vector<std::string> HtmlIds(std::string_view html);

class AnchorCheck {
 public:
  // Collects the anchor links of every page body of `model` and of the home
  // page (`model` must outlive this object) and the output files they point
  // to. Links in front-matter fields and list introductions are not kept
  // by the model, so not checked.
  explicit AnchorCheck(const model::SiteModel& model);

  // True when no page links to another page's fragment: nothing to record.
  bool empty() const { return pending_.empty(); }

  // Keeps the ids of the output file `path` when a link points into it.
  // Thread-safe.
  void Record(const std::string& path, std::string_view html);

  // The output files the links point to, for a caller that has them all.
  std::vector<std::string> Targets() const;

  // Reports each link whose target was recorded without the fragment's id.
  // Targets never recorded (a PDF, an image) are not checked.
  void Report(DiagnosticSink* sink) const;

 private:
  struct Pending {
    const markdown::AnchorLink* link;
    std::string target;  // output path: "kenmerken/x/index.html"
  };
  struct Target {
    bool recorded = false;
    std::vector<std::string> ids;
  };

  std::vector<Pending> pending_;
  std::unordered_map<std::string, Target> targets_;  // keys fixed at construction
  std::mutex mu_;                                    // guards the Target values
};

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_PIPELINE_ANCHOR_CHECK_H_
