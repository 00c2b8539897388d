#include "search/normalize.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "base/text.h"

namespace kapstok::search {
namespace {

std::vector<std::string> Folded(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.folded);
  return out;
}

// Tokenize as specified, code point by code point: words are maximal runs
// of word characters (an invalid byte is none), folded with FoldWord and
// lower-cased with LowerKeepAccent; words that fold to "" are skipped.
std::vector<Token> ReferenceTokens(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t begin = i, next = i;
    if (!IsWordChar(NextCodePoint(text, &next))) {
      i = next;
      continue;
    }
    std::string lower;
    size_t end = begin;
    for (;;) {
      size_t after = end;
      if (end >= text.size()) break;
      const char32_t cp = NextCodePoint(text, &after);
      if (!IsWordChar(cp)) break;
      AppendUtf8(LowerKeepAccent(cp), &lower);
      end = after;
    }
    std::string folded = FoldWord(text.substr(begin, end - begin));
    if (!folded.empty()) out.push_back({folded, lower, begin, end});
    i = end;
  }
  return out;
}

// Random texts from pieces that meet at any byte offset, so words, ASCII
// and other separators, accents, combining marks, invalid bytes and NULs
// fall on both sides of every 64-byte block boundary; long words span blocks.
TEST(WordScannerTest, EqualsTheCodePointReferenceOnRandomTexts) {
  const std::vector<std::string> pieces = {
      "a", "Z", "9", "kracht", " ", ".", ", ", "\n", "\xc3\xa9", "\xc3\x8b", "\xcc\x88", "\xff",
      "\xe2\x82", "\xe2\x80\x94", std::string(1, '\0'), "\xc3\x9f", "\xce\xb1\xce\xb2", "-",
      "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv",
      std::string(70, ' '), std::string(130, 'X'), "co\xc3\xb6rdinatie", "\x80"};
  std::mt19937 rng(7);
  WordScanner reused;  // one scanner over every text, as the index builder uses it
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int k = rng() % 60; k > 0; --k) text += pieces[rng() % pieces.size()];
    const std::vector<Token> expected = ReferenceTokens(text);
    const std::vector<Token> got = Tokenize(text);
    reused.Reset(text);
    size_t i = 0;
    for (; reused.Next(); ++i) {
      ASSERT_LT(i, expected.size()) << "round " << round;
      EXPECT_EQ(reused.folded(), expected[i].folded) << "round " << round << " word " << i;
      EXPECT_EQ(reused.begin(), expected[i].begin) << "round " << round << " word " << i;
    }
    EXPECT_EQ(i, expected.size()) << "round " << round;
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (size_t j = 0; j < got.size(); ++j) {
      EXPECT_EQ(got[j].folded, expected[j].folded) << "round " << round << " word " << j;
      EXPECT_EQ(got[j].lower, expected[j].lower) << "round " << round << " word " << j;
      EXPECT_EQ(got[j].begin, expected[j].begin) << "round " << round << " word " << j;
      EXPECT_EQ(got[j].end, expected[j].end) << "round " << round << " word " << j;
    }
  }
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

// The tokenizer as it was before WordScanner (one string per word, folding
// through FoldTable()); the scanner must find exactly the same words.
std::vector<Token> ReferenceTokenize(std::string_view text) {
  auto fold = [](std::string_view word) {
    std::string out;
    for (size_t i = 0; i < word.size();) {
      char32_t cp = NextCodePoint(word, &i);
      if (cp < 0x80) {
        out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
      } else if (auto it = FoldTable().find(cp); it != FoldTable().end()) {
        out += it->second;
      } else {
        AppendUtf8(cp, &out);
      }
    }
    return out;
  };
  auto word_char_at = [&](size_t i, size_t* next, char32_t* cp) {
    *next = i;
    *cp = NextCodePoint(text, next);
    bool valid = !(*cp == 0xFFFD && *next == i + 1 && static_cast<unsigned char>(text[i]) >= 0x80);
    return valid && IsWordChar(*cp);
  };
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i, next;
    char32_t cp;
    bool word = word_char_at(i, &next, &cp);
    i = next;
    if (!word) continue;
    Token token;
    token.begin = start;
    for (;;) {
      AppendUtf8(LowerKeepAccent(cp), &token.lower);
      if (i >= text.size() || !word_char_at(i, &next, &cp)) break;
      i = next;
    }
    token.end = i;
    token.folded = fold(text.substr(start, i - start));
    if (!token.folded.empty()) tokens.push_back(std::move(token));
  }
  return tokens;
}

