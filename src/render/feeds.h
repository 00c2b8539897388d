// Machine-readable site files: sitemap.xml, robots.txt and an Atom feed of
// the newest items of one type. Dates come from content, never from the
// clock, so the files are the same on every build. Owned by `render`.
#ifndef KAPSTOK_RENDER_FEEDS_H_
#define KAPSTOK_RENDER_FEEDS_H_

#include "base/output_file.h"
#include "model/site_model.h"

namespace kapstok::render {

// Appends sitemap.xml, robots.txt and (when configured) feed.xml to *out.
// sitemap.xml lists the HTML files already in *out except 404.html.
void AppendFeeds(const model::SiteModel& model, OutputFiles* out);

}  // namespace kapstok::render

#endif  // KAPSTOK_RENDER_FEEDS_H_
