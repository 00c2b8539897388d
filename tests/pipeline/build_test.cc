#include "pipeline/build.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <vector>

#include "output/writer_faults.h"
#include "testing.h"

namespace kapstok::pipeline {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using kapstok::test_util::FindFile;
using kapstok::test_util::FixtureFs;
using kapstok::test_util::Printed;

BuildResult BuildInMemory(const FileSystem& fs, DiagnosticSink* sink) {
  BuildOptions options;
  options.project_dir = "";
  options.write = false;
  return Build(fs, options, sink);
}

// Every relative href of an HTML file, resolved against its folder.
std::set<std::string> InternalLinks(const OutputFile& file) {
  std::set<std::string> out;
  std::string dir = file.path.substr(0, file.path.rfind('/') + 1);
  std::regex href("href=\"([^\"#:]*)(#[^\"]*)?\"");
  for (std::sregex_iterator it(file.bytes.begin(), file.bytes.end(), href), end; it != end; ++it) {
    std::string target = (*it)[1];
    if (target.empty()) continue;
    std::filesystem::path p = std::filesystem::path(dir + target).lexically_normal();
    std::string s = p.generic_string();
    if (s == ".") s = "";
    if (s.empty() || s.back() == '/') s += "index.html";
    if (s.rfind("./", 0) == 0) s = s.substr(2);
    out.insert(s);
  }
  return out;
}

TEST(BuildTest, RelationAppearsOnBothPagesWithWorkingLinks) {
  MemoryFileSystem fs = FixtureFs("valid-basic");
  DiagnosticSink sink;
  BuildResult r = BuildInMemory(fs, &sink);
  ASSERT_EQ(Printed(sink), "");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.pages, 4u);
  const OutputFile* example = FindFile(r.output, "voorbeelden/buurtkamer/index.html");
  const OutputFile* kenmerk = FindFile(r.output, "kenmerken/eigen-kracht/index.html");
  ASSERT_NE(example, nullptr);
  ASSERT_NE(kenmerk, nullptr);
  // Forward: the example lists its kenmerken; inverse: the kenmerk lists the example.
  EXPECT_THAT(example->bytes, HasSubstr("<a href=\"../../kenmerken/eigen-kracht/\">Eigen kracht versterken</a>"));
  EXPECT_THAT(kenmerk->bytes, HasSubstr("Praktijkvoorbeelden <span class=\"count\">(1)</span>"));
  EXPECT_THAT(kenmerk->bytes, HasSubstr("<a href=\"../../voorbeelden/buurtkamer/\">De buurtkamer</a>"));
  // Both links resolve to files of the site.
  for (const OutputFile* f : {example, kenmerk})
    for (const std::string& link : InternalLinks(*f))
      EXPECT_NE(FindFile(r.output, link), nullptr) << f->path << " links to missing " << link;
}

TEST(BuildTest, RewritesMarkdownLinksAndCitations) {
  MemoryFileSystem fs = FixtureFs("valid-basic");
  DiagnosticSink sink;
  BuildResult r = BuildInMemory(fs, &sink);
  const OutputFile* kenmerk = FindFile(r.output, "kenmerken/eigen-kracht/index.html");
  ASSERT_NE(kenmerk, nullptr);
  EXPECT_THAT(kenmerk->bytes, HasSubstr("href=\"../../kenmerken/samenwerken/#aanpak\""));
  EXPECT_THAT(kenmerk->bytes, HasSubstr("<h2 id=\"coordinatie\">Coördinatie</h2>"));
  // The citation in a text field links the source and lists it under Bronnen.
  EXPECT_THAT(kenmerk->bytes, HasSubstr("href=\"../../bronnen/movisie2013/\""));
  EXPECT_THAT(kenmerk->bytes, HasSubstr("id=\"sources-title\""));
  const OutputFile* home = FindFile(r.output, "index.html");
  ASSERT_NE(home, nullptr);
  EXPECT_THAT(home->bytes, HasSubstr("href=\"kenmerken/eigen-kracht/\""));
}

