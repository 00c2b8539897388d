// Text pass: the body as plain text, whole and per heading section, for
// search documents and summaries.
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    Walk(
        document, [this](cmark_node* node) { Enter(node); },
        [this](cmark_node* node) {
          if (!IsBlock(node)) return;
          AppendSpace(plain_);  // blocks are separated by a space
          if (TypeOf(node) == CMARK_NODE_HEADING) body_start_ = plain_->size();
        });
    FinishSection();
    TrimTrailingSpace(plain_);
  }

 private:
  void Enter(cmark_node* node) {
    switch (TypeOf(node)) {
      case CMARK_NODE_HEADING: StartSection(); break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK: AppendCollapsed(LiteralOf(node), plain_); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: AppendSpace(plain_); break;
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

namespace {

bool IsCollapsedSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The index of the first byte of `text` that AppendCollapsed would change or
// drop: a whitespace byte other than ' ', or a ' ' right after a space (the
// byte before text[0] counts as a space when `after_space`). text.size()
// when there is none, which is the usual case for a text node's literal:
// cmark splits lines into soft breaks, so only prose with single spaces is
// left, and it can be appended as it is.
size_t FirstChange(std::string_view text, bool after_space) {
  const char* p = text.data();
  const size_t n = text.size();
  if (n == 0) return 0;
  if (IsCollapsedSpace(p[0]) && (after_space || p[0] != ' ')) return 0;
  size_t i = 1;
#if defined(__SSE2__)
  // 16 bytes at a time: p[i..i+16) against the bytes before them.
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i four = _mm_set1_epi8('\r' - '\t');
  // The bytes of p[at..at+16) that are a change, as a bit mask.
  auto changes = [&](size_t at) {
    const __m128i cur = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
    const __m128i prev = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at - 1));
    const __m128i twice = _mm_and_si128(_mm_cmpeq_epi8(cur, space), _mm_cmpeq_epi8(prev, space));
    // '\t'..'\r': (c - '\t') <= 4 as unsigned bytes, i.e. min(c - '\t', 4) == c - '\t'.
    const __m128i off = _mm_sub_epi8(cur, tab);
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(off, four), off);
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(twice, control)));
  };
  for (; i + 16 <= n; i += 16) {
    const unsigned mask = changes(i);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  if (i < n && n >= 17) {
    // The last 16 bytes, overlapping ones already found unchanged (they
    // give no bit again): no byte-at-a-time tail.
    const unsigned mask = changes(n - 16);
    return mask != 0 ? n - 16 + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
#endif
  for (; i < n; ++i) {
    const char c = p[i];
    if (c == ' ' ? p[i - 1] == ' ' : IsCollapsedSpace(c)) return i;
  }
  return n;
}

}  // namespace

void AppendCollapsed(std::string_view text, std::string* out) {
  size_t w = out->size();
  const bool after_space = w == 0 || (*out)[w - 1] == ' ';
  const size_t unchanged = FirstChange(text, after_space);
  out->append(text);
  if (unchanged == text.size()) return;
  // From the first change on, whitespace runs are squeezed in place.
  w += unchanged;
  char* d = out->data();
  bool space_before = w == 0 || d[w - 1] == ' ';
  for (size_t r = w, n = out->size(); r < n; ++r) {
    const char c = d[r];
    if (IsCollapsedSpace(c)) {
      if (!space_before) d[w++] = ' ';
      space_before = true;
    } else {
      d[w++] = c;
      space_before = false;
    }
  }
  out->resize(w);
}

void ExtractText(cmark_node* document, const std::vector<Heading>& headings,
                 std::string* plain_text, std::vector<Section>* sections) {
  TextExtractor(headings, plain_text, sections).Run(document);
}

}  // namespace kapstok::markdown
