// A per-thread bump allocator for cmark-gfm, used for one Render() at a time.
// cmark allocates every node, chunk and buffer of a document separately
// (calloc, realloc as buffers grow, free node by node when the document is
// freed); a page's document is thrown away whole once it is rendered. With
// this allocator the parser, the document and the HTML buffer live in a few
// large blocks owned by the thread, freeing is a no-op, and the document is
// dropped by resetting the arena instead of walking it. Internal to the
// `markdown` stage.
//
// Rules for code that uses it (markdown.cc):
//   - everything allocated through ArenaScope::mem() is released when the
//     scope ends: nothing from cmark may outlive it (copy out the HTML);
//   - nodes made by Kapstok's passes must come from the same allocator
//     (NewNode in cmark_util.h takes it from the node they go next to), else
//     they would leak when the document is dropped without cmark_node_free;
//   - scopes do not nest: an inner scope (a Render inside a Render, which
//     Kapstok never does) gets the default allocator and active() false, and
//     must free its document the usual way.
#ifndef KAPSTOK_MARKDOWN_CMARK_ARENA_H_
#define KAPSTOK_MARKDOWN_CMARK_ARENA_H_

#include <cmark-gfm.h>

namespace kapstok::markdown {

class ArenaScope {
 public:
  ArenaScope();
  ~ArenaScope();  // releases every allocation made through mem()
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

  // True when mem() is the thread's arena (not nested in another scope).
  bool active() const { return active_; }
  // The allocator to hand to cmark (the default one when !active()).
  cmark_mem* mem() const;

 private:
  bool active_;
};

}  // namespace kapstok::markdown

#endif  // KAPSTOK_MARKDOWN_CMARK_ARENA_H_
