#include "markdown/complexity.h"

#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/messages.h"

namespace kapstok::markdown {

namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// "```" or "~~~" after at most three spaces: opens or closes a fenced code
// block, whose text cmark never parses for links or emphasis.
bool IsFence(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i <= 3 && line[i] == ' ') ++i;
  if (i == line.size() || i > 3) return false;
  return line.substr(i, 3) == "```" || line.substr(i, 3) == "~~~";
}

// Adds the '[' count of `text` to *links and its '*' and '_' count to
// *emphasis. With SSE2, 16 bytes at a time into per-byte counters that are
// summed before they can overflow (255 rounds); the rest a byte at a time.
void CountMarks(std::string_view text, uint64_t* links, uint64_t* emphasis) {
  const char* p = text.data();
  size_t n = text.size();
#if defined(__SSE2__)
  const __m128i open = _mm_set1_epi8('['), star = _mm_set1_epi8('*'),
                under = _mm_set1_epi8('_'), zero = _mm_setzero_si128();
  while (n >= 16) {
    __m128i l8 = zero, e8 = zero;
    for (size_t round = 0; round < 255 && n >= 16; ++round, p += 16, n -= 16) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      l8 = _mm_sub_epi8(l8, _mm_cmpeq_epi8(c, open));  // a match is -1
      e8 = _mm_sub_epi8(e8, _mm_or_si128(_mm_cmpeq_epi8(c, star), _mm_cmpeq_epi8(c, under)));
    }
    const __m128i l = _mm_sad_epu8(l8, zero), e = _mm_sad_epu8(e8, zero);
    *links += static_cast<uint64_t>(_mm_cvtsi128_si64(l)) +
              static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(l, l)));
    *emphasis += static_cast<uint64_t>(_mm_cvtsi128_si64(e)) +
                 static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(e, e)));
  }
#endif
  for (; n > 0; ++p, --n) {
    *links += *p == '[';
    *emphasis += (*p == '*') | (*p == '_');
  }
}

}  // namespace

bool WithinInlineBudget(std::string_view body, SourceLocator* locator, int line_offset,
                        const std::string& path) {
  // Each paragraph's marks are among the body's, so when the body's '['
  // count times its '*' and '_' count is within one paragraph's budget, every
  // paragraph is, and so is their sum: one count of the whole body decides
  // for every real page, without looking for lines, fences and blank lines.
  static_assert(kMaxParagraphCost <= kMaxPageCost);
  uint64_t all_links = 0, all_emphasis = 0;
  CountMarks(body, &all_links, &all_emphasis);
  if (all_links * all_emphasis <= kMaxParagraphCost) return true;
  uint64_t total = 0;
  uint64_t worst = 0, worst_links = 0, worst_emphasis = 0;
  int worst_line = 0;
  uint64_t links = 0, emphasis = 0;
  int block_line = 0;  // 1-based first line of the current paragraph; 0 between them
  bool in_fence = false;
  auto end_block = [&] {
    const uint64_t cost = links * emphasis;
    total += cost;
    if (cost > worst) {
      worst = cost;
      worst_line = block_line;
      worst_links = links;
      worst_emphasis = emphasis;
    }
    links = emphasis = 0;
    block_line = 0;
  };
  int line_no = 0;
  for (size_t pos = 0; pos <= body.size();) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    const std::string_view line = body.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (IsFence(line)) {
      if (block_line != 0) end_block();
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    if (IsBlank(line)) {
      if (block_line != 0) end_block();
      continue;
    }
    if (block_line == 0) block_line = line_no;
    CountMarks(line, &links, &emphasis);
  }
  if (block_line != 0) end_block();
  if (worst > kMaxParagraphCost) {
    locator->Report(Severity::kError, {path, line_offset + worst_line, 1},
                    Tr("markdown.too-complex",
                       {std::to_string(worst_links), std::to_string(worst_emphasis)}),
                    Tr("markdown.too-complex.hint"));
    return false;
  }
  if (total > kMaxPageCost) {
    locator->Report(Severity::kError, {path, line_offset + 1, 1}, Tr("markdown.too-complex-page"),
                    Tr("markdown.too-complex-page.hint"));
    return false;
  }
  return true;
}

}  // namespace kapstok::markdown
