// The message catalogue: sorted, unique keys; every key in English and
// Dutch with the same placeholders; every key the code asks for exists.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "base/messages.h"
#include "cli_test_util.h"

namespace kapstok {
namespace {

std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> out;
  std::regex re("\\{[0-9]\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it)
    out.insert(it->str());
  return out;
}

std::string TextIn(std::string_view key, std::string_view language) {
  SetMessageLanguage(language);
  std::string text = Tr(key, {"{0}", "{1}", "{2}", "{3}", "{4}"});
  SetMessageLanguage("en");
  return text;
}

TEST(MessagesTest, KeysAreSortedAndUnique) {
  std::vector<std::string_view> keys = MessageKeys();
  ASSERT_FALSE(keys.empty());
  for (size_t i = 1; i < keys.size(); ++i)
    EXPECT_LT(keys[i - 1], keys[i]) << "the table in src/base/messages.cc must stay sorted";
}

TEST(MessagesTest, EveryKeyHasEnglishAndDutch) {
  for (std::string_view key : MessageKeys()) {
    EXPECT_TRUE(HasTranslation(key, "en")) << key;
    EXPECT_TRUE(HasTranslation(key, "nl")) << key;
  }
}

TEST(MessagesTest, EnglishAndDutchUseTheSamePlaceholders) {
  for (std::string_view key : MessageKeys()) {
    std::string en = TextIn(key, "en"), nl = TextIn(key, "nl");
    EXPECT_EQ(Placeholders(en), Placeholders(nl)) << key << "\n  en: " << en << "\n  nl: " << nl;
    EXPECT_NE(en, nl) << key << ": the Dutch text is a copy of the English one";
  }
}

TEST(MessagesTest, LooksUpByLanguageAndFillsPlaceholders) {
  SetMessageLanguage("nl");
  EXPECT_EQ(Tr("hint.did-you-mean", {"eigen-kracht-versterken"}),
            "bedoelde je 'eigen-kracht-versterken'?");
  SetMessageLanguage("en");
  EXPECT_EQ(Tr("hint.did-you-mean", {"x"}), "did you mean 'x'?");
  EXPECT_EQ(Tr("no.such.key"), "no.such.key");
}

// Every Tr("key" ...) in src/ names a key of the catalogue.
TEST(MessagesTest, EveryKeyUsedInTheSourceExists) {
  std::set<std::string_view> keys;
  for (std::string_view k : MessageKeys()) keys.insert(k);
  std::regex call("\\bTr\\(\"([a-z0-9.-]+)\"");
  int found = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(test_util::SourceDir() / "src")) {
    if (entry.path().extension() != ".cc") continue;
    std::string text = test_util::ReadFile(entry.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator(); ++it) {
      ++found;
      EXPECT_TRUE(keys.count((*it)[1].str())) << entry.path() << ": " << (*it)[1].str();
    }
  }
  EXPECT_GT(found, 50);
}

}  // namespace
}  // namespace kapstok
