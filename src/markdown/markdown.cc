#include "markdown/markdown.h"

#include <cstring>

#include "base/text.h"
#include "markdown/cmark_arena.h"
#include "markdown/cmark_util.h"
#include "markdown/complexity.h"
#include "markdown/passes.h"
#include "markdown/source_locator.h"

namespace kapstok::markdown {

NodeIndex CollectNodes(cmark_node* document) {
  NodeIndex index;
  int link_depth = 0;
  auto enter = [&](cmark_node* node) {
    switch (TypeOf(node)) {
      case CMARK_NODE_HEADING: index.headings.push_back(node); break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        index.links.push_back(node);
        ++link_depth;
        break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: index.raw_html.push_back(node); break;
      case CMARK_NODE_TEXT:
        if (link_depth == 0 && LiteralOf(node).find("[@") != std::string_view::npos) {
          index.citation_texts.push_back(node);
        }
        break;
      default:
        if (node->extension != nullptr && IsTable(node)) index.tables.push_back(node);
    }
  };
  auto exit = [&](cmark_node* node) {
    if (TypeOf(node) == CMARK_NODE_LINK || TypeOf(node) == CMARK_NODE_IMAGE) --link_depth;
  };
  Walk(document, enter, exit);
  return index;
}

namespace {

std::string RenderHtml(cmark_node* document, cmark_parser* parser, const Options& options,
                       cmark_mem* mem) {
  const int flags = options.allow_html ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT;
  std::string out;
  {
    const CmarkString html(
        cmark_render_html_with_mem(document, flags, cmark_parser_get_syntax_extensions(parser),
                                   mem),
        CmarkStringDeleter{mem});
    out = html.get();
  }
  if (options.inline_only) {
    cmark_node* first = cmark_node_first_child(document);
    constexpr std::string_view kOpen = "<p>", kClose = "</p>\n";
    if (first != nullptr && first == cmark_node_last_child(document) &&
        cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH && out.starts_with(kOpen) &&
        out.ends_with(kClose)) {
      out = out.substr(kOpen.size(), out.size() - kOpen.size() - kClose.size());
    }
  }
  return out;
}

// True when some text node of `document` contains "www." or "://", where a
// parse with URL autolinks might have made a link: cmark-gfm's autolink
// extension links at a 'w' followed by "ww." and at a ':' followed by "//".
// A parse without them differs from one with them only in where text nodes
// are cut, up to the first link the autolinks make, and no special
// character is left in "www." or "://" to cut a text node there: so a
// document with no such text node is what a parse with URL autolinks gives.
bool TextHasUrlStart(cmark_node* document) {
  bool found = false;
  Walk(
      document,
      [&](cmark_node* node) {
        if (!found && TypeOf(node) == CMARK_NODE_TEXT) found = HasUrlStart(LiteralOf(node));
      },
      [](cmark_node*) {});
  return found;
}

bool IsPlainByte(unsigned char c) {
  if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  switch (c) {
    case ' ': case '.': case ',': case ';': case '?': case '(': case ')': case '/': case '\'':
    case '%': case '-':
      return true;
    default:
      return false;
  }
}

}  // namespace

bool HasUrlStart(std::string_view text) {
  // ':' is rare in prose and '.' ends sentences, while 'w' is everywhere in
  // Dutch: search for those (memchr) and look around them.
  if (text.empty()) return false;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, ':', end - p)));
       ++p) {
    if (end - p >= 3 && p[1] == '/' && p[2] == '/') return true;
  }
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '.', end - p)));
       ++p) {
    if (p - begin >= 3 && p[-1] == 'w' && p[-2] == 'w' && p[-3] == 'w') return true;
  }
  return false;
}

bool MayHaveTable(std::string_view text) {
  for (const char c : {'|', '\v', '\f'}) {
    if (text.find(c) != std::string_view::npos) return true;
  }
  return text.find(":-") != std::string_view::npos || text.find("-:") != std::string_view::npos;
}

bool IsPlainText(std::string_view text) {
  if (text.empty() || text.back() == ' ') return false;
  // An ASCII letter or a non-ASCII byte first: "1. x" and "- x" open lists,
  // "# x" a heading, and so on.
  const unsigned char first = static_cast<unsigned char>(text.front());
  if (first < 0x80 && ((first | 0x20) < 'a' || (first | 0x20) > 'z')) return false;
  // cmark drops a byte order mark (U+FEFF) at the start of the document. No
  // other code point is special there or after a letter: cmark-gfm 0.29 gave
  // "<p>" + text + "</p>" for every code point from U+0080 up, alone, first,
  // last and between letters (Unicode spaces such as U+00A0 and U+2028
  // included); only a leading U+FEFF differed.
  if (text.starts_with("\xEF\xBB\xBF")) return false;
  bool www = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!IsPlainByte(c)) return false;
    if ((c | 0x20) == 'w' && i + 3 < text.size()) www = true;
  }
  if (!www) return true;
  // The autolink extension links "www.x" (case aside, to be safe).
  for (size_t i = 0; i + 3 < text.size(); ++i) {
    if ((text[i] | 0x20) == 'w' && (text[i + 1] | 0x20) == 'w' && (text[i + 2] | 0x20) == 'w' &&
        text[i + 3] == '.') {
      return false;
    }
  }
  return true;
}

