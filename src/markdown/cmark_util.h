// RAII ownership and small helpers around the cmark-gfm C API: NodePtr,
// ParserPtr and CmarkString own every parser, document, new node and
// rendered string of the `markdown` stage. Freed by hand, by design: a node
// of the tree that a pass replaces (cmark_node_free unlinks it; the tree
// owned it), and an iterator right after its loop. markdown.cc releases the
// document and parser without freeing them when the arena (cmark_arena.h)
// drops them whole.
//
// Every parse in the process must go through ParseDocument (and its parser
// come from NewGfmParser): Kapstok replaces cmark-gfm's own bookkeeping of
// its process-global table of inline special characters with a no-op
// (cmark_util.cc), so a parse that calls cmark_parser_finish directly would
// see whatever table the parses around it left.
//
// Ownership rules of cmark-gfm that these wrappers encode:
//   - cmark_parser_new() returns a parser the caller frees with
//     cmark_parser_free(); the syntax-extension list it hands out
//     (cmark_parser_get_syntax_extensions) lives as long as the parser.
//   - cmark_parser_finish() returns a document the caller frees with
//     cmark_node_free(); a node inserted into a tree is owned by the tree, and
//     cmark_node_free() on a linked node unlinks it first.
//   - cmark_render_html() returns a string allocated with the default
//     cmark_mem allocator, cmark_render_html_with_mem() one allocated with
//     the given allocator; free it with that allocator's free() (CmarkString
//     keeps the allocator in its deleter).
//   - cmark_node_get_literal()/get_url() return strings owned by the node:
//     valid until the node is changed or freed.
#ifndef KAPSTOK_MARKDOWN_CMARK_UTIL_H_
#define KAPSTOK_MARKDOWN_CMARK_UTIL_H_

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <cmark-gfm/node.h>

#include <memory>
#include <string>
#include <string_view>

