// The `markdown` stage turns one page's Markdown body into HTML plus what later
// stages need from it: heading ids, cited source ids, plain text per heading
// section. It parses GitHub-flavoured Markdown with cmark-gfm (tables,
// autolinks, strikethrough, task lists), escapes raw HTML unless allowed,
// neutralises dangerous link schemes, rewrites relative links through a
// LinkResolver supplied by the `model` stage, and turns citations `[@id]` into
// links to source pages. Problems are reported as diagnostics at file:line:col.
#ifndef KAPSTOK_MARKDOWN_MARKDOWN_H_
#define KAPSTOK_MARKDOWN_MARKDOWN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kapstok::markdown {

struct Citation {
  std::string href;   // already relative to the rendering page
  std::string label;  // e.g. "Movisie, 2013"
};

// Implemented by the model stage: answers what a link or citation in one
// page's body points to. Render() calls it from the rendering thread only, but
// Render() may run on many threads with different resolvers at once.
class LinkResolver {
 public:
  virtual ~LinkResolver() = default;
  // `href` is the destination as written (after Markdown unescaping). Links to
  // other site pages are relative .md paths ("../kenmerken/x.md",
  // "x.md#effect", "./x.md"); links to other files (images, pdf) and
  // site-absolute paths ("/x") are passed too. Returns the href to emit
  // (relative to the rendering page, e.g. "../../kenmerken/x/#effect"), or
  // std::nullopt when the link is broken, with a plain message in *error
  // ("link to 'kenmerken/x.md' points to no page") and optionally a hint in
  // *hint ("did you mean '../kenmerken/y.md'?"). External links (scheme:,
  // //host) and pure '#fragment' links are never passed here.
  virtual std::optional<std::string> ResolveLink(std::string_view href, std::string* error,
                                                 std::string* hint) const = 0;
  // A citation [@id]: its href and label, or nullopt when no source page has
  // that id (*hint may suggest one).
  virtual std::optional<Citation> ResolveCitation(std::string_view id,
                                                  std::string* hint) const = 0;
};

struct Heading {
  int level;         // 1..6 (level 1 is reported with a warning, see Render)
  std::string text;  // plain text of the heading
  std::string id;    // unique within the page
  int line;          // 1-based line in the file (front-matter offset included)
};

// Plain text of one heading section: from a heading up to the next heading of
// any level. Text before the first heading has heading "", anchor "", level 0
// and is present only when not empty.
struct Section {
  std::string heading;
  std::string anchor;
  int level;
  std::string text;
};

// A link to another page with a '#fragment' ("../kenmerken/x.md#effect").
// Whether the target has that id is known only once it is rendered, so the
// build checks these afterwards (pipeline/anchor_check.h).
struct AnchorLink {
  std::string href;      // as emitted, relative to the page: "../../kenmerken/x/#effect"
  std::string fragment;  // "effect", as written
  Diagnostic warning;    // to report if the target has no such id (hint to add)
};

struct Options {
  std::string path;         // file path for diagnostics
  int line_offset = 0;      // lines before the body in the file (front matter)
  bool allow_html = false;  // raw HTML passes through only when true
  bool inline_only = false; // a single paragraph renders without its <p> wrapper
  bool keep_plain_text = false;  // fill Rendered::plain_text (tests, tools)
  // Optional: the whole file, to show source lines in diagnostics (else the
  // body's lines are shown). A view, not a copy (Options is copied for every
  // field of every page): the text must outlive the Render() call.
  std::string_view source_text;
};

struct Rendered {
  std::string html;
  // Every heading in document order, ids slugified (kapstok::Slugify) and made
  // unique with "-2", "-3" suffixes; an empty slug becomes "section".
  std::vector<Heading> headings;
  // Resolved links to another page's '#fragment', in document order.
  std::vector<AnchorLink> anchor_links;
  // Ids of resolved citations, in order of first appearance, unique.
  std::vector<std::string> citations;
  std::vector<Section> sections;
  // The whole body as plain text: no markup, blocks separated by one space.
  // Only with Options::keep_plain_text; the site uses `sections`, which hold
  // the same text cut at the headings (keeping both cost a site of 10,000
  // pages some 40 MB).
  std::string plain_text;
};

// Renders `markdown` (a page body, UTF-8; invalid bytes become U+FFFD) to
// HTML. Thread-safe: may be called from many threads at once (see
// cmark_util.cc for how cmark-gfm's one piece of global state is handled). Kapstok's passes are linear in the input. Never throws.
// Problems go to `sink` (may be null), each at file:line:col with the source
// line, in words from the message catalogue (base/messages.h):
//   - error: a relative link the resolver rejects (column of the destination);
//   - error: a citation whose id no source has (column of the '@');
//   - warning: a '#fragment' link that matches no heading id of this page;
//   - warning: a level-1 heading in the body (the title is the only h1).
// Output conventions:
//   - raw HTML (allow_html=false) is shown as text; HTML comments are dropped;
//   - javascript:, vbscript:, file: and data: (except data:image/png, gif,
//     jpeg, webp) link destinations become "";
//   - headings carry id attributes: <h2 id="effect">Effect</h2>;
//   - citations: (<a class="citation" href="H">Label</a>), a group
//     [@a; @b] becomes (<a ...>A</a>; <a ...>B</a>); an unknown id stays text;
//   - tables are wrapped in <div class="table-wrap"> for narrow screens.
Rendered Render(std::string_view markdown, const Options& options, const LinkResolver& resolver,
                DiagnosticSink* sink);

// True when `url` starts with a scheme that must not be followed from
// content (see Render). Exposed for the model stage's own URL fields.
bool IsDangerousUrl(std::string_view url);

}  // namespace kapstok::markdown

#endif  // KAPSTOK_MARKDOWN_MARKDOWN_H_
