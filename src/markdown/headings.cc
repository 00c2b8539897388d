// Heading pass: unique, stable ids for every heading; emitting them as id
// attributes; wrapping tables for narrow screens.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/messages.h"
#include "base/text.h"
#include "markdown/cmark_util.h"
#include "markdown/passes.h"

namespace kapstok::markdown {
namespace {

// Text, code and (escaped) HTML literals of `heading`'s inlines.
std::string HeadingText(cmark_node* heading) {
  std::string text;
  auto enter = [&](cmark_node* node) {
    switch (TypeOf(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: AppendCollapsed(LiteralOf(node), &text); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: AppendSpace(&text); break;
      default: break;
    }
  };
  Walk(heading, enter, [](cmark_node*) {});
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

void AssignHeadingIds(const std::vector<cmark_node*>& heading_nodes, PageContext& ctx,
                      std::vector<Heading>* headings) {
  std::unordered_set<std::string> used;
  std::unordered_map<std::string, int> next_suffix;  // per base: where to resume counting
  uint64_t suffixes_tried = 0;
  for (cmark_node* node : heading_nodes) {
    Heading h;
    h.level = cmark_node_get_heading_level(node);
    h.text = HeadingText(node);
    std::string base = Slugify(h.text);
    if (base.empty()) base = "section";
    h.id = base;
    // "-2", "-3": in document order, so ids stay stable while earlier
    // headings stay; a suffixed id that is itself taken moves on.
    if (used.contains(h.id)) {
      int& n = next_suffix.try_emplace(base, 2).first->second;
      do {
        h.id = base + "-" + std::to_string(n++);
        ++suffixes_tried;
      } while (used.contains(h.id));
    }
    used.insert(h.id);
    h.line = ctx.locator.StartLineOf(node);
    if (h.level == 1) {
      ctx.locator.Report(Severity::kWarning, ctx.locator.StartOf(node),
                         Tr("markdown.level-1-heading"));
    }
    headings->push_back(std::move(h));
  }
  if (ctx.work != nullptr) ctx.work->heading_suffixes += suffixes_tried;
}

void EmitHeadingIds(const std::vector<cmark_node*>& heading_nodes,
                    const std::vector<Heading>& headings, cmark_mem* mem) {
  for (size_t i = 0; i < heading_nodes.size(); ++i) {
    cmark_node* node = heading_nodes[i];
    const Heading& h = headings[i];
    std::string open = "<h" + std::to_string(h.level) + " id=\"";
    AppendHtmlEscaped(h.id, &open);
    open += "\">";
    // A custom block renders its strings on lines of their own; an inline
    // inside an empty block keeps <h2 id="x">Text</h2> on one line.
    // The heading's text nodes may still point into the heading's own
    // buffer, which cmark_node_free(node) below releases: have each take a
    // copy first (cmark_node_get_literal makes the literal the node's own;
    // so do get_url and get_title for a link's or image's strings, whether
    // or not ResolveLinks already read the URL).
    Walk(
        node,
        [](cmark_node* inline_node) {
          if (!LiteralOf(inline_node).empty()) (void)cmark_node_get_literal(inline_node);
          const cmark_node_type type = TypeOf(inline_node);
          if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            (void)cmark_node_get_url(inline_node);
            (void)cmark_node_get_title(inline_node);
          }
        },
        [](cmark_node*) {});
    NodePtr block = NewCustomNode(mem, CMARK_NODE_CUSTOM_BLOCK, "", "");
    NodePtr tag = NewCustomNode(mem, CMARK_NODE_CUSTOM_INLINE, open,
                                "</h" + std::to_string(h.level) + ">");
    MoveChildren(node, tag.get());
    cmark_node_append_child(block.get(), tag.release());
    cmark_node_insert_before(node, block.release());  // the tree owns it now
    cmark_node_free(node);
  }
}

void WrapTables(const std::vector<cmark_node*>& tables, cmark_mem* mem) {
  for (cmark_node* table : tables) {
    NodePtr wrap =
        NewCustomNode(mem, CMARK_NODE_CUSTOM_BLOCK, "<div class=\"table-wrap\">", "</div>");
    cmark_node* wrapper = wrap.get();
    cmark_node_insert_before(table, wrap.release());  // the tree owns it now
    cmark_node_append_child(wrapper, table);          // unlinks the table first
  }
}

}  // namespace kapstok::markdown
