// Handouts: a print-first HTML page per page of the configured print type
// (kapstok.yaml `print: {type: ...}`), at "<page url>handout/", and one print
// page for the whole site at "<pdf_name>/" with a table of contents and a
// section per page of that type. What a handout shows comes from the print
// config (text and list fields, related types with summaries, sources, the
// attribution field), never from field names in code. Links print as
// numbered endnotes with absolute URLs, and a QR code holds the online page's
// absolute URL. Returns files; never writes. Owned by the `print` stage.
#ifndef KAPSTOK_PRINT_HANDOUT_H_
#define KAPSTOK_PRINT_HANDOUT_H_

#include <functional>
#include <string>

#include "base/diagnostic.h"
#include "base/output_file.h"
#include "model/site_model.h"
#include "render/theme.h"
#include "template/value.h"

namespace kapstok::print {

struct PrintOptions {
  bool pdf = false;  // PDFs are made too (`build --pdf`): pages link to them
};

// Site-relative locations for a page of the print type.
std::string HandoutUrl(const model::Page& page);     // "kenmerken/x/handout/"
std::string HandoutPdfPath(const model::Page& page);  // "handouts/x.pdf"
// The whole-site print page and its PDF: "handboek/", "handboek.pdf".
std::string HandbookUrl(const config::PrintDef& def);
std::string HandbookPdfPath(const config::PrintDef& def);

// The handout pages and the whole-site print page, sorted by path. Empty when
// the config has no print section or the theme lacks the "handout" template.
// A print page URL that another page already uses is an error in `sink`.
OutputFiles RenderHandouts(const model::SiteModel& model, const render::Theme& theme,
                           const PrintOptions& options, DiagnosticSink* sink);

// For RenderOptions::decorate_page: adds `handout_url` and `handbook_url`
// (and with options.pdf `pdf_url` and `handbook_pdf_url`) to the page view of
// every page of the print type. The returned
// function reads `model`, which must outlive it.
std::function<void(const model::Page&, tmpl::Value*)> PageDecorator(
    const model::SiteModel& model, const PrintOptions& options);

// `text` up to the end of its first sentence (". ", "! " or "? " before a
// capital or digit, or the end), at most about `max_chars` bytes, cut at a
// space with "…" when longer.
std::string FirstSentence(std::string_view text, size_t max_chars = 220);

// A CSS string literal ("...") holding `text`: quotes, backslashes, '<' and
// line breaks escaped, so it is safe inside <style>.
std::string CssString(std::string_view text);

// The CSS `content` value for a "page {page} of {pages}" pattern:
// "pagina {page} van {pages}" -> "pagina " counter(page) " van " counter(pages).
std::string CssPageCounter(std::string_view pattern);

}  // namespace kapstok::print

#endif  // KAPSTOK_PRINT_HANDOUT_H_
