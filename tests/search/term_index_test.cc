#include "search/term_index.h"

#include <gtest/gtest.h>

namespace kapstok::search {
namespace {

Document Doc(std::string url, std::string title, std::string heading, std::string text) {
  Document d;
  d.url = std::move(url);
  d.title = std::move(title);
  d.type = "begrip";
  d.type_label = "Begrip";
  d.sections.push_back({"", "", 0, ""});
  d.sections.push_back({std::move(heading), "kop", 2, std::move(text)});
  return d;
}

int ScoreOf(const TermIndex& index, const std::string& term, uint32_t page) {
  auto it = index.terms.find(term);
  if (it == index.terms.end()) return 0;
  int best = 0;
  for (const Posting& p : it->second.postings) {
    if (p.page == page) best = std::max(best, p.score);
  }
  return best;
}

TEST(Bm25Test, GrowsWithFrequencyAndShrinksWithLength) {
  EXPECT_LT(QuantisedBm25(1, 10, 10), QuantisedBm25(2, 10, 10));
  EXPECT_GT(QuantisedBm25(1, 5, 10), QuantisedBm25(1, 20, 10));
  EXPECT_EQ(QuantisedBm25(0, 10, 10), 0);
  EXPECT_LE(QuantisedBm25(1000, 1, 10), kMaxScore);
  EXPECT_GE(QuantisedBm25(1, 100000, 10), 1);
}

TEST(TermIndexTest, TitleOutranksHeadingOutranksBody) {
  Normalizer nl("nl");
  std::vector<Document> docs = {
      Doc("a/", "Regie voeren", "Inleiding", "Over het gesprek met bewoners."),
      Doc("b/", "Netwerk", "Regie", "Over het gesprek met bewoners."),
      Doc("c/", "Netwerk", "Inleiding", "Over regie en het gesprek met bewoners."),
  };
  TermIndex index = BuildTermIndex(docs, nl);
  int title = ScoreOf(index, "regie", 0), heading = ScoreOf(index, "regie", 1),
      body = ScoreOf(index, "regie", 2);
  EXPECT_GT(title, heading);
  EXPECT_GT(heading, body);
  EXPECT_GT(body, 0);
}

TEST(TermIndexTest, PostingsAreSortedPerPageAndSection) {
  Normalizer nl("nl");
  TermIndex index = BuildTermIndex({Doc("a/", "Kracht", "Kracht", "kracht"),
                                    Doc("b/", "x", "y", "krachten")},
                                   nl);
  const auto& postings = index.terms.at("kracht").postings;
  ASSERT_EQ(postings.size(), 3u);
  EXPECT_EQ(postings[0].page, 0u);
  EXPECT_EQ(postings[0].section, 0u);
  EXPECT_EQ(postings[1].section, 1u);
  EXPECT_EQ(postings[2].page, 1u);
  EXPECT_EQ(index.sections, 4u);
}

TEST(CompoundTest, FindsTheLongestKnownHead) {
  std::set<std::string> terms = {"verzeker", "zorgverzeker", "zeker"};
  std::set<std::string> words = {"zorg"};
  EXPECT_EQ(CompoundHead("zorgverzeker", terms, words), "verzeker");
  EXPECT_EQ(CompoundHead("verzeker", terms, words), "");  // "ver" is no known word
  EXPECT_EQ(CompoundHead("zorgbeleid", {"zorgbeleid"}, {"zorg"}), "beleid");  // unknown head
  EXPECT_EQ(CompoundHead("zorgteam", {"zorgteam"}, {"zorg"}), "");  // head too short to guess
  EXPECT_EQ(CompoundHead("wijksteunpunt", {"steunpunt"}, {"wijk"}), "steunpunt");  // linking s
}

TEST(CompoundTest, CompoundPagesRankBelowExactPages) {
  Normalizer nl("nl");
  std::vector<Document> docs = {
      Doc("a/", "Zorg", "Kosten", "De zorgverzekering betaalt."),
      Doc("b/", "Geld", "Kosten", "De verzekering betaalt."),
  };
  TermIndex index = BuildTermIndex(docs, nl);
  EXPECT_EQ(index.compound_heads.at("zorgverzeker"), "verzeker");
  int compound = ScoreOf(index, "verzeker", 0), exact = ScoreOf(index, "verzeker", 1);
  EXPECT_GT(compound, 0);
  EXPECT_LT(compound, exact);
}

TEST(TermIndexTest, RecordsAccentedSpellingsPerPage) {
  Normalizer nl("nl");
  TermIndex index = BuildTermIndex(
      {Doc("a/", "x", "y", "coördinatie"), Doc("b/", "x", "y", "coordinatie")}, nl);
  const TermEntry& entry = index.terms.at(nl.Term("coordinatie"));
  ASSERT_EQ(entry.spellings.count("coördinatie"), 1u);
  EXPECT_EQ(entry.spellings.at("coördinatie"), std::set<uint32_t>{0});
  EXPECT_EQ(entry.postings.size(), 2u);
}

TEST(TermIndexTest, StopWordsAreNotIndexed) {
  Normalizer nl("nl");
  TermIndex index = BuildTermIndex({Doc("a/", "De kracht", "", "van het")}, nl);
  EXPECT_EQ(index.terms.count("de"), 0u);
  EXPECT_EQ(index.terms.count("het"), 0u);
  EXPECT_EQ(index.terms.count("kracht"), 1u);
}

}  // namespace
}  // namespace kapstok::search
