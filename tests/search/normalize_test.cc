#include "search/normalize.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kapstok::search {
namespace {

std::vector<std::string> Folded(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.folded);
  return out;
}

TEST(TokenizeTest, SplitsOnPunctuationAndKeepsByteOffsets) {
  std::vector<Token> tokens = Tokenize("Eigen kracht, versterken!");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].folded, "eigen");
  EXPECT_EQ(tokens[1].folded, "kracht");
  EXPECT_EQ(tokens[1].begin, 6u);
  EXPECT_EQ(tokens[1].end, 12u);
  EXPECT_EQ(tokens[2].folded, "versterken");
}

TEST(TokenizeTest, FoldsCaseAndDiacriticsButKeepsTheSpelling) {
  std::vector<Token> tokens = Tokenize("Coördinatie van IDEEËN, één reünie");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].folded, "coordinatie");
  EXPECT_EQ(tokens[0].lower, "coördinatie");
  EXPECT_EQ(tokens[2].folded, "ideeen");
  EXPECT_EQ(tokens[2].lower, "ideeën");
  EXPECT_EQ(tokens[3].folded, "een");
  EXPECT_EQ(tokens[4].folded, "reunie");
}

TEST(TokenizeTest, HyphensApostrophesAndDigitsSeparateOrJoinAsExpected) {
  EXPECT_EQ(Folded("e-mail collega's 24/7 Wmo2015"),
            (std::vector<std::string>{"e", "mail", "collega", "s", "24", "7", "wmo2015"}));
}

TEST(TokenizeTest, InvalidUtf8SeparatesWordsInsteadOfFailing) {
  EXPECT_EQ(Folded("abc\xff" "def \xc3"), (std::vector<std::string>{"abc", "def"}));
}

TEST(TokenizeTest, CombiningMarksFoldAway) {
  EXPECT_EQ(Folded("coo\xcc\x88rdinatie"), (std::vector<std::string>{"coordinatie"}));
}

TEST(FoldWordTest, FoldsLatinLettersAndLigatures) {
  EXPECT_EQ(FoldWord("ĲSSELMEER"), "ijsselmeer");
  EXPECT_EQ(FoldWord("Straße"), "strasse");
  EXPECT_EQ(FoldWord("Financiële"), "financiele");
}

TEST(NormalizerTest, DutchStopWords) {
  Normalizer nl("nl");
  EXPECT_TRUE(nl.IsStopWord("de"));
  EXPECT_TRUE(nl.IsStopWord("een"));
  EXPECT_FALSE(nl.IsStopWord("kracht"));
  EXPECT_FALSE(Normalizer("en").IsStopWord("de"));
}

TEST(NormalizerTest, SnowballStemsRegularForms) {
  Normalizer nl("nl");
  EXPECT_EQ(nl.Term("versterken"), "versterk");
  EXPECT_EQ(nl.Term("versterking"), "versterk");
  EXPECT_EQ(nl.Term("huizen"), nl.Term("huis"));
}

TEST(NormalizerTest, TRuleStemsThirdPersonAndParticiple) {
  Normalizer nl("nl");
  EXPECT_EQ(nl.Term("versterkt"), "versterk");
  EXPECT_EQ(nl.Term("signaleert"), nl.Term("signaleren"));
  EXPECT_EQ(nl.Term("verbindt"), nl.Term("verbinden"));
  EXPECT_EQ(nl.Term("vraagt"), nl.Term("vragen"));
  EXPECT_EQ(nl.Term("gebruikt"), nl.Term("gebruiken"));
  EXPECT_EQ(nl.Term("ondersteunt"), nl.Term("ondersteunen"));
}

TEST(NormalizerTest, TRuleLeavesNounsEndingInT) {
  Normalizer nl("nl");
  for (const char* noun : {"kracht", "buurt", "resultaat", "student", "project", "dienst",
                           "rapport", "teamrapport", "context", "moment"}) {
    EXPECT_EQ(nl.BeforeStem(noun), noun) << noun;
  }
  EXPECT_EQ(nl.Term("kracht"), nl.Term("krachten"));
  EXPECT_EQ(nl.Term("buurt"), nl.Term("buurten"));
}

TEST(NormalizerTest, ExceptionsCoverIrregularPluralsAndStrongVerbs) {
  Normalizer nl("nl");
  EXPECT_EQ(nl.BeforeStem("kinderen"), "kind");
  EXPECT_EQ(nl.Term("kinderen"), nl.Term("kind"));
  EXPECT_EQ(nl.Term("liep"), nl.Term("lopen"));
  EXPECT_EQ(nl.Term("steden"), nl.Term("stad"));
}

TEST(NormalizerTest, PluralRepairs) {
  Normalizer nl("nl");
  EXPECT_EQ(nl.Term("organisaties"), nl.Term("organisatie"));
  EXPECT_EQ(nl.Term("methodes"), nl.Term("methode"));
  EXPECT_EQ(nl.Term("kansen"), nl.Term("kans"));
  EXPECT_EQ(nl.Term("gezinnen"), nl.Term("gezin"));
  EXPECT_EQ(nl.Term("ideeen"), nl.Term("idee"));
  EXPECT_EQ(nl.Term("sociale"), nl.Term("sociaal"));
  EXPECT_EQ(nl.Term("processen"), nl.Term("proces"));
  EXPECT_EQ(nl.BeforeStem("advies"), "advies");
}

TEST(NormalizerTest, OtherLanguagesOnlyFold) {
  Normalizer en("en");
  EXPECT_FALSE(en.stems());
  EXPECT_EQ(en.Term("running"), "running");
}

TEST(NormalizerTest, ClientTablesAreJsonWithEveryRule) {
  nlohmann::json j = nlohmann::json::parse(Normalizer("nl").ClientTablesJson());
  EXPECT_EQ(j["stemmer"], "dutch");
  EXPECT_EQ(j["fold"]["235"], "e");  // ë
  EXPECT_EQ(j["exceptions"]["kinderen"], "kind");
  EXPECT_FALSE(j["stop"].empty());
  EXPECT_FALSE(j["tBlock"].empty());
  EXPECT_FALSE(j["tAllow"].empty());
  EXPECT_FALSE(j["keepT"].empty());
  EXPECT_FALSE(j["keepS"].empty());
  EXPECT_EQ(j["ranges"][0], nlohmann::json::array({48, 57}));
  EXPECT_EQ(nlohmann::json::parse(Normalizer("en").ClientTablesJson())["stemmer"], "");
}

}  // namespace
}  // namespace kapstok::search
