// Test and benchmark driver for the search stage (not shipped):
//   search_tool index DOCS.json OUTDIR   write BuildIndex(DOCS) under OUTDIR
//   search_tool words < TEXT             print "folded<TAB>term<TAB>stop" for
//                                        every distinct word of TEXT
//   search_tool tables                   print the client's normalisation tables
// DOCS.json is an array of {url,title,type,type_label,summary,
// sections:[{heading,anchor,level,text}], facets:{name:[values]}}.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "search/normalize.h"
#include "search/search_index.h"

namespace {

using kapstok::search::Document;

std::vector<Document> ReadDocs(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot open";
    return {};
  }
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_array()) {
    *error = path + ": expected a JSON array of documents";
    return {};
  }
  std::vector<Document> docs;
  for (const auto& d : j) {
    Document doc;
    doc.url = d.value("url", "");
    doc.title = d.value("title", "");
    doc.type = d.value("type", "");
    doc.type_label = d.value("type_label", "");
    doc.summary = d.value("summary", "");
    for (const auto& s : d.value("sections", nlohmann::json::array())) {
      doc.sections.push_back({s.value("heading", ""), s.value("anchor", ""), s.value("level", 0),
                              s.value("text", "")});
    }
    const nlohmann::json facets = d.value("facets", nlohmann::json::object());
    for (const auto& [name, values] : facets.items()) {
      doc.facets[name] = values.get<std::vector<std::string>>();
    }
    docs.push_back(std::move(doc));
  }
  std::sort(docs.begin(), docs.end(),
            [](const Document& a, const Document& b) { return a.url < b.url; });
  return docs;
}

int Index(const std::string& docs_path, const std::string& out_dir) {
  std::string error;
  std::vector<Document> docs = ReadDocs(docs_path, &error);
  if (!error.empty()) {
    std::cerr << "search_tool: " << error << "\n";
    return 2;
  }
  for (const auto& file : kapstok::search::BuildIndex(docs, {})) {
    std::filesystem::path path = std::filesystem::path(out_dir) / file.path;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << file.bytes;
  }
  return 0;
}

int Words() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  kapstok::search::Normalizer normalizer("nl");
  std::map<std::string, std::string> seen;
  for (const auto& token : kapstok::search::Tokenize(text)) {
    if (seen.count(token.folded)) continue;
    seen[token.folded] = normalizer.Term(token.folded) + "\t" +
                         (normalizer.IsStopWord(token.folded) ? "1" : "0");
  }
  for (const auto& [word, rest] : seen) std::cout << word << "\t" << rest << "\n";
  return 0;
}

}  // namespace

int Main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "index" && argc == 4) return Index(argv[2], argv[3]);
  if (command == "words" && argc == 2) return Words();
  if (command == "tables" && argc == 2) {
    std::cout << kapstok::search::Normalizer("nl").ClientTablesJson() << "\n";
    return 0;
  }
  std::cerr << "usage: search_tool index DOCS.json OUTDIR | words < TEXT | tables\n";
  return 2;
}

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {  // malformed documents in a test input
    std::cerr << "search_tool: " << e.what() << "\n";
    return 2;
  }
}
