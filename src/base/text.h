// Small text utilities shared by every stage: UTF-8 checks, display widths
// for carets, slugs, diacritic folding, HTML escaping and edit distance for
// "did you mean" suggestions. Owned by `base`; no dependencies.
#ifndef KAPSTOK_BASE_TEXT_H_
#define KAPSTOK_BASE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace kapstok {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view s);

// Number of code points in s.
int CodePointCount(std::string_view s);

// Decodes the code point at s[*i] and advances *i; invalid bytes decode as
// U+FFFD and advance by one.
char32_t NextCodePoint(std::string_view s, size_t* i);
void AppendUtf8(char32_t cp, std::string* out);

// Tabs become 4 spaces (as diagnostics print source lines).
std::string ExpandTabs(std::string_view line);
// Display columns taken by the first n code points of line (tabs count 4).
int DisplayWidth(std::string_view line, int n_code_points);
// 1-based column (in code points) of byte offset `byte` within line.
int ColumnOfByte(std::string_view line, size_t byte);

// Lower-cases ASCII and folds Latin diacritics (é→e, ë→e, ï→i, ß→ss, ĳ→ij).
std::string FoldDiacritics(std::string_view s);
// "Eigen kracht versterken!" -> "eigen-kracht-versterken": folded,
// lowercase, runs of anything but [a-z0-9] become one hyphen, trimmed.
std::string Slugify(std::string_view s);

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);
void AppendHtmlEscaped(std::string_view s, std::string* out);

// Levenshtein distance on bytes, capped: returns cap+1 when it exceeds cap.
int EditDistance(std::string_view a, std::string_view b, int cap = 1 << 20);
// The candidate closest to `word` within a distance of max(2, len/3), or "".
// Ties go to the lexicographically smallest candidate.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

std::string_view Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

}  // namespace kapstok

#endif  // KAPSTOK_BASE_TEXT_H_
