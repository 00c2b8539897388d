// What `kapstok serve` adds to the HTML pages it serves (never to a built
// site): a small script that listens on /_kapstok/events (Server-Sent
// Events) and reloads the page when the site changes, and, while the last
// build has errors, an overlay listing them (HTML-escaped). Owned by the
// `serve` stage.
#ifndef KAPSTOK_SERVE_LIVE_RELOAD_H_
#define KAPSTOK_SERVE_LIVE_RELOAD_H_

#include <string>
#include <string_view>
#include <vector>

namespace kapstok::serve {

inline constexpr char kEventsPath[] = "/_kapstok/events";
inline constexpr char kErrorsPath[] = "/_kapstok/errors";

// The overlay for `errors` (one formatted diagnostic each, escaped here);
// "" when there are none.
std::string ErrorOverlay(const std::vector<std::string>& errors);

// `html` with the overlay and the reload script inserted before its last
// "</body>" (or appended when there is none).
std::string InjectLiveReload(std::string_view html, const std::vector<std::string>& errors);

}  // namespace kapstok::serve

#endif  // KAPSTOK_SERVE_LIVE_RELOAD_H_
