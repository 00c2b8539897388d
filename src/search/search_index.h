// The search stage: turns the pages of the site into a static search index
// that the browser client (themes/default/assets/search.js) loads on demand
// as classic scripts, so it works over http(s) and from file://. Documents
// are split per heading; terms are Dutch-normalised (normalize.h), scored
// with BM25 and field weights at build time, and written in chunks sorted by
// term. Owned by `search`; depends only on `base`.
//
// Files (all under "search/"; each is `__kapstokSearch.add("<name>",{...});`):
//   manifest.js   normalisation tables, chunk boundaries, facets, counts
//   c/NNN.js      term chunks: [term, postings, {spelling: pages}] sorted by term
//   d/NNN.js      documents (url, title, type, summary, sections), in url order
//   f.js          facet membership of every page (bit sets)
#ifndef KAPSTOK_SEARCH_SEARCH_INDEX_H_
#define KAPSTOK_SEARCH_SEARCH_INDEX_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/output_file.h"

namespace kapstok::search {

struct Section {            // a page is split per heading
  std::string heading;      // "" for the text before the first heading
  std::string anchor;       // heading id on the page ("" for the top)
  int level = 0;            // 2..6 (0 for the top part)
  std::string text;         // plain text, no markup
  // Used instead of an empty `text`: plain text owned by the caller, which
  // keeps it alive until BuildIndex returns (the pipeline lends the model's
  // body text rather than copying it).
  std::string_view borrowed_text;

  std::string_view Text() const { return text.empty() ? borrowed_text : std::string_view(text); }
};

struct Document {
  std::string url;          // site-relative, e.g. "kenmerken/eigen-kracht-versterken/"
  std::string title;
  std::string type;         // type id, e.g. "kenmerk"
  std::string type_label;   // e.g. "Kwaliteitskenmerk"
  std::string summary;      // plain text, may be empty
  std::vector<Section> sections;
  // Facet name -> values, e.g. {"Leefgebied": {"Wonen", "Werk en inkomen"}}.
  std::map<std::string, std::vector<std::string>> facets;
};

struct Options {
  std::string language = "nl";   // "nl": Dutch rules; anything else: folding only
  // Tuning (the defaults meet the size targets at 10,000 pages; see
  // bench/README.md): raw bytes of terms+postings per chunk file, and how
  // many documents share a document file.
  size_t chunk_bytes = 16 * 1024;
  int documents_per_file = 1;
  // When set, every document file (d/NNN.js) is handed to `emit_document`
  // as soon as it is made, from any thread (concurrently, in no particular
  // order), and BuildIndex returns it with its path but without its bytes,
  // so the documents are never all in memory at once. The OutputFile lives
  // only during the call.
  std::function<void(const OutputFile&)> emit_document;
};

// Returns the index files, paths relative to the site root, all under
// "search/". Deterministic: the same documents give the same bytes.
// Documents should arrive sorted by url (their order is their id). Never
// fails: invalid UTF-8 is replaced, empty input gives a valid empty index.
// With options.emit_document, the document files come back empty (see
// Options); every other file is returned whole.
OutputFiles BuildIndex(const std::vector<Document>& docs, const Options& options);

}  // namespace kapstok::search

#endif  // KAPSTOK_SEARCH_SEARCH_INDEX_H_
