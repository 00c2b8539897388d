// Content tests for the Handboek Maatschappelijke Ondersteuning: the real
// content/ builds with no errors and no warnings, the counts match the seed
// documents in ../shared/seeds, the kenmerken's titles and list items are the
// Handreiking's words, and every kenmerk and its competenties, practice
// examples and interventions link to each other in the built site.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "base/text.h"
#include "config/config.h"
#include "content/loader.h"
#include "model/site_model.h"
#include "pipeline/build.h"
#include "testing.h"

namespace kapstok {
namespace {

using test_util::SourceDir;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Collapses whitespace and drops soft hyphen breaks, for word-for-word checks
// against PDF-extracted text.
std::string Squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

class HandbookTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = SourceDir();
    DiagnosticSink sink;
    std::string text = ReadFile(dir + "/kapstok.yaml");
    config_ = new config::SiteConfig(*config::ParseConfig(text, "kapstok.yaml", &sink));
    content::LoadedContent loaded =
        content::LoadContent(RealFileSystem(), dir + "/content", *config_, {}, &sink);
    model_ = model::BuildModel(std::move(loaded), *config_, &sink).release();
    pipeline::BuildOptions options;
    options.project_dir = dir;
    options.write = false;
    build_sink_ = new DiagnosticSink;
    result_ = new pipeline::BuildResult(pipeline::Build(RealFileSystem(), options, build_sink_));
    for (const OutputFile& f : result_->output) files_[f.path] = &f;
  }
  static std::string Seed(const std::string& name) {
    return ReadFile(SourceDir() + "/../shared/seeds/" + name);
  }
  static const OutputFile* File(const std::string& path) {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : it->second;
  }
  // The site-relative targets of the <a href>s inside `html`, seen from `url`.
  static std::set<std::string> Links(const std::string& url, const std::string& html) {
    std::set<std::string> out;
    std::regex href("href=\"([^\"#:?]*)[^\"]*\"");
    for (std::sregex_iterator it(html.begin(), html.end(), href), end; it != end; ++it) {
      std::string p = std::filesystem::path(url + std::string((*it)[1]))
                          .lexically_normal().generic_string();
      if (p == ".") p = "";
      out.insert(p);
    }
    return out;
  }

  static config::SiteConfig* config_;
  static model::SiteModel* model_;
  static DiagnosticSink* build_sink_;
  static pipeline::BuildResult* result_;
  static std::map<std::string, const OutputFile*> files_;
};

config::SiteConfig* HandbookTest::config_;
model::SiteModel* HandbookTest::model_;
DiagnosticSink* HandbookTest::build_sink_;
pipeline::BuildResult* HandbookTest::result_;
std::map<std::string, const OutputFile*> HandbookTest::files_;

TEST_F(HandbookTest, BuildsWithoutErrorsOrWarnings) {
  std::string printed;
  for (const Diagnostic& d : build_sink_->Sorted()) printed += FormatHuman(d);
  EXPECT_EQ(printed, "");
  EXPECT_TRUE(result_->status.ok()) << result_->status.message();
  EXPECT_GT(result_->output.size(), 100u);
}

TEST_F(HandbookTest, HasTheCountsOfTheSeeds) {
  EXPECT_EQ(model_->PagesOfType("kenmerk").size(), 5u);
  EXPECT_EQ(model_->PagesOfType("competentie").size(), 10u);
  EXPECT_EQ(model_->PagesOfType("leefgebied").size(), 7u);
  // Every entry of both source lists is a bron page: the Handreiking's
  // "Bronnen" bullets and the Rotterdam report's "Bijlage 1 - Bronnen".
  std::string handreiking = Seed("003_0f149abb8c4acaa7.txt");
  size_t from = handreiking.rfind("\nBronnen\n");
  ASSERT_NE(from, std::string::npos);
  int handreiking_sources = 0;
  std::istringstream h(handreiking.substr(from));
  for (std::string line; std::getline(h, line);)
    if (StartsWith(line, "- * ")) ++handreiking_sources;
  std::string rotterdam = Seed("000_74c6b6b108c4b0f0.txt");
  size_t b1 = rotterdam.find("## Bijlage 1 - Bronnen");
  size_t b2 = rotterdam.find("## Bijlage 2");
  ASSERT_NE(b1, std::string::npos);
  int leerkring_sources = 0;
  std::istringstream r(rotterdam.substr(b1, b2 - b1));
  for (std::string line; std::getline(r, line);)
    if (StartsWith(line, "- ")) ++leerkring_sources;
  int in_handreiking = 0, in_leerkring = 0;
  for (const model::Page* p : model_->PagesOfType("bron")) {
    auto it = p->src.fields.find("lijst");
    if (it == p->src.fields.end()) continue;
    if (it->second.text == "handreiking" || it->second.text == "beide") ++in_handreiking;
    if (it->second.text == "leerkring" || it->second.text == "beide") ++in_leerkring;
  }
  EXPECT_EQ(handreiking_sources, 11);
  EXPECT_EQ(leerkring_sources, 20);
  EXPECT_EQ(in_handreiking, handreiking_sources);
  EXPECT_EQ(in_leerkring, leerkring_sources);
}

TEST_F(HandbookTest, KenmerkTitlesAndListItemsAreTheHandreikingsWords) {
  std::string seed = Squash(Seed("003_0f149abb8c4acaa7.txt"));
  for (const model::Page* k : model_->PagesOfType("kenmerk")) {
    EXPECT_NE(seed.find(k->title()), std::string::npos) << k->title();
    int items = 0;
    for (const char* field : {"professional_doet", "burger_vindt", "organisatie_biedt"}) {
      auto it = k->src.fields.find(field);
      ASSERT_NE(it, k->src.fields.end()) << k->id() << " has no " << field;
      for (const std::string& item : it->second.items) {
        ++items;
        EXPECT_NE(seed.find(Squash(item)), std::string::npos)
            << k->id() << "." << field << ": '" << item << "' is not in the Handreiking";
      }
    }
    EXPECT_GE(items, 15) << k->id();
  }
  for (const model::Page* c : model_->PagesOfType("competentie"))
    EXPECT_NE(seed.find(c->title()), std::string::npos) << c->title();
}

TEST_F(HandbookTest, EveryKenmerkLinksItsRelatedPagesAndTheyLinkBack) {
  for (const model::Page* k : model_->PagesOfType("kenmerk")) {
    std::map<std::string, std::vector<const model::Page*>> related;
    for (const model::Backlinks& b : k->backlinks)
      for (const model::Page* p : b.pages) related[b.source_type->id].push_back(p);
    EXPECT_EQ(related["competentie"].size(), 2u) << k->id();
    EXPECT_GE(related["praktijkvoorbeeld"].size(), 2u) << k->id();
    EXPECT_GE(related["interventie"].size(), 2u) << k->id();
    const OutputFile* page = File(k->url + "index.html");
    ASSERT_NE(page, nullptr) << k->url;
    std::set<std::string> links = Links(k->url, page->bytes);
    for (const auto& [type, pages] : related) {
      for (const model::Page* p : pages) {
        EXPECT_TRUE(links.count(p->url))
            << k->url << " does not link " << p->url;
        ASSERT_NE(File(p->url + "index.html"), nullptr) << p->url;
        std::set<std::string> back = Links(p->url, File(p->url + "index.html")->bytes);
        EXPECT_TRUE(back.count(k->url))
            << p->url << " does not link back to " << k->url;
      }
    }
  }
}

}  // namespace
}  // namespace kapstok
