// PDFs for `kapstok build --pdf`: the handouts and the whole-site print page
// printed by headless Chromium (Debian's `chromium`, installed by
// scripts/install-deps.sh pdf). The site's files are written to a temporary
// folder, each print page is printed from there with --print-to-pdf (A4 and
// margins come from the page's @page CSS; the whole-site PDF also gets an
// outline from its headings), and the PDF bytes come back as OutputFiles, so
// the output stage writes them with the rest of the site. The creation and
// modification dates in each PDF are set to SOURCE_DATE_EPOCH (or 1980-01-01)
// so the bytes do not change from run to run. Only `build --pdf` needs
// Chromium. Owned by the `print` stage.
#ifndef KAPSTOK_PRINT_PDF_H_
#define KAPSTOK_PRINT_PDF_H_

#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/output_file.h"
#include "base/status.h"
#include "model/site_model.h"

namespace kapstok::print {

struct PdfJob {
  std::string html_path;  // site-relative, "kenmerken/x/handout/index.html"
  std::string pdf_path;   // site-relative, "handouts/x.pdf"
  bool outline = true;    // write a document outline (bookmarks) from the headings
  int max_pages = 0;      // warn when the PDF has more pages; 0: no limit
  // The whole-site page: printed after the others, its table of contents
  // gets the page numbers that their page counts give (see FillTocPages).
  bool contents = false;
};

// The handouts of the print type and the whole-site print page, in site order.
std::vector<PdfJob> PdfJobs(const model::SiteModel& model);

// The Chromium to run: $KAPSTOK_CHROMIUM, or the first of chromium,
// chromium-browser, google-chrome on PATH. NotFound (with how to install it)
// when there is none.
Status FindChromium(std::string* path);

// Prints `html_file` (an absolute path) to `pdf_file` with `chromium`, using
// `profile_dir` as its throw-away profile. Fails with Chromium's last output
// lines when it exits non-zero, writes no PDF, or runs past `timeout_seconds`
// (then it is killed).
Status PrintToPdf(const std::string& chromium, const std::string& html_file,
                  const std::string& pdf_file, const std::string& profile_dir, bool outline,
                  int timeout_seconds = 120);

// The number of pages of a PDF as Chromium writes it (its "/Type /Page"
// objects are not compressed), or 0 when there are none.
int CountPdfPages(const std::string& pdf);

// Fills each `<span class="toc-page" data-pdf="P"></span>` in `html` with
// the page where the section of PDF P starts, the first starting at
// `first_page` and each following the previous one's `pages.at(P)` pages
// (sections start on a new page and print as their own PDF does). Returns the
// page count the whole document should then have, or 0 (and leaves `html`
// as it was) when there is no such span or a P has no count.
int FillTocPages(std::string* html, const std::map<std::string, int>& pages, int first_page);

// Sets every /CreationDate and /ModDate in `pdf` to `date` ("YYYYMMDDHHMMSS",
// 14 digits), in place and without changing any byte offset.
void SetPdfDates(std::string* pdf, const std::string& date);

// Prints every job of PdfJobs(model) from `site_files` and appends the PDFs
// to `out`. The whole-site page gets page numbers in its table of contents
// when its printed page count confirms them, else it is printed without. A job whose HTML is missing, and every Chromium failure, is an
// error in `sink`; a handout longer than print.max_pages is a warning; returns a non-OK Status only when nothing could be tried
// (no Chromium, no temporary folder).
Status MakePdfs(const model::SiteModel& model, const OutputFiles& site_files, OutputFiles* out,
                DiagnosticSink* sink);

}  // namespace kapstok::print

#endif  // KAPSTOK_PRINT_PDF_H_
