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
