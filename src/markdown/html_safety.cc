// Raw HTML and URL-scheme safety for content that comes from pull requests.
#include <cctype>
#include <string>

#include <cmark-gfm-extension_api.h>

#include "markdown/cmark_util.h"
#include "markdown/markdown.h"
#include "markdown/passes.h"

namespace kapstok::markdown {
namespace {

// "<!-- ... -->" and nothing else (an HTML block may continue after "-->").
bool IsHtmlComment(std::string_view html) {
  while (!html.empty() && std::isspace(static_cast<unsigned char>(html.back()))) {
    html.remove_suffix(1);
  }
  return html.starts_with("<!--") && html.size() >= 7 && html.find("-->", 4) == html.size() - 3;
}

std::string_view TrimTrailingNewlines(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

void EscapeRawHtml(const std::vector<cmark_node*>& raw_html, cmark_mem* mem) {
  for (cmark_node* node : raw_html) {
    const std::string literal(LiteralOf(node));
    if (IsHtmlComment(literal)) {
      cmark_node_free(node);  // unlinks first
      continue;
    }
    if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
      // set_type frees the literal, so it is set again from the copy.
      cmark_node_set_type(node, CMARK_NODE_TEXT);
      cmark_node_set_literal(node, literal.c_str());
      continue;
    }
    NodePtr paragraph = NewNode(mem, CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(paragraph.get(),
                            NewTextNode(mem, TrimTrailingNewlines(literal)).release());
    cmark_node_insert_before(node, paragraph.release());  // the tree owns it now
    cmark_node_free(node);
  }
}

bool HasScheme(std::string_view url) {
  if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  for (char c : url.substr(1)) {
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

bool IsDangerousUrl(std::string_view url) {
  // Every dangerous scheme begins with 'j', 'v', 'f' or 'd': most links
  // ("../x.md", "https://...") are decided by their first byte.
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;  // skipped below too
    const char lower = static_cast<char>(c | 0x20);
    if (lower != 'j' && lower != 'v' && lower != 'f' && lower != 'd') return false;
    break;
  }
  // Browsers skip leading controls/spaces and tabs or newlines inside the
  // scheme ("java\tscript:"), so compare a normalised prefix.
  char prefix[16];
  size_t size = 0;
  for (size_t i = 0; i < url.size() && size < sizeof(prefix); ++i) {
    const unsigned char u = static_cast<unsigned char>(url[i]);
    if (u <= 0x20) continue;
    prefix[size++] = static_cast<char>(u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u);
  }
  const std::string_view p(prefix, size);
  if (p.starts_with("javascript:") || p.starts_with("vbscript:") || p.starts_with("file:")) {
    return true;
  }
  if (!p.starts_with("data:")) return false;
  for (std::string_view ok : {"data:image/png", "data:image/gif", "data:image/jpeg",
                              "data:image/webp"}) {
    if (p.starts_with(ok)) return false;
  }
  return true;
}

}  // namespace kapstok::markdown
