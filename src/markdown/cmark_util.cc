#include "markdown/cmark_util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <dlfcn.h>

#include <atomic>
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

ParserPtr NewGfmParser(int options, cmark_mem* mem) {
  EnsureExtensions();
  ParserPtr parser(cmark_parser_new_with_mem(options, mem));
  for (const char* name : kExtensions) {
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
  }
  return parser;
}

// cmark-gfm 0.29 keeps its table of inline "special characters" in a
// process global: while parsing inlines (inside cmark_parser_finish) each
// parser adds its extensions' characters ('~' for strikethrough, ':' and 'w'
// for autolinks) and removes them when done (blocks.c, finalize_document,
// through cmark_manage_extensions_special_characters). Two threads finishing
// at once race: one removes '~' while the other is still parsing "~~x~~"
// (github/cmark-gfm#176, still open upstream).
//
// Every parser here has the same extensions (NewGfmParser is the only way
// to make one), so the characters may as well stay in the table for the
// life of the process. The library calls that function through its PLT, so
// this definition in the program takes its place (ELF symbol
// interposition): the first "add" runs the library's own function once,
// every "remove" does nothing. Inline parsing then needs no lock and runs on
// every thread. Should a future build of the library bind the call
// internally, our function is never called, `interposed` stays false and
// ParseDocument keeps serialising inline parsing as before; a test
// (markdown thread_test) fails in that case so it does not go unnoticed.
namespace {

using ManageFn = void (*)(cmark_parser*, int);
std::atomic<bool> interposed{false};
std::mutex inline_parse_mu;  // used only while `interposed` is false

}  // namespace
}  // namespace kapstok::markdown

extern "C" void cmark_manage_extensions_special_characters(cmark_parser* parser, int add) {
  using kapstok::markdown::ManageFn;
  if (!add) return;  // the characters stay: every parser uses them
  static std::once_flag once;
  std::call_once(once, [parser] {
    // The library's own definition: the next one after this program's.
    auto real = reinterpret_cast<ManageFn>(
        dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
    if (real != nullptr) real(parser, 1);
  });
  kapstok::markdown::interposed.store(true, std::memory_order_release);
}

namespace kapstok::markdown {

bool InlineParsingIsParallel() { return interposed.load(std::memory_order_acquire); }

NodePtr ParseDocument(cmark_parser* parser, std::string_view text) {
  cmark_parser_feed(parser, text.data(), text.size());
  if (interposed.load(std::memory_order_acquire)) return NodePtr(cmark_parser_finish(parser));
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

NodePtr NewNode(cmark_mem* mem, cmark_node_type type) {
  return NodePtr(cmark_node_new_with_mem(type, mem));
}

NodePtr NewCustomNode(cmark_mem* mem, cmark_node_type type, const std::string& on_enter,
                      const std::string& on_exit) {
  NodePtr node = NewNode(mem, type);
  cmark_node_set_on_enter(node.get(), on_enter.c_str());
  cmark_node_set_on_exit(node.get(), on_exit.c_str());
  return node;
}

NodePtr NewTextNode(cmark_mem* mem, std::string_view literal) {
  NodePtr node = NewNode(mem, CMARK_NODE_TEXT);
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
