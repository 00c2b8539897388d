// libFuzzer target for link resolution: model::NormalizeRelPath and
// PageLinkResolver::ResolveLink/ResolveCitation on arbitrary hrefs, and the
// Markdown renderer with that resolver on arbitrary bodies. Checks: a
// normalised path never climbs out ("..") nor is absolute; a resolved href
// never leaves the site root by more than the page's depth.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "markdown/markdown.h"
#include "model/link_resolver.h"
#include "model/site_model.h"

namespace {

using kapstok::model::Page;

struct World {
  Page kenmerk, voorbeeld, bron;
  kapstok::model::PathIndex by_path;  // as in SiteModel
  std::map<std::string, const Page*> citable;
  std::set<std::string> static_paths = {"kenmerken/foto.png", "bestanden/a b.pdf"};
  World() {
    kenmerk.url = "kenmerken/eigen-kracht/";
    kenmerk.src.title = "Eigen kracht";
    voorbeeld.url = "voorbeelden/buurtkamer/";
    voorbeeld.src.title = "Buurtkamer";
    bron.url = "bronnen/movisie/";
    bron.src.title = "Movisie";
    by_path = {{"kenmerken/eigen-kracht.md", &kenmerk},
               {"voorbeelden/buurtkamer.md", &voorbeeld},
               {"bronnen/movisie.md", &bron}};
    citable = {{"movisie", &bron}};
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const World* world = new World;
  std::string input(reinterpret_cast<const char*>(data), size);

  std::string norm;
  if (kapstok::model::NormalizeRelPath(input, &norm)) {
    if (!norm.empty() && norm[0] == '/') std::abort();
    if (norm == ".." || norm.rfind("../", 0) == 0 || norm.find("/../") != std::string::npos ||
        (norm.size() >= 3 && norm.compare(norm.size() - 3, 3, "/..") == 0))
      std::abort();
  }

  kapstok::model::PageLinkResolver resolver(world->by_path, world->static_paths, world->citable,
                                            "voorbeelden", "../../");
  std::string error, hint;
  if (auto href = resolver.ResolveLink(input, &error, &hint)) {
    // From a page two levels deep, no more than two "../" may lead out. Only
    // the path counts: a fragment ("#a/../b") or query names no file.
    std::string_view h = *href;
    h = h.substr(0, h.find_first_of("#?"));
    int ups = 0;
    while (h.rfind("../", 0) == 0) {
      h.remove_prefix(3);
      ++ups;
    }
    if (ups > 2 || h.find("../") != std::string_view::npos) std::abort();
  } else if (error.empty()) {
    std::abort();  // a rejected link must say why
  }
  (void)resolver.ResolveCitation(input, &hint);

  kapstok::markdown::Options options;
  options.path = "content/voorbeelden/fuzz.md";
  options.line_offset = 3;
  kapstok::DiagnosticSink sink;
  kapstok::markdown::Rendered r = kapstok::markdown::Render(input, options, resolver, &sink);
  if (r.html.find("<script") != std::string::npos) std::abort();  // raw HTML must be escaped
  for (const kapstok::Diagnostic& d : sink.Sorted()) (void)kapstok::FormatHuman(d);
  return 0;
}
