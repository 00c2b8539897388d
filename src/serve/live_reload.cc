#include "serve/live_reload.h"

#include "base/text.h"

namespace kapstok::serve {

namespace {

// Reloads on every event after the first (the first tells the current
// version). EventSource reconnects by itself when the server restarts.
const char kScript[] =
    "<script>(function(){var first=true;"
    "var es=new EventSource('/_kapstok/events');"
    "es.onmessage=function(){if(first){first=false;return;}location.reload();};"
    "})();</script>\n";

}  // namespace

std::string ErrorOverlay(const std::vector<std::string>& errors) {
  if (errors.empty()) return {};
  std::string out =
      "<div id=\"kapstok-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;"
      "overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:2rem;font:14px/1.4 "
      "monospace\"><p style=\"font:bold 18px sans-serif;color:#ff8080\">kapstok: de site heeft "
      "fouten / the site has errors (" +
      std::to_string(errors.size()) +
      ")</p><p style=\"font:14px sans-serif\">De laatste goede versie blijft bewaard; herstel "
      "het bestand en sla het op. / The last good version is kept; fix the file and save.</p>";
  for (const std::string& e : errors)
    out += "<pre style=\"white-space:pre-wrap;border-top:1px solid #666;padding-top:.5rem\">" +
           HtmlEscape(e) + "</pre>";
  out += "</div>\n";
  return out;
}

std::string InjectLiveReload(std::string_view html, const std::vector<std::string>& errors) {
  std::string add = ErrorOverlay(errors) + kScript;
  size_t body = html.rfind("</body>");
  std::string out;
  out.reserve(html.size() + add.size());
  if (body == std::string_view::npos) {
    out.append(html);
    out += add;
  } else {
    out.append(html.substr(0, body));
    out += add;
    out.append(html.substr(body));
  }
  return out;
}

}  // namespace kapstok::serve
