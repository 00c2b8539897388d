#include "content/loader.h"

#include <gtest/gtest.h>

#include "test_config.h"

namespace kapstok::content {
namespace {

TEST(LoaderTest, LoadsPagesHomeIntrosAndStaticFiles) {
  config::SiteConfig c = TestConfig();
  MemoryFileSystem fs;
  fs.AddFile("content/index.md", "---\ntitle: Home\n---\nWelkom\n");
  fs.AddFile("content/kenmerken/_index.md", "---\ntitle: Alle kenmerken\n---\nIntro\n");
  fs.AddFile("content/kenmerken/b.md", "---\ntitle: B\nvolgorde: 2\n---\n");
  fs.AddFile("content/kenmerken/a.md", "---\ntitle: A\nvolgorde: 1\n---\n");
  fs.AddFile("content/voorbeelden/v.md", "---\ntitle: V\nkenmerken: [a]\ndraft: true\n---\n");
  fs.AddFile("content/voorbeelden/foto.png", "PNG");
  fs.AddFile("content/kenmerken/.DS_Store", "x");
  DiagnosticSink sink;
  LoadedContent loaded = LoadContent(fs, "content", c, {}, &sink);
  EXPECT_EQ(Printed(sink), "");
  ASSERT_EQ(loaded.pages.size(), 2u);  // the draft is left out
  EXPECT_EQ(loaded.pages[0].id, "a");
  EXPECT_EQ(loaded.pages[0].path, "content/kenmerken/a.md");
  ASSERT_TRUE(loaded.home);
  EXPECT_EQ(loaded.home->title, "Home");
  ASSERT_EQ(loaded.list_intros.size(), 1u);
  EXPECT_EQ(loaded.list_intros[0].type->id, "kenmerk");
  ASSERT_EQ(loaded.static_files.size(), 1u);
  EXPECT_EQ(loaded.static_files[0].rel_path, "voorbeelden/foto.png");

  LoadedContent with_drafts = LoadContent(fs, "content", c, {true}, &sink);
  EXPECT_EQ(with_drafts.pages.size(), 3u);
}

TEST(LoaderTest, ReportsBadNamesFoldersAndSymlinks) {
  config::SiteConfig c = TestConfig();
  MemoryFileSystem fs;
  fs.AddFile("content/kenmerkn/a.md", "---\ntitle: A\n---\n");
  fs.AddFile("content/kenmerken/Eigen Kracht.md", "---\ntitle: A\nvolgorde: 1\n---\n");
  fs.AddFile("content/kenmerken/con.md", "---\ntitle: A\nvolgorde: 1\n---\n");
  fs.AddFile("content/kenmerken/sub/a.md", "---\ntitle: A\n---\n");
  fs.AddSymlink("content/kenmerken/link.md");
  DiagnosticSink sink;
  LoadedContent loaded = LoadContent(fs, "content", c, {}, &sink);
  EXPECT_TRUE(loaded.pages.empty());
  EXPECT_EQ(Printed(sink),
            "content/kenmerken/Eigen Kracht.md: error: file name 'Eigen Kracht.md' is not a valid page id\n"
            "  rename it to 'eigen-kracht.md' (lowercase letters, digits and hyphens)\n"
            "content/kenmerken/con.md: error: file name 'con.md' is not a valid page id\n"
            "  rename it to 'pagina-0.md' (lowercase letters, digits and hyphens)\n"
            "content/kenmerken/link.md: error: symbolic links are not allowed in the content folder\n"
            "content/kenmerken/sub/a.md: error: content files sit directly in their type's folder, not in a subfolder\n"
            "content/kenmerkn/a.md: error: no content type uses the folder 'kenmerkn'\n"
            "  did you mean 'kenmerken'?\n");
}

TEST(LoaderTest, ReportsEveryBrokenFileInOneRun) {
  config::SiteConfig c = TestConfig();
  MemoryFileSystem fs;
  for (int i = 0; i < 50; ++i)
    fs.AddFile("content/kenmerken/k" + std::to_string(i) + ".md", "---\ntitle: [\n---\n");
  DiagnosticSink sink;
  LoadContent(fs, "content", c, {}, &sink);
  EXPECT_EQ(sink.error_count(), 50);
}

}  // namespace
}  // namespace kapstok::content
