#include "output/writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kapstok::output {
namespace {

namespace fs = std::filesystem;

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kapstok-writer-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }
  fs::path dir_;
};

TEST(OutputPathTest, RejectsUnsafePaths) {
  EXPECT_TRUE(IsSafeOutputPath("a/b.html"));
  EXPECT_FALSE(IsSafeOutputPath("../x"));
  EXPECT_FALSE(IsSafeOutputPath("a/../../x"));
  EXPECT_FALSE(IsSafeOutputPath("/etc/passwd"));
  EXPECT_FALSE(IsSafeOutputPath("a//b"));
  EXPECT_FALSE(IsSafeOutputPath(std::string("a\0b", 3)));
  EXPECT_FALSE(IsSafeOutputPath("a\\..\\b"));
  EXPECT_FALSE(IsSafeOutputPath(""));
}

TEST_F(WriterTest, ReplacesSiteWithExactlyTheNewFiles) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "one"}, {"a/b.html", "b"}}).ok());
  EXPECT_EQ(Read(site / "index.html"), "one");
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "two"}}).ok());
  EXPECT_EQ(Read(site / "index.html"), "two");
  EXPECT_FALSE(fs::exists(site / "a/b.html"));  // stale files are gone
}

TEST_F(WriterTest, UnsafePathFailsAndLeavesOldSite) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  Status s = WriteSite(site.string(), {{"index.html", "new"}, {"../escape.html", "x"}});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "../escape.html: unsafe output path");
  EXPECT_EQ(Read(site / "index.html"), "old");
  EXPECT_FALSE(fs::exists(dir_ / "escape.html"));
}

TEST_F(WriterTest, DuplicatePathFails) {
  Status s = WriteSite((dir_ / "site").string(), {{"a.html", "1"}, {"a.html", "2"}});
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(fs::exists(dir_ / "site"));
}

TEST_F(WriterTest, RefusesToReplaceAFile) {
  std::ofstream(dir_ / "site") << "not a folder";
  EXPECT_FALSE(WriteSite((dir_ / "site").string(), {{"a.html", "1"}}).ok());
  EXPECT_EQ(Read(dir_ / "site"), "not a folder");
}

}  // namespace
}  // namespace kapstok::output