namespace kapstok::markdown {

struct CmarkNodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct CmarkParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
// Frees with the allocator the string came from (the default one unless
// given: CmarkString(s, CmarkStringDeleter{mem})).
struct CmarkStringDeleter {
  cmark_mem* mem = cmark_get_default_mem_allocator();
  void operator()(char* s) const { mem->free(s); }
};

using NodePtr = std::unique_ptr<cmark_node, CmarkNodeDeleter>;
using ParserPtr = std::unique_ptr<cmark_parser, CmarkParserDeleter>;
using CmarkString = std::unique_ptr<char, CmarkStringDeleter>;

// The GFM extensions a parser may go without (strikethrough and tasklist it
// always has).
struct GfmExtensions {
  bool table = true;
  bool autolink = true;
};

// A new parser with the GFM extensions Kapstok uses attached: table,
// autolink, strikethrough, tasklist (less what `extensions` turns off). Safe
// to call from many threads at once: the first call registers the
// extensions and takes over cmark-gfm's process-global table of inline
// special characters (see cmark_util.cc). The parser and the documents it
// makes allocate from `mem`.
ParserPtr NewGfmParser(int options, cmark_mem* mem = cmark_get_default_mem_allocator(),
                       GfmExtensions extensions = {});

// Parses `text` completely. Never returns null (cmark accepts any input).
// Safe to call from many threads at once, each with its own parser.
// `url_autolinks`: whether bare "www.x" and "http://x" may become links (the
// parser needs autolink attached for that). Without it, parsing is cheaper
// and parses without it run in parallel; parses with it also run in
// parallel with each other, but never at the same time as parses without it
// (a gate switches between the two classes, cmark_util.cc). The
// HTML is the same either way unless the text has a bare URL; text nodes may
// be cut differently (and so when the autolink extension is not attached:
// its post-processing merges adjacent text nodes).
NodePtr ParseDocument(cmark_parser* parser, std::string_view text, bool url_autolinks = true);

// True when inline parses of one class (see ParseDocument) run in parallel:
// cmark-gfm calls Kapstok's replacement for its special-character
// bookkeeping (see cmark_util.cc). False if the library does not let the
// replacement take effect (parsing is then serialised: correct, only slower).
bool InlineParsingIsParallel();

// Reading a tree. cmark-gfm's development package installs its node layout
// (cmark-gfm/node.h, which its own extensions read); the helpers below read
// a node's type, links and literal from it instead of calling the library
// for each: cmark_node_get_literal() copies a literal that still points into
// the parser's input into a new NUL-terminated buffer, and a cmark_iter
// costs a call per step. The layout is that of the exact library version
// the headers came with (the shared library's name carries the version;
// markdown_test compares cmark_version() with the headers').

inline cmark_node_type TypeOf(const cmark_node* node) {
  return static_cast<cmark_node_type>(node->type);
}

inline bool IsBlock(const cmark_node* node) {
  return (node->type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// The node's literal as a view ("" when it has none): what
// cmark_node_get_literal() gives, without its copy (cmark never leaves a NUL
// in a literal: it reads U+0000 as U+FFFD). Valid until the node is modified
// or freed, and no longer than its enclosing block: a text node's literal may
// point into its block's content, which cmark frees with the block.
inline std::string_view LiteralOf(const cmark_node* node) {
  const cmark_chunk* chunk;
  switch (node->type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CODE:
    case CMARK_NODE_FOOTNOTE_REFERENCE: chunk = &node->as.literal; break;
    case CMARK_NODE_CODE_BLOCK: chunk = &node->as.code.literal; break;
    default: return {};
  }
  if (chunk->len <= 0) return {};
  return {reinterpret_cast<const char*>(chunk->data), static_cast<size_t>(chunk->len)};
}

// The node types a cmark_iter enters but never exits (iterator.c, S_is_leaf).
inline bool IsLeaf(const cmark_node* node) {
  switch (node->type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE: return true;
    default: return false;
  }
}

// Visits `root` and its descendants in the order and with the events of a
// cmark_iter: on_enter(node) for every node, on_exit(node) after the
// children of every node that is not a leaf (IsLeaf), `root` included. The
// tree must not change during the walk.
template <typename Enter, typename Exit>
void Walk(cmark_node* root, Enter&& on_enter, Exit&& on_exit) {
  cmark_node* node = root;
  while (true) {
    on_enter(node);
    if (!IsLeaf(node)) {
      if (node->first_child != nullptr) {
        node = node->first_child;
        continue;
      }
      on_exit(node);
    }
    while (node != root && node->next == nullptr) {
      node = node->parent;
      on_exit(node);
    }
    if (node == root) return;
    node = node->next;
  }
}

// The nearest block node containing `node` (itself if it is a block).
cmark_node* EnclosingBlock(cmark_node* node);

// True when `node` is a GFM table (an extension node type).
bool IsTable(cmark_node* node);

// Nodes made by the passes below are allocated from `mem`, which must be the
// allocator of the document they go into (cmark_arena.h).

// A new node of `type`, owned by the caller until it is inserted into a tree.
NodePtr NewNode(cmark_mem* mem, cmark_node_type type);

// A new custom node (CMARK_NODE_CUSTOM_BLOCK or _INLINE) that renders as
// `on_enter`, its children, then `on_exit`, verbatim even in safe mode:
// callers must escape everything they put in. Owned by the caller until it
// is inserted into a tree.
NodePtr NewCustomNode(cmark_mem* mem, cmark_node_type type, const std::string& on_enter,
                      const std::string& on_exit);

// A new text node with the given literal, owned by the caller.
NodePtr NewTextNode(cmark_mem* mem, std::string_view literal);

// Moves all children of `from` to the end of `to`.
void MoveChildren(cmark_node* from, cmark_node* to);

}  // namespace kapstok::markdown

#endif  // KAPSTOK_MARKDOWN_CMARK_UTIL_H_
