// Citation pass: [@id] and [@a; @b] in text become links to source pages.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "base/messages.h"
#include "base/text.h"
#include "markdown/cmark_util.h"
#include "markdown/passes.h"

namespace kapstok::markdown {
namespace {

bool IsIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':' || c == '/';
}

// Splits "@a; @b" into {"a", "b"}; false unless every part is "@id". Adds
// the number of bytes it read to *examined: it stops at the first one that
// cannot belong to a citation, so trying every "[@" of a long line stays
// linear.
bool ParseCitationIds(std::string_view inner, std::vector<std::string_view>* ids,
                      uint64_t* examined) {
  size_t i = 0;
  const size_t n = inner.size();
  auto skip_spaces = [&] {
    while (i < n && (inner[i] == ' ' || inner[i] == '\n')) ++i;
  };
  auto parse = [&] {
    while (true) {
      skip_spaces();
      if (i >= n || inner[i] != '@') return false;
      const size_t start = ++i;
      while (i < n && IsIdChar(inner[i])) ++i;
      if (i == start) return false;
      ids->push_back(inner.substr(start, i - start));
      skip_spaces();
      if (i == n) return true;
      if (inner[i++] != ';') return false;
    }
  };
  const bool ok = parse();
  *examined += i;
  return ok;
}

class CitationRewriter {
 public:
  CitationRewriter(PageContext& ctx, std::vector<std::string>* cited)
      : ctx_(ctx), cited_(cited) {
    for (const std::string& id : *cited) seen_.insert(id);
  }

  // Replaces the citations in one text node; the node keeps what follows
  // the last citation (or is freed when nothing does).
  void Rewrite(cmark_node* text) {
    const std::string literal(LiteralOf(text));
    const std::string_view view = literal;
    size_t done = 0;  // view[0, done) is already emitted before `text`
    size_t close = 0;  // the first ']' after `open`; reused while still ahead, so
                       // "[@[@[@...]" is scanned once, not once per "[@"
    uint64_t examined = 0;  // bytes passed by the searches and ParseCitationIds
    auto find = [&](auto needle, size_t from) {
      const size_t at = view.find(needle, from);
      examined += (at == std::string_view::npos ? view.size() : at) - from;
      return at;
    };
    for (size_t open = find("[@", 0); open != std::string_view::npos;
         open = find("[@", open + 1)) {
      if (close <= open) close = find(']', open);
      if (close == std::string_view::npos) break;
      std::vector<std::string_view> ids;
      if (!ParseCitationIds(view.substr(open + 1, close - open - 1), &ids, &examined)) continue;
      std::vector<std::optional<Citation>> found = Resolve(text, ids);
      if (std::none_of(found.begin(), found.end(), [](const auto& c) { return c.has_value(); })) {
        continue;  // stays literal text
      }
      Insert(text, NewTextNode(ctx_.mem, std::string(view.substr(done, open - done)) + "("));
      for (size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) Insert(text, NewTextNode(ctx_.mem, "; "));
        if (found[i]) {
          InsertLink(text, *found[i]);
        } else {
          Insert(text, NewTextNode(ctx_.mem, "@" + std::string(ids[i])));
        }
      }
      Insert(text, NewTextNode(ctx_.mem, ")"));
      done = close + 1;
      open = close;
    }
    if (ctx_.work != nullptr) ctx_.work->citation_bytes += examined;
    if (done == 0) return;
    if (done >= literal.size()) {
      cmark_node_free(text);  // unlinks first
    } else {
      cmark_node_set_literal(text, literal.c_str() + done);
    }
  }

 private:
  // Returns false, and frees `node`, when `before`'s parent cannot hold it.
  static bool Insert(cmark_node* before, NodePtr node) {
    if (!cmark_node_insert_before(before, node.get())) return false;
    node.release();  // the tree owns it now
    return true;
  }

  // cmark-gfm's table cells hold no custom inline nodes, so there the
  // citation becomes a plain link (without class="citation").
  void InsertLink(cmark_node* before, const Citation& c) {
    if (Insert(before, Link(c))) return;
    NodePtr plain = NewNode(ctx_.mem, CMARK_NODE_LINK);
    cmark_node_set_url(plain.get(), IsDangerousUrl(c.href) ? "" : c.href.c_str());
    cmark_node_append_child(plain.get(), NewTextNode(ctx_.mem, c.label).release());
    Insert(before, std::move(plain));
  }

  NodePtr Link(const Citation& c) {
    std::string open = "<a class=\"citation\" href=\"";
    AppendHtmlEscaped(IsDangerousUrl(c.href) ? "" : c.href, &open);
    open += "\">";
    NodePtr link = NewCustomNode(ctx_.mem, CMARK_NODE_CUSTOM_INLINE, open, "</a>");
    cmark_node_append_child(link.get(), NewTextNode(ctx_.mem, c.label).release());
    return link;
  }

  std::vector<std::optional<Citation>> Resolve(cmark_node* text,
                                               const std::vector<std::string_view>& ids) {
    std::vector<std::optional<Citation>> found;
    for (std::string_view id : ids) {
      std::string hint;
      found.push_back(ctx_.resolver.ResolveCitation(id, &hint));
      if (found.back()) {
        if (seen_.insert(std::string(id)).second) cited_->push_back(std::string(id));
      } else {
        // Located only on failure: the search is needless work otherwise.
        const std::string needle = "@" + std::string(id);
        SourceLocation at = ctx_.locator.Find(EnclosingBlock(text), needle, &cursor_);
        ctx_.locator.Report(Severity::kError, std::move(at),
                            Tr("link.unknown-citation", {std::string(id)}), std::move(hint));
      }
    }
    return found;
  }

  PageContext& ctx_;
  std::vector<std::string>* cited_;
  std::unordered_set<std::string> seen_;
  SearchCursor cursor_;
};

}  // namespace

void ReplaceCitations(const std::vector<cmark_node*>& texts, PageContext& ctx,
                      std::vector<std::string>* cited) {
  CitationRewriter rewriter(ctx, cited);
  for (cmark_node* text : texts) rewriter.Rewrite(text);
}

}  // namespace kapstok::markdown
