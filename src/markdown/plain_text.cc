// Text pass: the body as plain text, whole and per heading section, for
// search documents and summaries.
#include <string>

#include "markdown/cmark_util.h"
#include "markdown/passes.h"

namespace kapstok::markdown {
namespace {

void TrimTrailingSpace(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

class TextExtractor {
 public:
  TextExtractor(const std::vector<Heading>& headings, std::string* plain,
                std::vector<Section>* sections)
      : headings_(headings), plain_(plain), sections_(sections) {}

  void Run(cmark_node* document) {
    cmark_iter* iter = cmark_iter_new(document);  // freed below; no early return
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter);
      if (event == CMARK_EVENT_ENTER) {
        Enter(node);
      } else if (IsBlock(node)) {
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) in_heading_ = false;
        Append(" ");  // blocks are separated by a space
      }
    }
    cmark_iter_free(iter);
    FinishSection();
    TrimTrailingSpace(plain_);
  }

 private:
  void Enter(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING: StartSection(); break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK: Append(LiteralOf(node)); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: Append(" "); break;
      default: break;  // raw HTML left here is markup (allow_html): skipped
    }
  }

  void Append(std::string_view text) {
    AppendCollapsed(text, plain_);
    if (!in_heading_) AppendCollapsed(text, &section_.text);
  }

  void StartSection() {
    FinishSection();
    const Heading& h = headings_[next_heading_++];
    section_ = Section{h.text, h.id, h.level, std::string()};
    in_heading_ = true;
  }

  void FinishSection() {
    TrimTrailingSpace(&section_.text);
    if (section_.level > 0 || !section_.text.empty()) sections_->push_back(std::move(section_));
    section_ = Section{};
  }

  const std::vector<Heading>& headings_;
  std::string* plain_;
  std::vector<Section>* sections_;
  Section section_{"", "", 0, ""};
  size_t next_heading_ = 0;
  bool in_heading_ = false;
};

}  // namespace

void AppendCollapsed(std::string_view text, std::string* out) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      if (!out->empty() && out->back() != ' ') out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
}

void ExtractText(cmark_node* document, const std::vector<Heading>& headings,
                 std::string* plain_text, std::vector<Section>* sections) {
  TextExtractor(headings, plain_text, sections).Run(document);
}

}  // namespace kapstok::markdown
