#include "search/search_index.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

namespace kapstok::search {
namespace {

std::vector<Document> Handbook() {
  Document a;
  a.url = "kenmerken/eigen-kracht-versterken/";
  a.title = "Eigen kracht versterken";
  a.type = "kenmerk";
  a.type_label = "Kwaliteitskenmerk";
  a.summary = "De professional versterkt de eigen kracht van de burger.";
  a.sections = {{"", "", 0, "Inleiding."}, {"Effect", "effect", 2, "Coördinatie van zorg."}};
  a.facets["Leefgebied"] = {"Wonen"};
  Document b;
  b.url = "praktijkvoorbeelden/buurtkracht/";
  b.title = "Buurtkracht";
  b.type = "praktijkvoorbeeld";
  b.type_label = "Praktijkvoorbeeld";
  b.sections = {{"", "", 0, "Bewoners vragen hulp."}};
  b.facets["Leefgebied"] = {"Werk en inkomen", "Wonen"};
  return {a, b};
}

const OutputFile* Find(const OutputFiles& files, const std::string& path) {
  for (const OutputFile& f : files) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

// Parses `__kapstokSearch.add("name",JSON);\n`.
nlohmann::json Payload(const OutputFile& file, const std::string& name) {
  std::string prefix = "__kapstokSearch.add(\"" + name + "\",";
  EXPECT_EQ(file.bytes.substr(0, prefix.size()), prefix);
  EXPECT_EQ(file.bytes.substr(file.bytes.size() - 3), ");\n");
  return nlohmann::json::parse(
      file.bytes.substr(prefix.size(), file.bytes.size() - prefix.size() - 3));
}

std::vector<uint32_t> DecodeVarints(const std::string& s) {
  static const std::string kDigits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::vector<uint32_t> out;
  uint32_t value = 0, shift = 0;
  for (char c : s) {
    uint32_t d = kDigits.find(c);
    value |= (d & 31) << shift;
    if (d & 32) {
      shift += 5;
    } else {
      out.push_back(value);
      value = shift = 0;
    }
  }
  return out;
}

TEST(BuildIndexTest, WritesManifestChunksDocumentsAndFacetsUnderSearch) {
  OutputFiles files = BuildIndex(Handbook(), {});
  for (const OutputFile& f : files) EXPECT_EQ(f.path.substr(0, 7), "search/") << f.path;
  ASSERT_NE(Find(files, "search/manifest.js"), nullptr);
  ASSERT_NE(Find(files, "search/c/000.js"), nullptr);
  ASSERT_NE(Find(files, "search/d/000.js"), nullptr);
  ASSERT_NE(Find(files, "search/f.js"), nullptr);
  nlohmann::json manifest = Payload(*Find(files, "search/manifest.js"), "manifest");
  EXPECT_EQ(manifest["pages"], 2);
  EXPECT_EQ(manifest["chunks"][0], "bewoner");
  EXPECT_EQ(manifest["types"][0], nlohmann::json::array({"kenmerk", "Kwaliteitskenmerk"}));
  EXPECT_EQ(manifest["facets"][0]["name"], "Leefgebied");
  EXPECT_EQ(manifest["facets"][0]["values"],
            nlohmann::json::array({"Werk en inkomen", "Wonen"}));
  EXPECT_EQ(manifest["norm"]["stemmer"], "dutch");
}

TEST(BuildIndexTest, ChunkRowsCarryPostingsAndSpellings) {
  OutputFiles files = BuildIndex(Handbook(), {});
  nlohmann::json chunk = Payload(*Find(files, "search/c/000.js"), "c/000");
  nlohmann::json versterk, coordinatie;
  for (const auto& row : chunk) {
    if (row[0] == "versterk") versterk = row;
    if (row[0] == "coordinatie") coordinatie = row;
  }
  ASSERT_FALSE(versterk.is_null());
  // Page 0, section 0 (title and summary), a score.
  std::vector<uint32_t> v = DecodeVarints(versterk[1]);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], 0u);
  EXPECT_EQ(v[1], 0u);
  ASSERT_FALSE(coordinatie.is_null());
  EXPECT_EQ(coordinatie[2]["coördinatie"], "A");  // page 0
}

TEST(BuildIndexTest, DocumentsAndFacetBits) {
  OutputFiles files = BuildIndex(Handbook(), {});
  nlohmann::json docs = Payload(*Find(files, "search/d/000.js"), "d/000");
  ASSERT_EQ(docs.size(), 1u);  // one document per file by default
  EXPECT_EQ(docs[0][0], "kenmerken/eigen-kracht-versterken/");
  EXPECT_EQ(docs[0][2], 0);  // type index of "kenmerk"
  EXPECT_EQ(docs[0][3], "De professional versterkt de eigen kracht van de burger.");
  EXPECT_EQ(docs[0][4][1], nlohmann::json::array({"Effect", "effect", "Coördinatie van zorg."}));
  EXPECT_EQ(Payload(*Find(files, "search/d/001.js"), "d/001")[0][1], "Buurtkracht");
  nlohmann::json facets = Payload(*Find(files, "search/f.js"), "f");
  // Bits: kenmerk, praktijkvoorbeeld, "Werk en inkomen", "Wonen".
  EXPECT_EQ(facets["width"], 1);
  EXPECT_EQ(facets["bits"], "JO");  // 1+8 = 9 -> 'J'; 2+4+8 = 14 -> 'O'
}

TEST(BuildIndexTest, StoresASummaryThatIsAlsoTheTopTextOnce) {
  std::vector<Document> docs = Handbook();
  docs[0].sections[0].text = docs[0].summary + " Meer tekst.";
  nlohmann::json d = Payload(*Find(BuildIndex(docs, {}), "search/d/000.js"), "d/000");
  EXPECT_EQ(d[0][3], "");
  EXPECT_EQ(d[0][4][0][2], docs[0].summary + " Meer tekst.");
}

TEST(BuildIndexTest, IsDeterministic) {
  OutputFiles a = BuildIndex(Handbook(), {}), b = BuildIndex(Handbook(), {});
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].path, b[i].path);
    EXPECT_EQ(a[i].bytes, b[i].bytes);
  }
}

