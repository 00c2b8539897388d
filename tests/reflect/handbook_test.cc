// The reflection data of the real handbook: every statement of every
// kenmerk, read independently from the content files' front matter, appears
// exactly once and in order, in the data, the questionnaire and the no-JS
// list of the generated page.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "reflect/reflect_page.h"
#include "reflect/reflection.h"
#include "testing.h"

namespace kapstok::reflect {
namespace {

using test_util::LoadedSite;
using test_util::LoadSite;
using test_util::SourceDir;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// The kenmerken as the files say, ordered by `volgorde`: id -> statements.
std::vector<std::pair<std::string, std::vector<std::string>>> KenmerkenFromFiles() {
  std::vector<DirEntry> entries;
  const std::string dir = JoinPath(SourceDir(), "content/kenmerken");
  EXPECT_TRUE(RealFileSystem().ListTree(dir, &entries).ok());
  std::map<int64_t, std::pair<std::string, std::vector<std::string>>> by_order;
  for (const DirEntry& e : entries) {
    if (e.path.front() == '_' || e.path.size() < 4 || e.path.substr(e.path.size() - 3) != ".md")
      continue;
    std::string text;
    EXPECT_TRUE(RealFileSystem().ReadFile(JoinPath(dir, e.path), &text).ok());
    size_t end = text.find("\n---", 4);
    YAML::Node front = YAML::Load(text.substr(4, end - 4));
    std::vector<std::string> items;
    for (const auto& item : front["professional_doet"]) items.push_back(item.as<std::string>());
    by_order[front["volgorde"].as<int64_t>()] = {e.path.substr(0, e.path.size() - 3), items};
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (auto& [order, k] : by_order) out.push_back(k);
  return out;
}

class HandbookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    site_ = LoadSite(RealFileSystem(), SourceDir(), RealFileSystem(), SourceDir()).release();
  }
  static void TearDownTestSuite() { delete site_; }
  void SetUp() override {
    ASSERT_TRUE(site_->model) << site_->Errors();
    ASSERT_FALSE(site_->sink.has_errors()) << site_->Errors();
    ASSERT_TRUE(site_->config->reflection);
  }
  static LoadedSite* site_;
};
LoadedSite* HandbookTest::site_ = nullptr;

TEST_F(HandbookTest, EveryStatementOfEveryKenmerkAppearsOnceInOrder) {
  auto expected = KenmerkenFromFiles();
  ASSERT_EQ(expected.size(), 5u);
  Reflection r = BuildReflection(*site_->model);
  ASSERT_EQ(r.subjects.size(), expected.size());
  size_t total = 0;
  for (size_t k = 0; k < expected.size(); ++k) {
    const Subject& s = r.subjects[k];
    EXPECT_EQ(s.page->id(), expected[k].first);
    std::vector<std::string> texts;
    for (const Statement& st : s.statements) texts.push_back(st.text);
    EXPECT_EQ(texts, expected[k].second) << s.page->id();
    total += texts.size();
  }
  EXPECT_EQ(r.statement_count, total);
  EXPECT_GT(total, 30u);
}

TEST_F(HandbookTest, StatementIdsAreUniqueAndStable) {
  Reflection r = BuildReflection(*site_->model);
  std::set<std::string> ids;
  for (const Subject& s : r.subjects)
    for (const Statement& st : s.statements) {
      EXPECT_TRUE(ids.insert(st.id).second) << st.id;
      EXPECT_EQ(st.id, StatementId(s.page->id(), st.text));
      EXPECT_TRUE(std::regex_match(st.id, std::regex("[a-z0-9-]+-[0-9a-f]{8}"))) << st.id;
    }
}

TEST_F(HandbookTest, PageListsEachStatementOnceAsQuestionAndOnceAsText) {
  OutputFiles files = RenderReflection(*site_->model, *site_->theme);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "reflectie/index.html");
  const std::string& html = files[0].bytes;
  Reflection r = BuildReflection(*site_->model);
  size_t last_question = 0, last_item = 0;
  for (const Subject& s : r.subjects) {
    for (const Statement& st : s.statements) {
      std::string question = "<fieldset class=\"reflect__question\" data-statement=\"" + st.id + "\">";
      std::string item = "<li data-statement=\"" + st.id + "\">" + st.html + "</li>";
      EXPECT_EQ(Count(html, question), 1u) << st.text;
      EXPECT_EQ(Count(html, item), 1u) << st.text;
      // In order: each after the previous one.
      size_t q = html.find(question), i = html.find(item);
      EXPECT_GT(q, last_question);
      EXPECT_GT(i, last_item);
      last_question = q;
      last_item = i;
      // Five scale answers and n.v.t. as real radio buttons of one group.
      EXPECT_EQ(Count(html, "name=\"" + st.id + "\""), 6u) << st.text;
    }
  }
  EXPECT_EQ(Count(html, "<legend>"), r.statement_count);
  EXPECT_EQ(Count(html, "type=\"radio\""), r.statement_count * 6);
}

