// The Dutch word-form set (word_forms.txt): every group of inflections of
// one handbook word must share one term, and recall over all pairs,
// including the listed known misses, must stay at least 95%.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "search/normalize.h"

namespace kapstok::search {
namespace {

std::string TermOf(const Normalizer& nl, const std::string& form) {
  std::vector<Token> tokens = Tokenize(form);
  return tokens.empty() ? "" : nl.Term(tokens[0].folded);
}

TEST(WordFormsTest, InflectionsShareOneTerm) {
  const char* root = std::getenv("KAPSTOK_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/tests/search/word_forms.txt");
  ASSERT_TRUE(in) << "word_forms.txt not found; set KAPSTOK_SOURCE_DIR";
  Normalizer nl("nl");
  int pairs = 0, conflated = 0, known_misses = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::vector<std::string> forms;
    for (std::string w; words >> w;) forms.push_back(w);
    bool known_miss = forms[0] == "~";
    if (known_miss) forms.erase(forms.begin());
    std::string term = TermOf(nl, forms[0]);
    for (size_t i = 1; i < forms.size(); ++i) {
      ++pairs;
      bool same = TermOf(nl, forms[i]) == term;
      conflated += same;
      if (known_miss) {
        known_misses += !same;
      } else {
        EXPECT_EQ(TermOf(nl, forms[i]), term) << forms[i] << " vs " << forms[0];
      }
    }
  }
  EXPECT_GE(pairs, 200);
  double recall = pairs ? static_cast<double>(conflated) / pairs : 0;
  EXPECT_GE(recall, 0.95) << conflated << " of " << pairs;
  RecordProperty("pairs", pairs);
  RecordProperty("known_misses", known_misses);
  std::cout << "word forms: " << conflated << " of " << pairs << " pairs conflated ("
            << known_misses << " known misses)\n";
}

}  // namespace
}  // namespace kapstok::search
