#include "markdown/complexity.h"

#include <string>

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

// Adds the '[' count of `line` to *links and its '*' and '_' count to
// *emphasis. Branch-free over blocks with 32-bit counters, so the compiler
// can count many bytes per instruction.
void CountMarks(std::string_view line, uint64_t* links, uint64_t* emphasis) {
  constexpr size_t kBlock = size_t{1} << 20;
  for (size_t start = 0; start < line.size(); start += kBlock) {
    const std::string_view block = line.substr(start, kBlock);
    uint32_t l = 0, e = 0;
    for (char c : block) {
      l += c == '[';
      e += (c == '*') | (c == '_');
    }
    *links += l;
    *emphasis += e;
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
