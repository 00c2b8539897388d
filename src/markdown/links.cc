// Link pass: rewrites relative destinations through the LinkResolver.
#include <string>
#include <unordered_set>

#include "base/messages.h"
#include "base/text.h"
#include "markdown/cmark_util.h"
#include "markdown/passes.h"

namespace kapstok::markdown {
namespace {

void CheckFragment(cmark_node* link, std::string_view fragment,
                   const std::unordered_set<std::string_view>& ids,
                   const std::vector<Heading>& headings, PageContext& ctx, SearchCursor* cursor) {
  if (fragment.empty() || ids.contains(fragment)) return;
  // Hints compare with every id: capped so a generated page stays linear.
  constexpr size_t kMaxHintCandidates = 200;
  std::vector<std::string> candidates;
  for (size_t i = 0; i < headings.size() && i < kMaxHintCandidates; ++i) {
    candidates.push_back(headings[i].id);
  }
  std::string closest = ClosestMatch(fragment, candidates);
  std::string hint = closest.empty() ? std::string() : Tr("hint.did-you-mean", {"#" + closest});
  SourceLocation at = ctx.locator.Find(EnclosingBlock(link), std::string("#") += fragment, cursor);
  ctx.locator.Report(Severity::kWarning, std::move(at),
                     Tr("link.no-heading", {std::string(fragment)}),
                     std::move(hint));
}

}  // namespace

void ResolveLinks(const std::vector<cmark_node*>& links, const std::vector<Heading>& headings,
                  PageContext& ctx, std::vector<AnchorLink>* anchor_links) {
  std::unordered_set<std::string_view> ids;
  for (const Heading& h : headings) ids.insert(h.id);
  SearchCursor cursor;
  for (cmark_node* link : links) {
    // cmark_node_get_url also makes the URL the node's own copy (it may point
    // into the block's buffer); EmitHeadingIds relies on such copies for the
    // links inside a heading, whose block it frees, and takes them itself too.
    const char* raw = cmark_node_get_url(link);
    const std::string_view url = raw ? raw : "";  // owned by the node until set_url
    if (url.empty()) continue;
    if (IsDangerousUrl(url)) {
      cmark_node_set_url(link, "");
      continue;
    }
    if (url[0] == '#') {
      CheckFragment(link, url.substr(1), ids, headings, ctx, &cursor);
      continue;
    }
    if (HasScheme(url) || url.starts_with("//")) continue;  // external
    std::string error, hint;
    std::optional<std::string> href = ctx.resolver.ResolveLink(url, &error, &hint);
    if (href) {
      const bool dangerous = IsDangerousUrl(*href);
      const size_t hash = url.find('#');
      if (!dangerous && hash != std::string_view::npos && hash + 1 < url.size()) {
        const std::string target(url.substr(0, hash)), fragment(url.substr(hash + 1));
        SourceLocation at = ctx.locator.Find(EnclosingBlock(link), url, &cursor);
        anchor_links->push_back({*href, fragment,
                                 ctx.locator.Make(Severity::kWarning, std::move(at),
                                                  Tr("link.bad-anchor", {target, fragment}))});
      }
      cmark_node_set_url(link, dangerous ? "" : href->c_str());  // `url` dangles from here
      continue;
    }
    if (error.empty()) error = Tr("link.broken", {std::string(url)});
    SourceLocation at = ctx.locator.Find(EnclosingBlock(link), url, &cursor);
    ctx.locator.Report(Severity::kError, std::move(at), std::move(error), std::move(hint));
  }
}

}  // namespace kapstok::markdown
