#include "markdown/cmark_util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <cstring>
#include <mutex>

namespace kapstok::markdown {
namespace {

constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tasklist"};

void EnsureExtensions() {
  static std::once_flag once;
  std::call_once(once, [] {
    cmark_gfm_core_extensions_ensure_registered();
  });
}

}  // namespace

ParserPtr NewGfmParser(int options) {
  EnsureExtensions();
  ParserPtr parser(cmark_parser_new(options));
  for (const char* name : kExtensions) {
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
  }
  return parser;
}

// cmark-gfm 0.29 keeps its table of inline "special characters" in a
// process global: while parsing inlines (inside cmark_parser_finish) each
// parser adds its extensions' characters ('~', ':', 'w') and removes them
// when done (blocks.c, finalize_document). Two threads finishing at once
// race: one may parse "~~x~~" without strikethrough (github/cmark-gfm#176).
// Emptying the extensions' character lists does not work around it (the
// strikethrough delimiter lookup needs them; parsing then never ends), so
// inline parsing is serialised. Block parsing (cmark_parser_feed) touches no
// global state and stays parallel, as do our passes and HTML rendering.
namespace {
std::mutex inline_parse_mu;
}  // namespace

NodePtr ParseDocument(cmark_parser* parser, std::string_view text) {
  cmark_parser_feed(parser, text.data(), text.size());
  std::lock_guard<std::mutex> lock(inline_parse_mu);
  return NodePtr(cmark_parser_finish(parser));
}

cmark_node* EnclosingBlock(cmark_node* node) {
  while (node != nullptr && !IsBlock(node)) node = cmark_node_parent(node);
  return node;
}

bool IsTable(cmark_node* node) {
  if (cmark_node_get_syntax_extension(node) == nullptr) return false;
  const char* type = cmark_node_get_type_string(node);
  return type != nullptr && std::strcmp(type, "table") == 0;
}

NodePtr NewCustomNode(cmark_node_type type, const std::string& on_enter,
                      const std::string& on_exit) {
  NodePtr node(cmark_node_new(type));
  cmark_node_set_on_enter(node.get(), on_enter.c_str());
  cmark_node_set_on_exit(node.get(), on_exit.c_str());
  return node;
}

NodePtr NewTextNode(std::string_view literal) {
  NodePtr node(cmark_node_new(CMARK_NODE_TEXT));
  // cmark copies the NUL-terminated literal.
  cmark_node_set_literal(node.get(), std::string(literal).c_str());
  return node;
}

void MoveChildren(cmark_node* from, cmark_node* to) {
  while (cmark_node* child = cmark_node_first_child(from)) {
    cmark_node_append_child(to, child);  // unlinks child from `from` first
  }
}

}  // namespace kapstok::markdown
