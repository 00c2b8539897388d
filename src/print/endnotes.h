// Endnotes make links usable on paper: every <a href> in a handout's HTML gets
// an absolute URL (relative ones resolved against the page's online address)
// and a superscript number after its text, and the numbered list of URLs is
// printed at the end. The same URL keeps the same number. In-page anchors
// ("#...") are left alone; "javascript:" links lose their href. This is a pass
// over HTML that the render stage produced (cmark-gfm and our templates quote
// attributes with '"'), not a general HTML parser. Owned by the `print` stage.
#ifndef KAPSTOK_PRINT_ENDNOTES_H_
#define KAPSTOK_PRINT_ENDNOTES_H_

#include <string>
#include <string_view>
#include <vector>

namespace kapstok::print {

// `href` resolved against `base` (an absolute URL of a page, "https://h/a/b/"):
// absolute URLs stay, "//h/x" gets base's scheme, "/x" base's origin, and
// relative paths are joined to base's folder with "." and ".." removed.
std::string ResolveUrl(std::string_view base, std::string_view href);

// Rewrites the relative src="..." attributes (images) in `html`, written for
// the page at site-relative `from_url`, so they work from the page at
// `to_url` ("kenmerken/x/" -> "kenmerken/x/handout/": "a.png" becomes
// "../../../kenmerken/x/a.png", by way of the site root). Absolute, root-relative and data: sources stay; images stay
// local, so printing needs no network.
std::string RebaseSources(std::string_view html, const std::string& from_url,
                          const std::string& to_url);

class Endnotes {
 public:
  // Rewrites the links in `html`, whose relative hrefs are relative to the
  // absolute URL `page_url`, and returns the new HTML; numbers continue from
  // earlier calls on this object.
  std::string Rewrite(std::string_view html, const std::string& page_url);

  // The absolute URLs in number order (number = index + 1), HTML-escaped as
  // they were in the href attribute.
  const std::vector<std::string>& urls() const { return urls_; }

 private:
  int NumberFor(const std::string& url);
  std::vector<std::string> urls_;
};

}  // namespace kapstok::print

#endif  // KAPSTOK_PRINT_ENDNOTES_H_
