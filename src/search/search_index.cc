// Serialisation of the index into classic-script files (see search_index.h
// for the file list). Numbers inside postings are written as base-64
// varints: each character carries 5 bits and a continuation bit, in the
// alphabet A-Z a-z 0-9 - _ (no escaping needed inside a JS string).
#include "search/search_index.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>
#include <nlohmann/json.hpp>

#include "base/parallel.h"
#include "search/json_writer.h"
#include "search/normalize.h"
#include "search/term_index.h"

namespace kapstok::search {
namespace {

using Json = nlohmann::json;

constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Writes the digits of `v` at `p` (at most 7 for 32 bits); returns their end.
char* PutVarint(uint32_t v, char* p) {
  while (v >= 32) {
    *p++ = kDigits[(v & 31) | 32];
    v >>= 5;
  }
  *p++ = kDigits[v];
  return p;
}

void AppendVarint(uint32_t v, std::string* out) {
  char buf[8];
  out->append(buf, PutVarint(v, buf) - buf);
}

// (page delta, section, score) triples, appended as a JSON string (the
// digits need no escaping). They are written in place into `scratch`, which
// grows to the most a posting can take (7 + 7 + 1 digits), then appended
// (so `out` grows only by what was written). Returns the number of digits.
size_t AppendPostings(const std::vector<Posting>& postings, std::string* scratch,
                      std::string* out) {
  if (scratch->size() < 15 * postings.size() + 2) scratch->resize(15 * postings.size() + 2);
  char* const first = scratch->data();
  char* p = first;
  *p++ = '"';
  uint32_t previous = 0;
  for (const Posting& posting : postings) {
    p = PutVarint(posting.page - previous, p);
    p = PutVarint(posting.section, p);
    *p++ = kDigits[posting.score];
    previous = posting.page;
  }
  *p++ = '"';
  out->append(first, p - first);
  return p - first - 2;
}

void AppendPages(const std::set<uint32_t>& pages, std::string* out) {
  *out += '"';
  uint32_t previous = 0;
  for (uint32_t p : pages) {
    AppendVarint(p - previous, out);
    previous = p;
  }
  *out += '"';
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', true, Json::error_handler_t::replace);
}

OutputFile ScriptFile(const std::string& name, const std::string& json) {
  return {"search/" + name + ".js", "__kapstokSearch.add(\"" + name + "\"," + json + ");\n"};
}

// A script file written in place: ScriptStart, the JSON, then ScriptEnd.
std::string ScriptStart(const std::string& name) {
  return "__kapstokSearch.add(\"" + name + "\",";
}
OutputFile ScriptEnd(const std::string& name, std::string bytes) {
  bytes += ");\n";
  return {"search/" + name + ".js", std::move(bytes)};
}

std::string Numbered(const char* folder, size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s/%03zu", folder, i);
  return buf;
}

// Term chunks: [[term, postings, {spelling: pages}], ...], the spellings
// object only when there are any. Returns the first term of every chunk.
std::vector<std::string> WriteChunks(const TermIndex& index, size_t chunk_bytes,
                                     OutputFiles* files) {
  std::vector<std::string> firsts;
  std::string chunk, scratch;
  size_t bytes = 0;
  auto flush = [&] {
    if (chunk.empty()) return;
    chunk += ']';
    files->push_back(ScriptEnd(Numbered("c", firsts.size() - 1), std::move(chunk)));
    chunk.clear();
    bytes = 0;
  };
  for (const auto& [term, entry] : index.terms) {
    if (entry.postings.empty()) continue;
    if (chunk.empty()) {
      firsts.push_back(term);
      chunk.reserve(2 * chunk_bytes + 256);  // a chunk ends once past chunk_bytes
      chunk += ScriptStart(Numbered("c", firsts.size() - 1));
      chunk += '[';
    } else {
      chunk += ',';
    }
    chunk += '[';
    AppendJsonString(term, &chunk);
    chunk += ',';
    const size_t postings = AppendPostings(entry.postings, &scratch, &chunk);
    if (!entry.spellings.empty()) {
      chunk += ',';
      char sep = '{';
      for (const auto& [spelling, pages] : entry.spellings) {
        chunk += std::exchange(sep, ',');
        AppendJsonString(spelling, &chunk);
        chunk += ':';
        AppendPages(pages, &chunk);
      }
      chunk += "}";
    }
    chunk += ']';
    bytes += postings + term.size() + 8;
    if (bytes >= chunk_bytes) flush();
  }
  flush();
  return firsts;
}

// One document: [url, title, type, summary, [[heading, anchor, text], ...]].
void AppendDocument(const Document& d, size_t type, std::string* out) {
  *out += '[';
  AppendJsonString(d.url, out);
  *out += ',';
  AppendJsonString(d.title, out);
  *out += ',';
  AppendJsonUint(type, out);
  *out += ',';
  // The pipeline puts the summary in the top section; store it once.
  bool in_top = !d.sections.empty() && d.sections[0].Text().find(d.summary) != std::string::npos;
  AppendJsonString(in_top ? std::string_view() : std::string_view(d.summary), out);
  *out += ",[";
  for (size_t i = 0; i < d.sections.size(); ++i) {
    const Section& s = d.sections[i];
    if (i > 0) *out += ',';
    *out += '[';
    AppendJsonString(s.heading, out);
    *out += ',';
    AppendJsonString(s.anchor, out);
    *out += ',';
    AppendJsonString(s.Text(), out);
    *out += ']';
  }
  *out += "]]";
}

// With `emit`, each file is handed to it as soon as it is made and kept
// without its bytes (see Options::emit_document).
void WriteDocuments(const std::vector<Document>& docs, const std::vector<std::string>& type_ids,
                    int per_file, const std::function<void(const OutputFile&)>& emit,
                    OutputFiles* files) {
  per_file = std::max(1, per_file);
  // One file per slot, made on all cores, appended in order.
  std::vector<OutputFile> out((docs.size() + per_file - 1) / per_file);
  ParallelFor(out.size(), [&](size_t file) {
    const size_t first = file * per_file;
    const std::string name = Numbered("d", file);
    size_t estimate = 64;  // the JSON's size if nothing needed escaping
    for (size_t i = first; i < std::min(docs.size(), first + per_file); ++i) {
      const Document& d = docs[i];
      estimate += d.url.size() + d.title.size() + d.summary.size() + 32;
      for (const Section& s : d.sections) {
        estimate += s.heading.size() + s.anchor.size() + s.Text().size() + 16;
      }
    }
    std::string list;
    list.reserve(estimate + estimate / 16);
    list += ScriptStart(name);
    list += '[';
    for (size_t i = first; i < std::min(docs.size(), first + per_file); ++i) {
      const Document& d = docs[i];
      if (i > first) list += ',';
      size_t type = std::lower_bound(type_ids.begin(), type_ids.end(), d.type) - type_ids.begin();
      AppendDocument(d, type, &list);
    }
    list += ']';
    out[file] = ScriptEnd(name, std::move(list));
    if (emit) {
      emit(out[file]);
      std::string().swap(out[file].bytes);
    }
  });
  for (OutputFile& f : out) files->push_back(std::move(f));
}

struct FacetValues {
  std::vector<std::string> names;                          // facet names, sorted
  std::vector<std::vector<std::string>> values;            // per name, sorted
};

FacetValues CollectFacets(const std::vector<Document>& docs) {
  std::map<std::string, std::set<std::string>> all;
  for (const Document& d : docs) {
    for (const auto& [name, values] : d.facets) all[name].insert(values.begin(), values.end());
  }
  FacetValues out;
  for (const auto& [name, values] : all) {
    out.names.push_back(name);
    out.values.emplace_back(values.begin(), values.end());
  }
  return out;
}

// Every page's membership as a bit set over [types..., facet values...],
// written as fixed-width groups of 6 bits.
std::string FacetBits(const std::vector<Document>& docs, const std::vector<std::string>& type_ids,
                      const FacetValues& facets, size_t* width) {
  std::vector<size_t> offset;
  size_t bits = type_ids.size();
  for (const auto& values : facets.values) {
    offset.push_back(bits);
    bits += values.size();
  }
  *width = (bits + 5) / 6;
  std::string out;
  for (const Document& d : docs) {
    std::vector<int> set(*width * 6, 0);
    set[std::lower_bound(type_ids.begin(), type_ids.end(), d.type) - type_ids.begin()] = 1;
    for (size_t f = 0; f < facets.names.size(); ++f) {
      auto it = d.facets.find(facets.names[f]);
      if (it == d.facets.end()) continue;
      for (const std::string& v : it->second) {
        const auto& vals = facets.values[f];
        set[offset[f] + (std::lower_bound(vals.begin(), vals.end(), v) - vals.begin())] = 1;
      }
    }
    for (size_t c = 0; c < *width; ++c) {
      int v = 0;
      for (int b = 0; b < 6; ++b) v |= set[c * 6 + b] << b;
      out += kDigits[v];
    }
  }
  return out;
}

}  // namespace

OutputFiles BuildIndex(const std::vector<Document>& docs, const Options& options) {
  Normalizer normalizer(options.language);
  OutputFiles files;
  std::vector<std::string> chunks;
  {
    // The term index is freed before the documents are written.
    TermIndex index = BuildTermIndex(docs, normalizer);
    chunks = WriteChunks(index, options.chunk_bytes, &files);
  }

  std::map<std::string, std::string> types;  // id -> label (first seen)
  for (const Document& d : docs) types.emplace(d.type, d.type_label);
  std::vector<std::string> type_ids;
  Json type_list = Json::array();
  for (const auto& [id, label] : types) {
    type_ids.push_back(id);
    type_list.push_back({id, label});
  }
  WriteDocuments(docs, type_ids, options.documents_per_file, options.emit_document, &files);

  FacetValues facets = CollectFacets(docs);
  size_t width = 0;
  std::string bits = FacetBits(docs, type_ids, facets, &width);
  files.push_back(ScriptFile("f", Dump(Json{{"width", width}, {"bits", bits}})));

  Json facet_list = Json::array();
  for (size_t f = 0; f < facets.names.size(); ++f) {
    facet_list.push_back({{"name", facets.names[f]}, {"values", facets.values[f]}});
  }
  Json manifest = {
      {"version", 1},
      {"language", options.language},
      {"pages", docs.size()},
      {"chunks", chunks},
      {"documentsPerFile", std::max(1, options.documents_per_file)},
      {"types", type_list},
      {"facets", facet_list},
      {"maxScore", kMaxScore},
      {"k1", kBm25K1},
      {"norm", Json::parse(normalizer.ClientTablesJson())},
  };
  files.push_back(ScriptFile("manifest", Dump(manifest)));
  std::sort(files.begin(), files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace kapstok::search