TEST_F(HandbookTest, EmbeddedDataMatchesTheContent) {
  OutputFiles files = RenderReflection(*site_->model, *site_->theme);
  ASSERT_EQ(files.size(), 1u);
  const std::string& html = files[0].bytes;
  const std::string open = "<script type=\"application/json\" id=\"reflect-data\">";
  size_t begin = html.find(open);
  ASSERT_NE(begin, std::string::npos);
  begin += open.size();
  size_t end = html.find("</script>", begin);
  nlohmann::json data = nlohmann::json::parse(html.substr(begin, end - begin));
  auto expected = KenmerkenFromFiles();
  ASSERT_EQ(data["subjects"].size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    const auto& subject = data["subjects"][k];
    EXPECT_EQ(subject["id"], expected[k].first);
    EXPECT_EQ(subject["url"], "../kenmerken/" + expected[k].first + "/");
    ASSERT_EQ(subject["statements"].size(), expected[k].second.size());
    for (size_t i = 0; i < expected[k].second.size(); ++i)
      EXPECT_EQ(subject["statements"][i]["text"], expected[k].second[i]);
  }
  EXPECT_EQ(data["scale"], nlohmann::json({"Nooit", "Soms", "Regelmatig", "Vaak", "Altijd"}));
  EXPECT_EQ(data["not_applicable"], "n.v.t.");
  EXPECT_EQ(data["storage_key"], "kapstok-reflectie:https://kapstok.github.io/handboek/reflectie");
  EXPECT_EQ(data["strings"]["next"], "Volgende");
}

// Every suggested page relates to its kenmerk, and every competentie,
// praktijkvoorbeeld and interventie that names the kenmerk is suggested.
TEST_F(HandbookTest, RelatedPagesAreExactlyThePagesThatNameTheKenmerk) {
  Reflection r = BuildReflection(*site_->model);
  const model::SiteModel& m = *site_->model;
  for (const Subject& s : r.subjects) {
    std::map<std::string, std::vector<const model::Page*>> got;
    for (const RelatedGroup& g : s.related) got[g.type->id] = g.pages;
    for (const std::string type : {"competentie", "praktijkvoorbeeld", "interventie"}) {
      std::vector<const model::Page*> want;
      for (const model::Page* p : m.PagesOfType(type))
        for (const model::ResolvedRelation& rr : p->relations)
          if (std::count(rr.targets.begin(), rr.targets.end(), s.page)) want.push_back(p);
      EXPECT_EQ(got[type], want) << s.page->id() << " " << type;
    }
    EXPECT_FALSE(s.related.empty()) << s.page->id();
  }
}

TEST_F(HandbookTest, RendersTheSameBytesTwice) {
  OutputFiles a = RenderReflection(*site_->model, *site_->theme);
  OutputFiles b = RenderReflection(*site_->model, *site_->theme);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].bytes, b[0].bytes);
}

}  // namespace
}  // namespace kapstok::reflect
