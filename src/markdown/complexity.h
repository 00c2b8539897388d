// A guard against input that makes cmark-gfm slow. Debian's cmark-gfm 0.29
// takes time that grows with (links × emphasis delimiters) within one
// paragraph, and faster than that: 8,000 pairs of "[a](b) *c* " in one
// paragraph (88 KB) take 2 s, 16,000 pairs 33 s, and its inline parsing runs
// under a process-wide lock (cmark_util.cc), so one such page stalls the whole
// build. Real pages are nowhere near: a paragraph with 20 links and 40
// emphasis marks costs 800 of the budget below. Internal to `markdown`.
#ifndef KAPSTOK_MARKDOWN_COMPLEXITY_H_
#define KAPSTOK_MARKDOWN_COMPLEXITY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "markdown/source_locator.h"

namespace kapstok::markdown {

// A paragraph (a run of non-blank lines outside fenced code) costs its '['
// count × its '*' and '_' count. The most one paragraph may cost: about 60 ms
// of cmark-gfm at worst on the benchmark machine.
inline constexpr uint64_t kMaxParagraphCost = 4'000'000;
// The most all paragraphs of one body may cost together (about 0.6 s at worst).
inline constexpr uint64_t kMaxPageCost = 40'000'000;

// True when `body` is within both budgets. Otherwise reports an error at the
// costliest paragraph (or, for the page budget, at the body's first line;
// line_offset added) and returns false.
bool WithinInlineBudget(std::string_view body, SourceLocator* locator, int line_offset,
                        const std::string& path);

}  // namespace kapstok::markdown

#endif  // KAPSTOK_MARKDOWN_COMPLEXITY_H_