Rendered RenderPlainText(std::string_view text, const Options& options) {
  Rendered out;
  // Nothing in `text` needs escaping (no '&', '<', '>' or '"').
  out.html = options.inline_only ? std::string(text) : "<p>" + std::string(text) + "</p>\n";
  std::string plain;
  AppendCollapsed(text, &plain);
  while (!plain.empty() && plain.back() == ' ') plain.pop_back();
  if (options.keep_plain_text) out.plain_text = plain;
  out.sections.push_back(Section{"", "", 0, std::move(plain)});
  return out;
}

Rendered Render(std::string_view markdown, const Options& options, const LinkResolver& resolver,
                DiagnosticSink* sink) {
  // Most front-matter texts (summaries) are plain words: no need to parse.
  if (IsPlainText(markdown) && FindInvalidUtf8(markdown) == std::string_view::npos) {
    return RenderPlainText(markdown, options);
  }
  return RenderParsed(markdown, options, resolver, sink);
}

// The passes run in this order because each relies on the previous ones:
// raw HTML becomes text before heading ids are computed (the text is part of
// the slug); heading ids exist before '#fragment' links are checked; plain
// text is extracted while headings are still heading nodes; headings and
// tables are replaced by custom blocks last, just before rendering.
Rendered RenderParsed(std::string_view markdown, const Options& options,
                      const LinkResolver& resolver, DiagnosticSink* sink, ParseMode mode) {
  Rendered out;
  SourceLocator locator(markdown, options, sink);
  if (!WithinInlineBudget(markdown, &locator, options.line_offset, options.path)) return out;
  // cmark's own UTF-8 check copies every line byte by byte; on valid input
  // (every page: the loader rejects invalid files) it changes nothing, so it
  // runs only when FindInvalidUtf8 (the same rules: no overlong forms,
  // surrogates or code points past U+10FFFF) finds a bad byte.
  const bool valid_utf8 = FindInvalidUtf8(markdown) == std::string_view::npos;
  // Everything cmark allocates for this page comes from the thread's arena
  // and goes at once when `arena` ends (cmark_arena.h).
  ArenaScope arena;
  const int parser_options = valid_utf8 ? CMARK_OPT_DEFAULT : CMARK_OPT_VALIDATE_UTF8;
  ParserPtr parser;
  NodePtr document;
  if (mode == ParseMode::kReference) {
    parser = NewGfmParser(parser_options, arena.mem());
    document = ParseDocument(parser.get(), markdown);
  } else {
    // Without URL autolinks first (cmark_util.h): the same document unless a
    // bare URL was left in a text node. The autolink extension also links
    // e-mail addresses, which need an '@'; tables need MayHaveTable.
    GfmExtensions extensions;
    extensions.table = MayHaveTable(markdown);
    extensions.autolink = markdown.find('@') != std::string_view::npos;
    parser = NewGfmParser(parser_options, arena.mem(), extensions);
    document = ParseDocument(parser.get(), markdown, /*url_autolinks=*/false);
    if (HasUrlStart(markdown) && TextHasUrlStart(document.get())) {
      if (arena.active()) {
        (void)document.release();  // the arena drops them with the rest
        (void)parser.release();
      }
      parser = NewGfmParser(parser_options, arena.mem());
      document = ParseDocument(parser.get(), markdown);
    }
  }
  // cmark leaves "[", "@x" and "]" in separate text nodes; merge them so
  // citations can be found in one literal (only needed when there may be one).
  if (markdown.find("[@") != std::string_view::npos) {
    cmark_consolidate_text_nodes(document.get());
  }

  PageContext ctx{options, resolver, locator, arena.mem()};
  NodeIndex nodes = CollectNodes(document.get());
  if (!options.allow_html) EscapeRawHtml(nodes.raw_html, arena.mem());
  AssignHeadingIds(nodes.headings, ctx, &out.headings);
  ResolveLinks(nodes.links, out.headings, ctx, &out.anchor_links);
  ReplaceCitations(nodes.citation_texts, ctx, &out.citations);
  ExtractText(document.get(), out.headings, &out.plain_text, &out.sections);
  if (!options.keep_plain_text) std::string().swap(out.plain_text);
  EmitHeadingIds(nodes.headings, out.headings, arena.mem());
  WrapTables(nodes.tables, arena.mem());
  out.html = RenderHtml(document.get(), parser.get(), options, arena.mem());
  if (arena.active()) {
    // The arena drops the document and the parser whole: freeing them node
    // by node would only walk the tree once more.
    (void)document.release();
    (void)parser.release();
  }
  return out;
}

}  // namespace kapstok::markdown
