#include "print/handout.h"

#include <gtest/gtest.h>

#include "print_fixture.h"

namespace kapstok::print {
namespace {

const OutputFile* Find(const OutputFiles& files, const std::string& path) {
  for (const OutputFile& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// The part of a page between <main and </main>: what prints.
std::string Main(const std::string& html) {
  size_t a = html.find("<main"), b = html.find("</main>");
  return a == std::string::npos || b == std::string::npos ? "" : html.substr(a, b - a);
}

class HandoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_ = LoadCookbook();
    ASSERT_TRUE(site_->model && site_->theme) << site_->Errors();
    ASSERT_FALSE(site_->sink.has_errors()) << site_->Errors();
    files_ = RenderHandouts(*site_->model, *site_->theme, {}, &site_->sink);
    ASSERT_FALSE(site_->sink.has_errors()) << site_->Errors();
    const OutputFile* f = Find(files_, "recepten/soep/handout/index.html");
    ASSERT_NE(f, nullptr);
    html_ = f->bytes;
    main_ = Main(html_);
  }
  std::unique_ptr<CookbookSite> site_;
  OutputFiles files_;
  std::string html_, main_;
};

TEST_F(HandoutTest, OneHandoutPerPageOfThePrintTypeAndTheWholeBook) {
  ASSERT_EQ(files_.size(), 2u);
  EXPECT_EQ(files_[0].path, "kookboek/index.html");
  EXPECT_EQ(files_[1].path, "recepten/soep/handout/index.html");
}

TEST_F(HandoutTest, ShowsTitleSummaryAndTheConfiguredFieldsOnly) {
  EXPECT_NE(main_.find("<h1 class=\"handout-title\">Soep</h1>"), std::string::npos) << main_;
  EXPECT_NE(main_.find("Warme soep. Lekker in de winter."), std::string::npos);
  EXPECT_NE(main_.find("<h2>Bereiding</h2>"), std::string::npos);
  EXPECT_NE(main_.find("<li>Snij de ui</li>"), std::string::npos);
  EXPECT_NE(main_.find("<li>Kook 10 minuten</li>"), std::string::npos);
  EXPECT_EQ(main_.find("Niet printen"), std::string::npos) << "geheim is not in print.fields";
  EXPECT_NE(main_.find("© Oma"), std::string::npos) << "the attribution field";
}

TEST_F(HandoutTest, RelatedPagesWithFirstSentenceOfTheirSummary) {
  EXPECT_NE(main_.find("<h2>Ingrediënten</h2>"), std::string::npos) << main_;
  EXPECT_NE(main_.find(">Ui</a>"), std::string::npos);
  EXPECT_NE(main_.find("Een ui is een bol."), std::string::npos);
  EXPECT_EQ(main_.find("huilen"), std::string::npos);
}

TEST_F(HandoutTest, CitedSourcesAreListed) {
  EXPECT_NE(main_.find(">Oma, 1950</a>"), std::string::npos) << main_;
  EXPECT_NE(main_.find("Het kookboek"), std::string::npos);
}

TEST_F(HandoutTest, EveryLinkIsAbsoluteWithAnEndnote) {
  EXPECT_EQ(main_.find("href=\"../"), std::string::npos) << main_;
  EXPECT_EQ(Count(main_, "<a href=\"https://example.org/kook/ingredienten/ui/\">"), 2u);
  // The ui page is linked twice (text and related list) and gets one number.
  EXPECT_EQ(Count(main_, "<sup class=\"endnote-ref\">1</sup>"), 2u);
  EXPECT_NE(main_.find("<li>https://example.org/kook/ingredienten/ui/</li>"), std::string::npos);
  EXPECT_NE(main_.find("<li>https://example.org/kook/bronnen/boek/</li>"), std::string::npos);
  EXPECT_EQ(Count(main_, "<sup class=\"endnote-ref\">"), Count(main_, "<a href=\"http"));
}

TEST_F(HandoutTest, QrCodeHoldsTheOnlineAddress) {
  EXPECT_NE(main_.find("<svg class=\"qr\""), std::string::npos);
  EXPECT_NE(main_.find("role=\"img\" aria-label=\"QR-code met het webadres van de online "
                       "pagina: https://example.org/kook/recepten/soep/\""),
            std::string::npos)
      << main_;
  // The printed address wraps only between its parts.
  EXPECT_NE(main_.find("https://example.org/<wbr>kook/<wbr>recepten/<wbr>soep/</span>"),
            std::string::npos);
}

TEST_F(HandoutTest, RunningHeaderAndPageCounterAreCssStrings) {
  EXPECT_NE(html_.find("@top-left { content: \"Kookboek \\\"Oma\\\"\"; }"), std::string::npos)
      << html_;
  EXPECT_NE(html_.find("@top-right { content: \"Soep\"; }"), std::string::npos);
  EXPECT_NE(html_.find("content: \"pagina \" counter(page) \" van \" counter(pages);"),
            std::string::npos);
}

TEST_F(HandoutTest, CanonicalIsTheOnlinePage) {
  EXPECT_NE(html_.find("<link rel=\"canonical\" href=\"https://example.org/kook/recepten/soep/\">"),
            std::string::npos);
}

TEST_F(HandoutTest, NoScreenChrome) {
  EXPECT_EQ(html_.find("<nav"), std::string::npos);
  EXPECT_EQ(html_.find("<script"), std::string::npos);
  EXPECT_EQ(html_.find("search"), std::string::npos);
  EXPECT_NE(html_.find("assets/handout.css"), std::string::npos);
}

TEST_F(HandoutTest, WholeBookHasContentsAndOneSectionPerPage) {
  const std::string book = Find(files_, "kookboek/index.html")->bytes;
  EXPECT_NE(book.find("<a href=\"#print-soep\">Soep</a>"), std::string::npos) << book;
  EXPECT_NE(book.find("id=\"print-soep\""), std::string::npos);
  EXPECT_NE(book.find("<h2 class=\"handout-title\">Soep</h2>"), std::string::npos);
  EXPECT_NE(book.find("<h3>Bereiding</h3>"), std::string::npos);
  EXPECT_NE(book.find("@page section-1 { @top-right { content: \"Soep\"; } }"), std::string::npos);
}

TEST_F(HandoutTest, RenderingIsDeterministic) {
  OutputFiles again = RenderHandouts(*site_->model, *site_->theme, {}, &site_->sink);
  ASSERT_EQ(again.size(), files_.size());
  for (size_t i = 0; i < again.size(); ++i) EXPECT_EQ(again[i].bytes, files_[i].bytes);
}

TEST_F(HandoutTest, DecoratorLinksPagesOfThePrintTypeOnly) {
  const model::Page* soep = site_->model->Find("recept", "soep");
  const model::Page* ui = site_->model->Find("ingredient", "ui");
  ASSERT_TRUE(soep && ui);
  tmpl::Value a, b, c;
  PageDecorator(*site_->model, {})(*soep, &a);
  ASSERT_NE(a.Find("handout_url"), nullptr);
  EXPECT_EQ(a.Find("handout_url")->as_string(), "recepten/soep/handout/");
  EXPECT_EQ(a.Find("handbook_url")->as_string(), "kookboek/");
  EXPECT_EQ(a.Find("pdf_url"), nullptr);
  PageDecorator(*site_->model, {.pdf = true})(*soep, &b);
  EXPECT_EQ(b.Find("pdf_url")->as_string(), "handouts/soep.pdf");
  EXPECT_EQ(b.Find("handbook_pdf_url")->as_string(), "kookboek.pdf");
  PageDecorator(*site_->model, {.pdf = true})(*ui, &c);
  EXPECT_EQ(c.Find("handout_url"), nullptr);
}

TEST(HandoutConfigTest, PrintPageUrlThatAnotherPageUsesIsAnError) {
  std::string config = kCookbookConfig;
  config.replace(config.find("pdf_name: kookboek"), 18, "pdf_name: recepten");
  auto site = LoadCookbook(config);
  ASSERT_TRUE(site->model) << site->Errors();
  RenderHandouts(*site->model, *site->theme, {}, &site->sink);
  EXPECT_EQ(site->Errors(),
            "kapstok.yaml: error: print pdf_name 'recepten' would replace the page at recepten/; "
            "choose another pdf_name\n");
}

TEST(HandoutConfigTest, UnknownPrintFieldIsReportedWithASuggestion) {
  std::string config = kCookbookConfig;
  config.replace(config.find("fields: [bereiding"), 18, "fields: [bereidng");
  DiagnosticSink sink;
  EXPECT_FALSE(config::ParseConfig(config, "kapstok.yaml", &sink));
  ASSERT_EQ(sink.Sorted().size(), 1u);
  EXPECT_EQ(sink.Sorted()[0].message, "print field 'bereidng' is not a field of type 'recept'");
  EXPECT_EQ(sink.Sorted()[0].location.line, 36);
  EXPECT_EQ(sink.Sorted()[0].hint, "did you mean 'bereiding'?");
}

TEST(HandoutConfigTest, PrintTypeMustExist) {
  std::string config = kCookbookConfig;
  config.replace(config.find("type: recept\n  pdf"), 12, "type: recpet");
  DiagnosticSink sink;
  EXPECT_FALSE(config::ParseConfig(config, "kapstok.yaml", &sink));
  ASSERT_EQ(sink.Sorted().size(), 1u);
  EXPECT_EQ(sink.Sorted()[0].message, "print.type names unknown type 'recpet'");
}

TEST(FirstSentenceTest, StopsAtTheFirstSentenceEnd) {
  EXPECT_EQ(FirstSentence("Een. Twee."), "Een.");
  EXPECT_EQ(FirstSentence("  Wat nu? Dit."), "Wat nu?");
  EXPECT_EQ(FirstSentence("Zie o.a. de wet. Daarna."), "Zie o.a. de wet.");
  EXPECT_EQ(FirstSentence("Geen punt"), "Geen punt");
  EXPECT_EQ(FirstSentence("Het jaar 2013. 2014 kwam daarna."), "Het jaar 2013.");
}

TEST(FirstSentenceTest, LongSentencesAreCutAtAWord) {
  EXPECT_EQ(FirstSentence("aaaa bbbb, cccc dddd", 12), "aaaa bbbb…");
  EXPECT_EQ(FirstSentence("ëëëëëëëëëë", 5), "ëë…");
}

TEST(CssTest, StringsAreEscapedForAStyleElement) {
  EXPECT_EQ(CssString("Soep"), "\"Soep\"");
  EXPECT_EQ(CssString("a\"b\\c</style>\nd"), "\"a\\\"b\\\\c\\3c /style>\\a d\"");
}

TEST(CssTest, PageCounterPattern) {
  EXPECT_EQ(CssPageCounter("pagina {page} van {pages}"),
            "\"pagina \" counter(page) \" van \" counter(pages)");
  EXPECT_EQ(CssPageCounter("{page}/{pages}"), "counter(page) \"/\" counter(pages)");
  EXPECT_EQ(CssPageCounter(""), "counter(page)");
}

}  // namespace
}  // namespace kapstok::print
