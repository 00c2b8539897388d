// The message catalogue for diagnostics an editor sees. Every message has a
// stable key and a text per language with {0}, {1}, ... placeholders; the
// language is chosen once per run (the site's language, or --lang). English
// is the fallback for a language or key without a translation. Owned by `base`.
#ifndef KAPSTOK_BASE_MESSAGES_H_
#define KAPSTOK_BASE_MESSAGES_H_

#include <string>
#include <string_view>
#include <vector>

namespace kapstok {

// Sets the language for Tr() ("nl", "en"). Not thread-safe: call before work starts.
void SetMessageLanguage(std::string_view language);
std::string_view MessageLanguage();

// The message `key` in the current language with {i} replaced by args[i].
// An unknown key returns the key itself, so a missing entry is visible.
std::string Tr(std::string_view key, const std::vector<std::string>& args = {});

// Every key in the catalogue, for tests that check each has both languages.
std::vector<std::string_view> MessageKeys();
bool HasTranslation(std::string_view key, std::string_view language);

}  // namespace kapstok

#endif  // KAPSTOK_BASE_MESSAGES_H_
