#include "pipeline/anchor_check.h"

#include <algorithm>

#include "base/messages.h"
#include "base/text.h"
#include "model/link_resolver.h"

namespace kapstok::pipeline {

std::optional<std::string> JoinSitePath(std::string_view base, std::string_view relative) {
  std::string joined;
  if (!model::NormalizeRelPath(std::string(base) + std::string(relative), &joined)) return {};
  // A folder ("x/y/", or "" for the page's own) keeps its slash; a file gets none.
  if (!joined.empty() && (relative.empty() || relative.back() == '/')) joined += '/';
  return joined;
}

std::vector<std::string> HtmlIds(std::string_view html) {
  std::vector<std::string> ids;
  constexpr std::string_view kAttr = "id=\"";
  for (size_t at = html.find(kAttr); at != std::string_view::npos; at = html.find(kAttr, at + 1)) {
    // An attribute of its own, not the end of data-id="" or grid="".
    const char before = at == 0 ? '<' : html[at - 1];
    if (before != ' ' && before != '\n' && before != '\t') continue;
    const size_t begin = at + kAttr.size();
    const size_t end = html.find('"', begin);
    if (end == std::string_view::npos) break;
    ids.emplace_back(html.substr(begin, end - begin));
  }
  return ids;
}

AnchorCheck::AnchorCheck(const model::SiteModel& model) {
  std::vector<const model::Page*> pages;
  for (const auto& page : model.pages()) pages.push_back(page.get());
  if (model.home()) pages.push_back(model.home());
  for (const model::Page* page : pages) {
    for (const markdown::AnchorLink& link : page->body.anchor_links) {
      std::string_view href = link.href;
      href = href.substr(0, href.find('#'));
      std::optional<std::string> target = JoinSitePath(page->url, href);
      if (!target) continue;  // above the site root
      if (target->empty() || target->back() == '/') *target += "index.html";
      targets_.try_emplace(*target);
      pending_.push_back({&link, std::move(*target)});
    }
  }
}

void AnchorCheck::Record(const std::string& path, std::string_view html) {
  auto it = targets_.find(path);  // the keys never change: no lock needed
  if (it == targets_.end()) return;
  std::vector<std::string> ids = HtmlIds(html);
  std::lock_guard<std::mutex> lock(mu_);
  it->second.recorded = true;
  it->second.ids = std::move(ids);
}

std::vector<std::string> AnchorCheck::Targets() const {
  std::vector<std::string> out;
  for (const auto& [path, target] : targets_) out.push_back(path);
  return out;
}

void AnchorCheck::Report(DiagnosticSink* sink) const {
  for (const Pending& p : pending_) {
    const Target& target = targets_.at(p.target);
    if (!target.recorded) continue;
    const std::vector<std::string>& ids = target.ids;
    if (std::find(ids.begin(), ids.end(), p.link->fragment) != ids.end()) continue;
    Diagnostic d = p.link->warning;
    const std::string closest = ClosestMatch(p.link->fragment, ids);
    if (!closest.empty()) d.hint = Tr("hint.did-you-mean", {"#" + closest});
    sink->Report(std::move(d));
  }
}

}  // namespace kapstok::pipeline
