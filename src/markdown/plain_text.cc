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

// Each section's text is the stretch of the plain text between the end of
// its heading and the start of the next one, so text is collapsed only once.
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
        AppendCollapsed(" ", plain_);  // blocks are separated by a space
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) body_start_ = plain_->size();
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
      case CMARK_NODE_CODE_BLOCK: AppendCollapsed(LiteralOf(node), plain_); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: AppendCollapsed(" ", plain_); break;
      default: break;  // raw HTML left here is markup (allow_html): skipped
    }
  }

  void StartSection() {
    FinishSection();
    const Heading& h = headings_[next_heading_++];
    section_ = Section{h.text, h.id, h.level, std::string()};
  }

  void FinishSection() {
    if (body_start_ < plain_->size()) section_.text = plain_->substr(body_start_);
    TrimTrailingSpace(&section_.text);
    if (section_.level > 0 || !section_.text.empty()) sections_->push_back(std::move(section_));
    section_ = Section{"", "", 0, ""};
    body_start_ = std::string::npos;  // set again when the next heading ends
  }

  const std::vector<Heading>& headings_;
  std::string* plain_;
  std::vector<Section>* sections_;
  Section section_{"", "", 0, ""};
  size_t body_start_ = 0;  // offset in *plain_ where the current section's text starts
  size_t next_heading_ = 0;
};

}  // namespace

void AppendCollapsed(std::string_view text, std::string* out) {
  // One copy, then whitespace runs are squeezed in place.
  size_t w = out->size();
  out->append(text);
  char* d = out->data();
  bool after_space = w == 0 || d[w - 1] == ' ';
  for (size_t r = w, n = out->size(); r < n; ++r) {
    const char c = d[r];
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      if (!after_space) d[w++] = ' ';
      after_space = true;
    } else {
      d[w++] = c;
      after_space = false;
    }
  }
  out->resize(w);
}

void ExtractText(cmark_node* document, const std::vector<Heading>& headings,
                 std::string* plain_text, std::vector<Section>* sections) {
  TextExtractor(headings, plain_text, sections).Run(document);
}

}  // namespace kapstok::markdown
