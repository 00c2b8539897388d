// The Dutch word lists of search normalisation: stop words, exceptions that
// Snowball 2.2 "dutch" gets wrong (irregular plurals, strong verb forms) and
// the data of the -t rule. Lists only; normalize.cc applies them and ships
// them to the browser. Owned by `search`.
#ifndef KAPSTOK_SEARCH_DUTCH_RULES_H_
#define KAPSTOK_SEARCH_DUTCH_RULES_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace kapstok::search {

// Folded stop words (Snowball's Dutch list plus the clitics 's, 't, 'n).
const std::set<std::string, std::less<>>& DutchStopWords();

// Folded word -> the word whose stem it shares ("kinderen" -> "kind",
// "liep" -> "lopen"). Values are stemmed by Snowball, keys are not.
const std::map<std::string, std::string, std::less<>>& DutchExceptions();

// The -t rule (see ApplyDutchTRule in normalize.cc): endings that block it
// ("kracht", "project", "dienst", "student") and words that keep their t (also
// as the last part of a compound).
const std::vector<std::string>& DutchTBlockEndings();
const std::set<std::string, std::less<>>& DutchKeepT();
// Endings that allow the rule although a block ending matches ("steunt").
const std::vector<std::string>& DutchTAllowEndings();

// Words ending in "-ies" or consonant + "es" that are not plurals ("proces",
// "advies"), also as the last part of a compound ("ouderproces").
const std::set<std::string, std::less<>>& DutchKeepS();

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_DUTCH_RULES_H_
