// Hand-written JSON output for the fixed shapes of the search index files,
// byte for byte what nlohmann::json's dump(-1, ' ', true, replace) writes
// (ASCII only: other code points as \uXXXX, lower-case hex, surrogate pairs
// above U+FFFF; invalid UTF-8 replaced by \ufffd per maximal invalid
// subsequence) without building a json tree first. Owned by `search`.
#ifndef KAPSTOK_SEARCH_JSON_WRITER_H_
#define KAPSTOK_SEARCH_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace kapstok::search {

// Appends `s` as a quoted JSON string. Never fails.
void AppendJsonString(std::string_view s, std::string* out);

// Appends a non-negative integer in decimal.
void AppendJsonUint(uint64_t v, std::string* out);

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_JSON_WRITER_H_
