#include "markdown/cmark_util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <dlfcn.h>

#include <atomic>
#include <cstring>
#include <condition_variable>
#include <mutex>

namespace kapstok::markdown {
namespace {

// In the order Kapstok has always attached them.
constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tasklist"};

void EnsureInlineChars();  // below

}  // namespace

ParserPtr NewGfmParser(int options, cmark_mem* mem, GfmExtensions extensions) {
  EnsureInlineChars();
  ParserPtr parser(cmark_parser_new_with_mem(options, mem));
  for (const char* name : kExtensions) {
    if (!extensions.table && std::strcmp(name, "table") == 0) continue;
    if (!extensions.autolink && std::strcmp(name, "autolink") == 0) continue;
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
// The library calls that function through its PLT, so this definition in
// the program takes its place (ELF symbol interposition) and does nothing:
// Kapstok manages the table itself, with the library's own function (found
// with dlsym) applied to parsers made for the purpose: one with only
// strikethrough adds '~' once, for the life of the process (every parser
// has strikethrough); one with only autolink, kept, adds and removes ':'
// and 'w', which are in it only while parses that want URL autolinks
// (ParseDocument's `url_autolinks`) run. A gate (ParseGate below) admits
// parses in two classes, with and without URL autolinks: parses of one
// class run in parallel with each other, and the table is switched only
// while no parse runs. A class waits while the other runs, and when the
// other class is waiting, new arrivals of the running class wait too, so
// neither class starves.
// Without ':' and 'w' cmark does not cut text nodes at every 'w' and ':' nor
// ask the autolink extension about each, which is most of the inline
// parser's work on Dutch prose.
//
// Should a future build of the library bind the call internally, our
// function is never called, `interposed` stays false, the library manages
// the table per parser as it was written to, and ParseDocument serialises
// inline parsing; a test (markdown thread_test) fails in that case so it
// does not go unnoticed.
namespace {

using ManageFn = void (*)(cmark_parser*, int);
std::atomic<bool> interposed{false};
ManageFn real_manage = nullptr;       // the library's definition
cmark_parser* autolink_chars = nullptr;  // a parser with only autolink attached
bool parallel = false;                // set once in EnsureInlineChars
std::mutex serial_mu;                 // used only when !parallel

// Admits inline parses in two classes (0: without URL autolinks, 1: with);
// see above.
class ParseGate {
 public:
  void Enter(int c) {
    std::unique_lock<std::mutex> lock(mu_);
    ++waiting_[c];
    changed_.wait(lock, [&] { return CanEnter(c); });
    --waiting_[c];
    if (mode_ != c) {  // no parse runs (CanEnter): switch the table
      real_manage(autolink_chars, c);
      mode_ = c;
      admit_[c] = waiting_[c];  // the class's waiters form its batch
      admit_[1 - c] = 0;
      changed_.notify_all();
    } else if (admit_[c] > 0) {
      --admit_[c];
    }
    ++active_;
  }

  void Leave() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--active_ == 0) changed_.notify_all();
  }

 private:
  bool CanEnter(int c) const {
    if (mode_ != c) return active_ == 0;
    return waiting_[1 - c] == 0 || admit_[c] > 0;
  }

  std::mutex mu_;
  std::condition_variable changed_;
  int mode_ = 0;            // 1 while ':' and 'w' are in the table
  int active_ = 0;          // parses running (all of class mode_)
  int waiting_[2] = {0, 0};
  int admit_[2] = {0, 0};   // waiters of a batch that may enter ahead of the other class
};
ParseGate gate;

cmark_parser* ParserWith(const char* extension) {
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(extension));
  return parser;
}

void EnsureInlineChars() {
  static std::once_flag once;
  std::call_once(once, [] {
    cmark_gfm_core_extensions_ensure_registered();
    real_manage = reinterpret_cast<ManageFn>(
        dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
    // A throwaway parse tells whether the library calls our definition.
    cmark_parser* probe = ParserWith("strikethrough");
    cmark_parser_feed(probe, "x", 1);
    cmark_node_free(cmark_parser_finish(probe));
    if (interposed.load(std::memory_order_acquire) && real_manage != nullptr) {
      real_manage(probe, 1);  // '~', for good
      autolink_chars = ParserWith("autolink");  // kept for the life of the process
      parallel = true;
    }
    cmark_parser_free(probe);
  });
}

}  // namespace
}  // namespace kapstok::markdown

extern "C" void cmark_manage_extensions_special_characters(cmark_parser* /*parser*/,
                                                           int /*add*/) {
  // The table is managed by ParseDocument (see above). Read first: no
  // shared write per parse.
  if (!kapstok::markdown::interposed.load(std::memory_order_relaxed)) {
    kapstok::markdown::interposed.store(true, std::memory_order_release);
  }
}

namespace kapstok::markdown {

bool InlineParsingIsParallel() {
  EnsureInlineChars();
  return parallel;
}

NodePtr ParseDocument(cmark_parser* parser, std::string_view text, bool url_autolinks) {
  EnsureInlineChars();
  cmark_parser_feed(parser, text.data(), text.size());
  if (!parallel) {
    std::lock_guard<std::mutex> lock(serial_mu);
    return NodePtr(cmark_parser_finish(parser));
  }
  const int c = url_autolinks ? 1 : 0;
  gate.Enter(c);
  NodePtr document(cmark_parser_finish(parser));
  gate.Leave();
  return document;
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
