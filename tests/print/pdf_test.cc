#include "print/pdf.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "print_fixture.h"

namespace kapstok::print {
namespace {

TEST(SetPdfDatesTest, ReplacesBothDatesWithoutMovingBytes) {
  std::string pdf =
      "<</Creator (x)\n/CreationDate (D:20261122050036+00'00')\n"
      "/ModDate (D:20261122050037+00'00')>>";
  const size_t size = pdf.size();
  SetPdfDates(&pdf, "19800101000000");
  EXPECT_EQ(pdf,
            "<</Creator (x)\n/CreationDate (D:19800101000000+00'00')\n"
            "/ModDate (D:19800101000000+00'00')>>");
  EXPECT_EQ(pdf.size(), size);
}

TEST(SetPdfDatesTest, LeavesShortOrMissingDatesAlone) {
  std::string pdf = "/CreationDate (D:2026) /Title (x)";
  SetPdfDates(&pdf, "19800101000000");
  EXPECT_EQ(pdf, "/CreationDate (D:2026) /Title (x)");
}

TEST(PdfJobsTest, EveryHandoutAndTheWholeBookWithAnOutline) {
  auto site = LoadCookbook();
  ASSERT_TRUE(site->model) << site->Errors();
  std::vector<PdfJob> jobs = PdfJobs(*site->model);
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].html_path, "recepten/soep/handout/index.html");
  EXPECT_EQ(jobs[0].pdf_path, "handouts/soep.pdf");
  EXPECT_TRUE(jobs[0].outline);
  EXPECT_EQ(jobs[0].max_pages, 3);
  EXPECT_EQ(jobs[1].html_path, "kookboek/index.html");
  EXPECT_EQ(jobs[1].pdf_path, "kookboek.pdf");
  EXPECT_TRUE(jobs[1].outline);
  EXPECT_EQ(jobs[1].max_pages, 0);
  EXPECT_FALSE(jobs[0].contents);
  EXPECT_TRUE(jobs[1].contents);
}

TEST(FillTocPagesTest, NumbersSectionsFromTheirPdfsPageCounts) {
  std::string html =
      "<li>A <span class=\"toc-page\" data-pdf=\"a.pdf\"></span></li>"
      "<li>B <span class=\"toc-page\" data-pdf=\"b.pdf\"></span></li>";
  EXPECT_EQ(FillTocPages(&html, {{"a.pdf", 3}, {"b.pdf", 2}}, 2), 6);
  EXPECT_EQ(html,
            "<li>A <span class=\"toc-page\" data-pdf=\"a.pdf\">2</span></li>"
            "<li>B <span class=\"toc-page\" data-pdf=\"b.pdf\">5</span></li>");
}

TEST(FillTocPagesTest, UnknownCountOrNoContentsLeavesTheHtmlAlone) {
  std::string html = "<span class=\"toc-page\" data-pdf=\"a.pdf\"></span>";
  EXPECT_EQ(FillTocPages(&html, {{"b.pdf", 1}}, 2), 0);
  EXPECT_EQ(html, "<span class=\"toc-page\" data-pdf=\"a.pdf\"></span>");
  std::string plain = "<p>x</p>";
  EXPECT_EQ(FillTocPages(&plain, {}, 2), 0);
  EXPECT_EQ(plain, "<p>x</p>");
}

TEST(CountPdfPagesTest, CountsPageObjectsNotThePageTree) {
  EXPECT_EQ(CountPdfPages("<</Type /Pages /Count 2>> <</Type /Page /Parent 1 0 R>>\n"
                          "<</Type /Page\n/Parent 1 0 R>>"),
            2);
  EXPECT_EQ(CountPdfPages("%PDF-1.4"), 0);
}

TEST(FindChromiumTest, BadOverrideIsNotFound) {
  setenv("KAPSTOK_CHROMIUM", "/nonexistent/chromium", 1);
  std::string path;
  Status s = FindChromium(&path);
  unsetenv("KAPSTOK_CHROMIUM");
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "/nonexistent/chromium: KAPSTOK_CHROMIUM is not an executable");
}

TEST(MakePdfsTest, MissingPrintPageIsAnErrorNotACrash) {
  auto site = LoadCookbook();
  ASSERT_TRUE(site->model) << site->Errors();
  // A stand-in "browser" that always fails, so the test needs no Chromium.
  setenv("KAPSTOK_CHROMIUM", "/bin/false", 1);
  OutputFiles out;
  DiagnosticSink sink;
  Status s = MakePdfs(*site->model, {{"kookboek/index.html", "<p>x</p>"}}, &out, &sink);
  unsetenv("KAPSTOK_CHROMIUM");
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(out.empty());
  std::vector<Diagnostic> d = sink.Sorted();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].location.path, "kookboek/index.html");
  EXPECT_NE(d[0].message.find("Chromium failed (exit status 1)"), std::string::npos) << d[0].message;
  EXPECT_EQ(d[1].message, "recepten/soep/handout/index.html: the print page was not rendered");
}

}  // namespace
}  // namespace kapstok::print
