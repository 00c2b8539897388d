#include "markdown/complexity.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "base/messages.h"

namespace kapstok::markdown {

namespace {

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

bool WithinInlineBudget(std::string_view body, SourceLocator* locator, int line_offset,
                        const std::string& path) {
  uint64_t total = 0;
  uint64_t worst = 0;
  int worst_line = 0;
  uint64_t worst_links = 0, worst_emphasis = 0;
  uint64_t links = 0, emphasis = 0;
  int block_line = 0;  // 1-based line of the current block's first line; 0 between blocks
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
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = body.substr(pos, nl - pos);
    ++line_no;
    if (IsBlank(line)) {
      if (block_line != 0) end_block();
    } else {
      if (block_line == 0) block_line = line_no;
      for (char c : line) {
        if (c == '[') ++links;
        else if (c == '*' || c == '_') ++emphasis;
      }
    }
    pos = nl + 1;
  }
  if (block_line != 0) end_block();
  if (total <= kMaxInlineCost) return true;
  locator->Report(Severity::kError, {path, line_offset + worst_line, 1},
                  Tr("markdown.too-complex",
                     {std::to_string(worst_links), std::to_string(worst_emphasis)}),
                  Tr("markdown.too-complex.hint"));
  return false;
}

}  // namespace kapstok::markdown