void ExpectSameWords(std::string_view text) {
  std::vector<Token> expected = ReferenceTokenize(text);
  WordScanner scanner(text);
  size_t n = 0;
  for (; scanner.Next(); ++n) {
    ASSERT_LT(n, expected.size()) << testing::PrintToString(std::string(text));
    const Token& t = expected[n];
    ASSERT_EQ(scanner.folded(), t.folded) << testing::PrintToString(std::string(text));
    ASSERT_EQ(scanner.lower(), t.lower);
    ASSERT_EQ(scanner.accented(), t.lower != t.folded);
    ASSERT_EQ(scanner.begin(), t.begin);
    ASSERT_EQ(scanner.end(), t.end);
  }
  ASSERT_EQ(n, expected.size()) << testing::PrintToString(std::string(text));
}

TEST(WordScannerTest, FindsTheWordsOfTheReferenceTokenizer) {
  ExpectSameWords("Coördinatie van IDEEËN, één reünie; Straße ĲSSELMEER e-mail 24/7");
  ExpectSameWords("coo\xcc\x88rdinatie \xcc\x88\xcc\x88 abc\xff" "def \xc3");
  ExpectSameWords("\xc1\x81" "bc \xed\xa0\x80x \xef\xbf\xbd \xce\xb1\xce\xb2 \xe4\xb8\xad\xe6\x96\x87");
}

TEST(WordScannerTest, MatchesTheReferenceOnRandomText) {
  // Pieces that exercise ASCII, Latin-1 folding, combining marks, other
  // scripts, separators and broken UTF-8.
  const std::string pieces[] = {"a", "Z", "7", " ", "-", "'", "é", "Ë", "ß", "Ĳ", "œ", "\xcc\x88",
                                "α", "Я", "中", "한", "\xe2\x80\x94", "\xff", "\xc3", "\x80",
                                "\xe2\x82", "\xf0\x9f\x98\x80", "\xc1\x81", "×", "Kracht",
                                "a1B", "\t", "."};
  std::mt19937 rng(11);
  WordScanner reused;
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    for (int k = rng() % 12; k > 0; --k) text += pieces[rng() % std::size(pieces)];
    ExpectSameWords(text);
    if (HasFatalFailure()) return;
    // A reused scanner gives the same words as a fresh one.
    reused.Reset(text);
    WordScanner fresh(text);
    while (fresh.Next()) {
      ASSERT_TRUE(reused.Next());
      ASSERT_EQ(reused.folded(), fresh.folded());
      ASSERT_EQ(reused.lower(), fresh.lower());
    }
    ASSERT_FALSE(reused.Next());
  }
}

TEST(WordScannerTest, MatchesTheReferenceOnLongRunsOfEveryByte) {
  // Runs longer than the scanner's 8-byte steps, with every byte value at
  // every position (letters and digits mostly, so words cross the steps).
  std::mt19937 rng(5);
  const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (int k = rng() % 40; k > 0; --k) {
      text += rng() % 4 ? letters[rng() % letters.size()] : static_cast<char>(rng() % 256);
    }
    ExpectSameWords(text);
    if (HasFatalFailure()) return;
  }
  for (int c = 0; c < 256; ++c) {
    for (size_t at = 0; at < 17; ++at) {
      std::string text = "Abcdefghijklmnopq";
      text[at] = static_cast<char>(c);
      ExpectSameWords(text);
      ExpectSameWords(text + "XyZ " + text);
      if (HasFatalFailure()) return;
    }
  }
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