TEST(BuildTest, WritesListsFeedSitemapRobotsAnd404) {
  MemoryFileSystem fs = FixtureFs("valid-basic");
  DiagnosticSink sink;
  BuildResult r = BuildInMemory(fs, &sink);
  for (const char* path : {"index.html", "kenmerken/index.html", "voorbeelden/index.html",
                           "404.html", "sitemap.xml", "robots.txt", "feed.xml",
                           "assets/kapstok.css"})
    EXPECT_NE(FindFile(r.output, path), nullptr) << path;
  const OutputFile* sitemap = FindFile(r.output, "sitemap.xml");
  EXPECT_THAT(sitemap->bytes, HasSubstr("<loc>https://example.org/test/kenmerken/eigen-kracht/</loc>"));
  EXPECT_THAT(sitemap->bytes, Not(HasSubstr("404")));
  const OutputFile* feed = FindFile(r.output, "feed.xml");
  EXPECT_THAT(feed->bytes, HasSubstr("<updated>2012-01-01T00:00:00Z</updated>"));
  // The list is in site order (volgorde), and the edit link points at the file.
  const OutputFile* list = FindFile(r.output, "kenmerken/index.html");
  EXPECT_LT(list->bytes.find("Eigen kracht versterken"), list->bytes.find("Samenwerken"));
  const OutputFile* page = FindFile(r.output, "kenmerken/samenwerken/index.html");
  EXPECT_THAT(page->bytes,
              HasSubstr("https://github.com/example/test/edit/main/content/kenmerken/samenwerken.md"));
  // 404 is served at any depth, so it links from the site's own path.
  EXPECT_THAT(FindFile(r.output, "404.html")->bytes, HasSubstr("href=\"/test/assets/kapstok.css\""));
}

TEST(BuildTest, TwoBuildsAreByteIdentical) {
  MemoryFileSystem fs = FixtureFs("valid-basic");
  DiagnosticSink s1, s2;
  BuildResult a = BuildInMemory(fs, &s1);
  BuildResult b = BuildInMemory(fs, &s2);
  ASSERT_EQ(a.output.size(), b.output.size());
  for (size_t i = 0; i < a.output.size(); ++i) {
    EXPECT_EQ(a.output[i].path, b.output[i].path);
    EXPECT_EQ(a.output[i].bytes, b.output[i].bytes) << a.output[i].path;
  }
}

TEST(BuildTest, ReportsAllContentErrorsAndWritesNothing) {
  MemoryFileSystem fs = FixtureFs("invalid-links");
  DiagnosticSink sink;
  BuildResult r = BuildInMemory(fs, &sink);
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(sink.error_count(), 3) << Printed(sink);
  EXPECT_TRUE(r.output.empty());
}

TEST(BuildTest, MissingConfigIsAnOperationalError) {
  MemoryFileSystem fs;
  DiagnosticSink sink;
  BuildResult r = BuildInMemory(fs, &sink);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message(), "kapstok.yaml: no such file");
}

class DiskBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kapstok-build-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(DiskBuildTest, FailedBuildLeavesPreviousSiteUntouched) {
  MemoryFileSystem good = FixtureFs("valid-basic");
  BuildOptions options;
  options.project_dir = "";
  options.out_dir = (dir_ / "site").string();
  DiagnosticSink sink;
  ASSERT_TRUE(Build(good, options, &sink).status.ok());
  ASSERT_FALSE(sink.has_errors()) << Printed(sink);
  std::string page = (dir_ / "site/kenmerken/eigen-kracht/index.html").string();
  std::ifstream in(page);
  std::string before((std::istreambuf_iterator<char>(in)), {});
  ASSERT_THAT(before, HasSubstr("Eigen kracht versterken"));

  // Break one file: the build reports it and the site on disk stays as it was.
  MemoryFileSystem bad = FixtureFs("valid-basic");
  bad.AddFile("content/kenmerken/eigen-kracht.md",
              "---\ntitle: Kapot\nvolgorde: x\nsamenvatting: s\n---\n");
  DiagnosticSink sink2;
  Build(bad, options, &sink2);
  // One error: pages that name the broken one do not report it again.
  EXPECT_EQ(sink2.error_count(), 1) << Printed(sink2);
  std::ifstream again(page);
  std::string after((std::istreambuf_iterator<char>(again)), {});
  EXPECT_EQ(before, after);
  // No staging folders are left beside the site.
  int entries = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);
}

