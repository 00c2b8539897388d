#include "search/term_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>

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
    if (p.page == page) best = std::max<int>(best, p.score);
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

// QuantisedBm25 as first written, with std::lround.
int ReferenceBm25(double tf, double length, double avg_length) {
  if (tf <= 0) return 0;
  double norm = 1 - kBm25B + kBm25B * (avg_length > 0 ? length / avg_length : 1);
  double value = tf * (kBm25K1 + 1) / (tf + kBm25K1 * norm);
  int q = static_cast<int>(std::lround(value / (kBm25K1 + 1) * kMaxScore));
  return std::clamp(q, 1, kMaxScore);
}

TEST(Bm25Test, RoundsLikeLround) {
  for (int tf = 1; tf <= 200; ++tf) {
    for (int length = 1; length <= 3000; length += (length < 100 ? 1 : 7)) {
      for (double avg : {0.0, 1.0, 3.7, 17.25, 41.5, 123.0, 999.9}) {
        ASSERT_EQ(QuantisedBm25(tf, length, avg), ReferenceBm25(tf, length, avg))
            << tf << " " << length << " " << avg;
      }
    }
  }
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

TEST(CompoundTest, AHeadKeepsOnePostingPerSectionWithTheBestScore) {
  Normalizer nl("nl");
  // Page 0: the head and two compounds in one section; "kracht" occurs once
  // there too, so its score is the head's own. Page 1: the head without
  // compounds, and the modifiers as words.
  std::vector<Document> docs = {
      Doc("a/", "x", "y",
          "kracht verzekering zorgverzekering zorgverzekering autoverzekering "
          "autoverzekering autoverzekering autoverzekering autoverzekering"),
      Doc("b/", "x", "y", "verzekering auto zorg"),
  };
  TermIndex index = BuildTermIndex(docs, nl);
  ASSERT_EQ(index.compound_heads.at("zorgverzeker"), "verzeker");
  ASSERT_EQ(index.compound_heads.at("autoverzeker"), "verzeker");
  const auto& head = index.terms.at("verzeker").postings;
  ASSERT_EQ(head.size(), 2u);
  EXPECT_EQ(head[0].page, 0u);
  EXPECT_EQ(head[0].section, 1u);
  EXPECT_EQ(head[1].page, 1u);
  EXPECT_EQ(head[1].section, 1u);
  const uint32_t own = index.terms.at("kracht").postings[0].score;
  const uint32_t zorg = index.terms.at("zorgverzeker").postings[0].score;
  const uint32_t autos = index.terms.at("autoverzeker").postings[0].score;
  EXPECT_LT(zorg, autos);
  EXPECT_GT((autos + 1) / 2, own);  // the compound's half beats the head's own
  EXPECT_EQ(head[0].score, std::max({own, (zorg + 1) / 2, (autos + 1) / 2}));
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

// BuildTermIndex as it was written first (one thread, maps keyed by
// strings): the parallel version must give the same index.
TermIndex ReferenceIndex(const std::vector<Document>& docs, const Normalizer& nl) {
  struct Counts {
    uint32_t page, section;
    int length = 0;
    std::map<std::string, double> tf;
  };
  TermIndex index;
  std::set<std::string> words;
  std::vector<Counts> sections;
  for (uint32_t page = 0; page < docs.size(); ++page) {
    const Document& d = docs[page];
    for (uint32_t s = 0; s < std::max<size_t>(1, d.sections.size()); ++s) {
      Counts c{page, s};
      auto count = [&](std::string_view text, double weight) {
        for (const Token& t : Tokenize(text)) {
          if (nl.IsStopWord(t.folded)) continue;
          words.insert(t.folded);
          std::string term = nl.Term(t.folded);
          c.tf[term] += weight;
          index.terms[term];
          if (t.lower != t.folded) index.terms[term].spellings[t.lower].insert(page);
          ++c.length;
        }
      };
      if (s == 0) {
        count(d.title, kTitleWeight);
        if (d.sections.empty() || d.sections[0].Text().find(d.summary) == std::string::npos)
          count(d.summary, kBodyWeight);
      }
      if (s < d.sections.size()) {
        count(d.sections[s].heading, kHeadingWeight);
        count(d.sections[s].Text(), kBodyWeight);
      }
      sections.push_back(std::move(c));
    }
  }
  index.sections = static_cast<uint32_t>(sections.size());
  double total = 0;
  for (const Counts& c : sections) total += c.length;
  double avg = sections.empty() ? 0 : total / sections.size();
  for (const Counts& c : sections)
    for (const auto& [term, tf] : c.tf)
      index.terms[term].postings.push_back(
          {c.page, c.section, static_cast<uint32_t>(QuantisedBm25(tf, c.length, avg))});
  std::set<std::string> terms;
  for (const auto& [term, entry] : index.terms) terms.insert(term);
  std::map<std::string, std::vector<Posting>> extra;
  for (const std::string& term : terms) {
    std::string head = CompoundHead(term, terms, words);
    if (head.empty()) continue;
    index.compound_heads[term] = head;
    for (Posting p : index.terms[term].postings) {
      p.score = std::max(1, static_cast<int>(std::lround(p.score * kCompoundFactor)));
      extra[head].push_back(p);
    }
  }
  for (auto& [head, postings] : extra) {
    std::map<std::pair<uint32_t, uint32_t>, int> best;
    for (const Posting& p : index.terms[head].postings) best[{p.page, p.section}] = p.score;
    for (const Posting& p : postings) {
      int& b = best[{p.page, p.section}];
      b = std::max<int>(b, p.score);
    }
    index.terms[head].postings.clear();
    for (const auto& [key, score] : best)
      index.terms[head].postings.push_back({key.first, key.second, static_cast<uint32_t>(score)});
  }
  return index;
}

TEST(TermIndexTest, EqualsTheSingleThreadedReferenceOverManyBatches) {
  const std::vector<std::string> vocabulary = {
      "zorg",       "verzekering", "zorgverzekering", "Coördinatie", "coordinatie", "de",
      "het",        "kinderen",    "kind",            "versterkt",   "versterken",  "wijkteam",
      "team",       "wijk",        "IDEEËN",          "ideeen",      "Buurt",       "buurtwerk",
      "werk",       "liep",        "lopen",           "organisaties", "Straße",     "één",
      "mantelzorg", "mantelzorger", "steunpunt",      "wijksteunpunt", "αβγ",       "x"};
  std::mt19937 rng(3);
  auto text = [&](int words) {
    std::string out;
    for (int i = 0; i < words; ++i) out += vocabulary[rng() % vocabulary.size()] + " ";
    return out;
  };
  std::vector<Document> docs;
  std::deque<std::string> bodies;  // lent to sections; a deque keeps them in place
  for (int i = 0; i < 1300; ++i) {  // three batches of the parallel count
    Document d;
    d.url = "p" + std::to_string(100000 + i) + "/";
    d.title = text(1 + rng() % 3);
    d.summary = text(rng() % 4);
    d.type = "begrip";
    if (rng() % 2) d.sections.push_back({"", "", 0, d.summary + " " + text(rng() % 5)});
    for (int s = rng() % 4; s > 0; --s) {
      Section section{text(1), "kop", 2, {}};
      std::string body = text(rng() % 30);
      if (rng() % 2) {
        section.text = body;
      } else {
        section.borrowed_text = bodies.emplace_back(body);
      }
      d.sections.push_back(std::move(section));
    }
    docs.push_back(std::move(d));
  }
  Normalizer nl("nl");
  TermIndex index = BuildTermIndex(docs, nl);
  TermIndex expected = ReferenceIndex(docs, nl);
  EXPECT_EQ(index.sections, expected.sections);
  EXPECT_EQ(index.compound_heads, expected.compound_heads);
  ASSERT_EQ(index.terms.size(), expected.terms.size());
  for (const auto& [term, entry] : expected.terms) {
    auto it = index.terms.find(term);
    ASSERT_NE(it, index.terms.end()) << term;
    EXPECT_EQ(it->second.spellings, entry.spellings) << term;
    ASSERT_EQ(it->second.postings.size(), entry.postings.size()) << term;
    for (size_t i = 0; i < entry.postings.size(); ++i) {
      const Posting &a = it->second.postings[i], &b = entry.postings[i];
      EXPECT_TRUE(a.page == b.page && a.section == b.section && a.score == b.score)
          << term << " posting " << i;
    }
  }
}

TEST(TermIndexTest, BorrowedTextCountsLikeOwnedText) {
  Normalizer nl("nl");
  const std::string body = "De zorgverzekering betaalt de coördinatie.";
  Document owned = Doc("a/", "Zorg", "Kosten", body);
  Document borrowed = Doc("a/", "Zorg", "Kosten", "");
  borrowed.sections[1].borrowed_text = body;
  TermIndex a = BuildTermIndex({owned}, nl), b = BuildTermIndex({borrowed}, nl);
  ASSERT_EQ(a.terms.size(), b.terms.size());
  for (const auto& [term, entry] : a.terms) {
    ASSERT_TRUE(b.terms.count(term)) << term;
    EXPECT_EQ(b.terms.at(term).postings.size(), entry.postings.size()) << term;
    EXPECT_EQ(b.terms.at(term).spellings, entry.spellings) << term;
  }
}

}  // namespace
}  // namespace kapstok::search
