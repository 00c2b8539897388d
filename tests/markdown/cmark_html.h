// cmark-gfm's own rendering of a text, with cmark's default allocator and
// Kapstok's GFM extensions, for tests that compare Render() with it.
#ifndef KAPSTOK_TESTS_MARKDOWN_CMARK_HTML_H_
#define KAPSTOK_TESTS_MARKDOWN_CMARK_HTML_H_

#include <string>
#include <string_view>

#include "markdown/cmark_util.h"

namespace kapstok::markdown {

// `parser_options`: CMARK_OPT_DEFAULT, or CMARK_OPT_VALIDATE_UTF8 to have
// cmark replace invalid UTF-8 itself. Rendered in safe mode (no raw HTML).
inline std::string CmarkHtml(std::string_view markdown, int parser_options) {
  ParserPtr parser = NewGfmParser(parser_options);
  NodePtr document = ParseDocument(parser.get(), markdown);
  const CmarkString html(cmark_render_html(document.get(), CMARK_OPT_DEFAULT,
                                           cmark_parser_get_syntax_extensions(parser.get())));
  return html.get();
}

}  // namespace kapstok::markdown

#endif  // KAPSTOK_TESTS_MARKDOWN_CMARK_HTML_H_
