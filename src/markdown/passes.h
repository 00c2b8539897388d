// The named passes of markdown::Render, in the order Render runs them (see
// markdown.cc), and the node index they share. Internal to the `markdown`
// stage. Every pass works on a parsed cmark document after iteration has
// finished, so it may change, replace and free the nodes it was given.
#ifndef KAPSTOK_MARKDOWN_PASSES_H_
#define KAPSTOK_MARKDOWN_PASSES_H_

#include <cmark-gfm.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "markdown/markdown.h"
#include "markdown/source_locator.h"

namespace kapstok::markdown {

// The nodes later passes need, in document order, gathered in one walk.
struct NodeIndex {
  std::vector<cmark_node*> headings;
  std::vector<cmark_node*> links;           // links and images
  std::vector<cmark_node*> raw_html;        // HTML blocks and inline HTML
  std::vector<cmark_node*> citation_texts;  // text nodes containing "[@", not inside a link
  std::vector<cmark_node*> tables;
};

// The work done by the passes that must stay linear in their input, counted
// so that tests can check their complexity without a clock. Render() keeps
// no count (the passes add up a few numbers per search and drop them); a
// test that runs the passes itself points PageContext::work at one.
struct PassWork {
  uint64_t citation_bytes = 0;    // bytes ReplaceCitations' scan examined
  uint64_t heading_suffixes = 0;  // suffixed ids ("x-2") AssignHeadingIds tried
};

struct PageContext {
  const Options& options;
  const LinkResolver& resolver;
  SourceLocator& locator;
  cmark_mem* mem;            // the document's allocator, for new nodes
  PassWork* work = nullptr;  // optional: the passes add their work to it
};

NodeIndex CollectNodes(cmark_node* document);

// Turns raw HTML into visible text (blocks become paragraphs); HTML comments
// are removed. Frees replaced nodes; new ones come from `mem`.
void EscapeRawHtml(const std::vector<cmark_node*>& raw_html, cmark_mem* mem);

// Computes unique ids for `heading_nodes` into *headings (same order) and
// warns about level-1 headings.
void AssignHeadingIds(const std::vector<cmark_node*>& heading_nodes, PageContext& ctx,
                      std::vector<Heading>* headings);

// Rewrites link and image destinations through the resolver, blanks
// dangerous ones and checks '#fragment' links against `headings`. Resolved
// links to another page's fragment go to *anchor_links, checked later.
void ResolveLinks(const std::vector<cmark_node*>& links, const std::vector<Heading>& headings,
                  PageContext& ctx, std::vector<AnchorLink>* anchor_links);

// Replaces [@id] and [@a; @b] in `texts` with citation links; appends the
// resolved ids, first appearance only, to *cited.
void ReplaceCitations(const std::vector<cmark_node*>& texts, PageContext& ctx,
                      std::vector<std::string>* cited);

// Plain text of the whole document and per heading section. `headings` must
// be the result of AssignHeadingIds for the document's headings.
void ExtractText(cmark_node* document, const std::vector<Heading>& headings,
                 std::string* plain_text, std::vector<Section>* sections);

// Replaces each heading node by a custom block that renders
// <hN id="...">...</hN>; frees the heading nodes.
void EmitHeadingIds(const std::vector<cmark_node*>& heading_nodes,
                    const std::vector<Heading>& headings, cmark_mem* mem);

// Wraps each table in <div class="table-wrap">.
void WrapTables(const std::vector<cmark_node*>& tables, cmark_mem* mem);

// How RenderParsed has cmark-gfm parse. kFast attaches the table extension
// only when MayHaveTable, the autolink extension only when the text has an
// '@' (e-mail autolinks), and parses
// with URL autolinks ("www.x", "http://x"; see ParseDocument) only when a
// parse without them left "www." or "://" in a text node, then parsing
// again. kReference always parses with everything, as Kapstok always did;
// the output must be the same (tests compare).
enum class ParseMode { kFast, kReference };

// Render() for any input: parses with cmark-gfm and runs the passes.
Rendered RenderParsed(std::string_view markdown, const Options& options,
                      const LinkResolver& resolver, DiagnosticSink* sink,
                      ParseMode mode = ParseMode::kFast);

// True when `text` contains "www." or "://".
bool HasUrlStart(std::string_view text);

// False only when cmark-gfm's table extension cannot find a table in `text`:
// a delimiter row has a '|' or is one cell, "-" runs with an optional ':' at
// either end; without a ':' that is a setext heading underline, which cmark
// tries first, unless a '\v' or '\f' (space to the table, not to the
// heading) follows it.
bool MayHaveTable(std::string_view text);

// True when `text` is one line of words that no Markdown construct (GFM
// extensions included) can start in: ASCII letters and digits, any byte from
// 0x80 up (UTF-8; Render() checks validity), spaces and . , ; ? ( ) / ' % -;
// beginning with an ASCII letter or a non-ASCII byte but not with a byte
// order mark (U+FEFF, which cmark drops), not ending with a space, without
// "www." (in any case). Render() then skips the parser: the HTML is the text
// itself (nothing to escape), in <p>...</p> unless inline_only.
bool IsPlainText(std::string_view text);

// What RenderParsed gives for a text IsPlainText accepts (valid UTF-8).
Rendered RenderPlainText(std::string_view text, const Options& options);

// True when `url` begins with a URL scheme ("https:", "mailto:").
bool HasScheme(std::string_view url);

// Appends `text` to *out with every run of whitespace as one space, and no
// space at the start of *out.
void AppendCollapsed(std::string_view text, std::string* out);

// AppendCollapsed(" ", out), without its scan: a space unless *out is empty
// or already ends with one.
inline void AppendSpace(std::string* out) {
  if (!out->empty() && out->back() != ' ') out->push_back(' ');
}

}  // namespace kapstok::markdown

#endif  // KAPSTOK_MARKDOWN_PASSES_H_