TEST(BuildIndexTest, SplitsChunksAndDocumentFiles) {
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) {
    Document d;
    d.url = std::to_string(100 + i);
    d.url += "/";
    d.title = "Pagina " + std::to_string(i) + " woord" + std::string(1, 'a' + i % 26);
    d.sections = {{"", "", 0, "tekst over buurt" + std::to_string(i)}};
    docs.push_back(d);
  }
  Options options;
  options.chunk_bytes = 64;
  options.documents_per_file = 8;
  OutputFiles files = BuildIndex(docs, options);
  nlohmann::json manifest = Payload(*Find(files, "search/manifest.js"), "manifest");
  EXPECT_GT(manifest["chunks"].size(), 3u);
  EXPECT_NE(Find(files, "search/d/004.js"), nullptr);
  EXPECT_EQ(Find(files, "search/d/005.js"), nullptr);
  for (size_t i = 1; i < manifest["chunks"].size(); ++i) {
    EXPECT_LT(manifest["chunks"][i - 1], manifest["chunks"][i]);
  }
}

TEST(BuildIndexTest, EmitsEachDocumentFileOnceAndReturnsItWithoutBytes) {
  std::vector<Document> docs;
  for (int i = 0; i < 30; ++i) {
    Document d = Handbook()[i % 2];
    d.url = std::to_string(100 + i) + "/";
    docs.push_back(d);
  }
  Options plain;
  plain.documents_per_file = 4;
  const OutputFiles expected = BuildIndex(docs, plain);
  Options streamed = plain;
  std::mutex mu;
  std::map<std::string, std::string> emitted;
  int calls = 0;
  streamed.emit_document = [&](const OutputFile& f) {
    std::lock_guard<std::mutex> lock(mu);  // called from several threads
    ++calls;
    emitted[f.path] = f.bytes;
  };
  const OutputFiles got = BuildIndex(docs, streamed);
  ASSERT_EQ(got.size(), expected.size());
  size_t documents = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].path, expected[i].path);
    if (got[i].path.starts_with("search/d/")) {
      ++documents;
      EXPECT_EQ(got[i].bytes, "") << got[i].path;
      ASSERT_EQ(emitted.count(got[i].path), 1u) << got[i].path;
      EXPECT_EQ(emitted[got[i].path], expected[i].bytes) << got[i].path;
    } else {
      EXPECT_EQ(got[i].bytes, expected[i].bytes) << got[i].path;
      EXPECT_EQ(emitted.count(got[i].path), 0u) << got[i].path;
    }
  }
  EXPECT_EQ(documents, 8u);  // 30 documents, 4 per file
  EXPECT_EQ(calls, 8);
  EXPECT_EQ(emitted.size(), 8u);
}

TEST(BuildIndexTest, EmptyAndInvalidInputGiveValidFiles) {
  OutputFiles empty = BuildIndex({}, {});
  EXPECT_EQ(Payload(*Find(empty, "search/manifest.js"), "manifest")["pages"], 0);
  Document bad;
  bad.url = "x/";
  bad.title = "Bad \xff\xfe title";
  bad.sections = {{"\xc3", "", 0, "tekst \xe2\x82"}};
  OutputFiles files = BuildIndex({bad}, {});
  nlohmann::json docs = Payload(*Find(files, "search/d/000.js"), "d/000");
  EXPECT_EQ(docs[0][1], "Bad \xef\xbf\xbd\xef\xbf\xbd title");
}

}  // namespace
}  // namespace kapstok::search