// Pages are written into the staging folder as they are rendered; an error
// found after that (here a symbolic link among the theme's assets, copied
// last) must still leave the previous site as it was and no staging folder.
TEST_F(DiskBuildTest, LateErrorAfterStreamedPagesLeavesPreviousSite) {
  MemoryFileSystem good = FixtureFs("valid-basic");
  BuildOptions options;
  options.project_dir = "";
  options.out_dir = (dir_ / "site").string();
  DiagnosticSink sink;
  ASSERT_TRUE(Build(good, options, &sink).status.ok());
  ASSERT_FALSE(sink.has_errors()) << Printed(sink);
  const std::string page = (dir_ / "site/kenmerken/eigen-kracht/index.html").string();
  std::ifstream in(page);
  std::string before((std::istreambuf_iterator<char>(in)), {});

  MemoryFileSystem bad = FixtureFs("valid-basic");
  bad.AddFile("content/kenmerken/eigen-kracht.md",
              "---\ntitle: Nieuw\nvolgorde: 1\nsamenvatting: s\n---\nNieuwe tekst.\n");
  bad.AddSymlink("themes/default/assets/link.css");
  DiagnosticSink sink2;
  BuildResult result = Build(bad, options, &sink2);
  EXPECT_TRUE(result.status.ok());
  EXPECT_EQ(sink2.error_count(), 1) << Printed(sink2);
  EXPECT_THAT(Printed(sink2), HasSubstr("symbolic links are not allowed in the theme"));
  std::ifstream again(page);
  std::string after((std::istreambuf_iterator<char>(again)), {});
  EXPECT_EQ(before, after);
  int entries = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);  // the site only: the staging folder is gone
}

// Every file below `root`, by relative path, with its bytes.
std::map<std::string, std::string> FilesBelow(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    files[std::filesystem::relative(e.path(), root).generic_string()] =
        std::string((std::istreambuf_iterator<char>(in)), {});
  }
  return files;
}

// The paths whose bytes differ between two FilesBelow(), or that only one has.
std::vector<std::string> Changed(const std::map<std::string, std::string>& a,
                                 const std::map<std::string, std::string>& b) {
  std::vector<std::string> changed;
  for (const auto& [path, bytes] : a) {
    auto it = b.find(path);
    if (it == b.end() || it->second != bytes) changed.push_back(path);
  }
  for (const auto& [path, bytes] : b)
    if (!a.contains(path)) changed.push_back(path);
  return changed;
}

// The search index's document files are written from the search thread
// while the pages render. One that cannot be written (here: the disk is
// full, through WriterFaults) fails the build with the writer's message, and
// the previous site stays as it was, byte for byte, with no staging folder.
// (Two mechanisms each make this hold: the search thread hands its failure
// to the build, and the writer keeps a failure and refuses the commit. The
// test fails only when both are gone; the second has its own test in
// writer_test.cc, the first none.)
TEST_F(DiskBuildTest, SearchDocumentWriteFailureKeepsThePreviousSite) {
  BuildOptions options;
  options.project_dir = "";
  options.out_dir = (dir_ / "site").string();
  DiagnosticSink sink;
  ASSERT_TRUE(Build(FixtureFs("valid-basic"), options, &sink).status.ok());
  const std::map<std::string, std::string> before = FilesBelow(dir_ / "site");
  ASSERT_TRUE(before.contains("search/d/000.js"));

  MemoryFileSystem changed = FixtureFs("valid-basic");
  changed.AddFile("content/kenmerken/eigen-kracht.md",
                  "---\ntitle: Nieuw\nvolgorde: 1\nsamenvatting: s\n---\nNieuwe tekst.\n");
  std::atomic<int> attempts{0};
  output::ScopedWriterFaults faults({.write_error = [&](const std::string& path) {
    if (path != "search/d/000.js") return 0;
    ++attempts;
    return ENOSPC;
  }});
  DiagnosticSink sink2;
  BuildResult result = Build(changed, options, &sink2);
  const std::string staging = (dir_ / (".site.new-" + std::to_string(::getpid()))).string();
  EXPECT_EQ(result.status.message(), staging + "/search/d/000.js: No space left on device");
  EXPECT_EQ(attempts.load(), 1);  // not tried again after the failure
  EXPECT_FALSE(sink2.has_errors()) << Printed(sink2);
  EXPECT_THAT(Changed(before, FilesBelow(dir_ / "site")), IsEmpty());
  int entries = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1);  // the site only: the staging folder is gone
}

// The site on disk (pages streamed to the writer as they render, the rest in
// batches) is exactly the site a build in memory returns: the same files,
// the same bytes, nothing else.
TEST_F(DiskBuildTest, StreamedSiteEqualsTheBuildInMemory) {
  MemoryFileSystem fs = FixtureFs("valid-basic");
  DiagnosticSink memory_sink;
  BuildResult memory = BuildInMemory(fs, &memory_sink);
  ASSERT_FALSE(memory_sink.has_errors()) << Printed(memory_sink);
  BuildOptions options;
  options.project_dir = "";
  options.out_dir = (dir_ / "site").string();
  DiagnosticSink sink;
  BuildResult disk = Build(fs, options, &sink);
  ASSERT_TRUE(disk.status.ok()) << disk.status.message();
  EXPECT_EQ(disk.files, memory.output.size());
  size_t on_disk = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "site")) {
    if (!e.is_regular_file()) continue;
    ++on_disk;
    const std::string rel = std::filesystem::relative(e.path(), dir_ / "site").generic_string();
    const OutputFile* f = FindFile(memory.output, rel);
    ASSERT_NE(f, nullptr) << rel;
    std::ifstream in(e.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(bytes, f->bytes) << rel;
  }
  EXPECT_EQ(on_disk, memory.output.size());
}

// More than render::kListPageSize pages of a type: list pages of 100 at
// render::ListPageUrl ("voorbeelden/", "voorbeelden/pagina/2/"), each with a
// pager whose links resolve.
TEST(BuildTest, ListPagesOfAHundredWithAPager) {
  MemoryFileSystem fs = FixtureFs("valid-basic");
  for (int i = 1; i <= 150; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "v%03d", i);
    fs.AddFile("content/voorbeelden/" + std::string(id) + ".md",
               "---\ntitle: Voorbeeld " + std::string(id) +
                   "\nsamenvatting: Een voorbeeld.\nkenmerken: [samenwerken]\n---\nTekst.\n");
  }
  DiagnosticSink sink;
  BuildResult r = BuildInMemory(fs, &sink);
  ASSERT_EQ(Printed(sink), "");
  const OutputFile* first = FindFile(r.output, "voorbeelden/index.html");
  const OutputFile* second = FindFile(r.output, "voorbeelden/pagina/2/index.html");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(FindFile(r.output, "voorbeelden/pagina/3/index.html"), nullptr);
  EXPECT_EQ(FindFile(r.output, "kenmerken/pagina/2/index.html"), nullptr);
  // 151 voorbeelden in title order: "De buurtkamer" and v001..v099 on the
  // first list page, v100..v150 on the second.
  EXPECT_THAT(first->bytes, HasSubstr(">Voorbeeld v099<"));
  EXPECT_THAT(first->bytes, Not(HasSubstr(">Voorbeeld v100<")));
  EXPECT_THAT(second->bytes, HasSubstr(">Voorbeeld v100<"));
  EXPECT_THAT(second->bytes, HasSubstr(">Voorbeeld v150<"));
  EXPECT_THAT(second->bytes, HasSubstr("<span aria-current=\"page\">2</span>"));
  for (const OutputFile* f : {first, second}) {
    std::set<std::string> links = InternalLinks(*f);
    EXPECT_TRUE(links.count("voorbeelden/index.html")) << f->path;
    EXPECT_TRUE(links.count("voorbeelden/pagina/2/index.html") || f == second) << f->path;
    for (const std::string& link : links)
      EXPECT_NE(FindFile(r.output, link), nullptr) << f->path << " links to missing " << link;
  }
}

}  // namespace
}  // namespace kapstok::pipeline
