#include "output/writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>
#include <vector>

#include "output/writer_faults.h"

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

// The staging folders SiteWriter leaves beside `site` (none, after it is done).
size_t StagingFolders(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(".site.")) ++n;
  return n;
}

TEST_F(WriterTest, StreamedFilesAppearOnlyAtCommit) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  ASSERT_TRUE(writer->Write("index.html", "new").ok());
  ASSERT_TRUE(writer->Write("a/b/c.html", "c").ok());
  EXPECT_EQ(Read(site / "index.html"), "old");  // written, but not yet in place
  EXPECT_EQ(writer->count(), 2u);
  ASSERT_TRUE(writer->Commit().ok());
  writer.reset();
  EXPECT_EQ(Read(site / "index.html"), "new");
  EXPECT_EQ(Read(site / "a/b/c.html"), "c");
  EXPECT_EQ(StagingFolders(dir_), 0u);
}

TEST_F(WriterTest, WriteAfterCommitFailsAndLeavesThePublishedSite) {
  fs::path site = dir_ / "site";
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  ASSERT_TRUE(writer->Write("index.html", "one").ok());
  ASSERT_TRUE(writer->Commit().ok());
  // The writer's staging folder is now the published site.
  Status s = writer->Write("late.html", "late");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "late.html: written after Commit()");
  EXPECT_FALSE(writer->Write("index.html", "two").ok());
  EXPECT_FALSE(writer->Commit().ok());  // committed twice
  writer.reset();
  EXPECT_FALSE(fs::exists(site / "late.html"));
  EXPECT_EQ(Read(site / "index.html"), "one");
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(site)) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST_F(WriterTest, AbandonedWriterLeavesOldSiteAndNoStaging) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  {
    std::unique_ptr<SiteWriter> writer;
    ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
    ASSERT_TRUE(writer->Write("index.html", "half").ok());
    EXPECT_EQ(StagingFolders(dir_), 1u);
  }  // a build that fails after writing some files never commits
  EXPECT_EQ(Read(site / "index.html"), "old");
  EXPECT_EQ(StagingFolders(dir_), 0u);
}

TEST_F(WriterTest, StreamedUnsafePathIsRefusedAndSpoilsTheCommit) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  EXPECT_EQ(writer->Write("../x.html", "x").message(), "../x.html: unsafe output path");
  EXPECT_FALSE(writer->Commit().ok());
  writer.reset();
  EXPECT_FALSE(fs::exists(dir_ / "x.html"));
  EXPECT_EQ(Read(site / "index.html"), "old");
  EXPECT_EQ(StagingFolders(dir_), 0u);
}

// Files and folders are made relative to the staging folder; an I/O error
// still names the file by its full path there, and spoils the commit.
TEST_F(WriterTest, WriteErrorNamesTheStagedFileAndSpoilsTheCommit) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  ASSERT_TRUE(writer->Write("a", "a file, not a folder").ok());
  Status s = writer->Write("a/b.html", "b");
  ASSERT_FALSE(s.ok());
  const std::string staged =
      (dir_ / (".site.new-" + std::to_string(::getpid())) / "a/b.html").string();
  EXPECT_EQ(s.message(), staged + ": Not a directory");
  EXPECT_FALSE(writer->Commit().ok());
  writer.reset();
  EXPECT_EQ(Read(site / "index.html"), "old");
  EXPECT_EQ(StagingFolders(dir_), 0u);
}

// A file is created only where nothing is (a duplicate is found by the
// open, not by a set of every path): a folder in its place is an I/O error
// naming the staged file, not a duplicate.
TEST_F(WriterTest, FileWhereAFolderIsFailsAsAFolder) {
  fs::path site = dir_ / "site";
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  ASSERT_TRUE(writer->Write("a/b.html", "b").ok());
  Status s = writer->Write("a", "a file where the folder is");
  const std::string staged =
      (dir_ / (".site.new-" + std::to_string(::getpid())) / "a").string();
  EXPECT_EQ(s.message(), staged + ": Is a directory");
  EXPECT_EQ(writer->count(), 1u);
  EXPECT_FALSE(writer->Commit().ok());
}

// The output folder is resolved once, at Open: a relative --out keeps
// meaning the folder it named when the working folder changes later.
TEST_F(WriterTest, RelativeOutputFolderIsFixedAtOpen) {
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open("site", &writer).ok());
  fs::create_directories(dir_ / "elsewhere");
  fs::current_path(dir_ / "elsewhere");
  EXPECT_TRUE(writer->Write("p/index.html", "page").ok());
  EXPECT_TRUE(writer->Commit().ok());
  writer.reset();
  fs::current_path(cwd);
  EXPECT_EQ(Read(dir_ / "site/p/index.html"), "page");
  EXPECT_FALSE(fs::exists(dir_ / "elsewhere/site"));
}

// A build killed before its commit leaves its staging folder; the next build
// removes it (its process is gone), but not a running build's.
TEST_F(WriterTest, OpenRemovesStagingFoldersOfBuildsThatDied) {
  fs::path site = dir_ / "site";
  fs::create_directories(dir_ / ".site.new-999999999/a");  // no such process
  fs::create_directories(dir_ / ".site.old-999999999");
  fs::create_directories(dir_ / ".site.new-1");  // pid 1 always runs
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  EXPECT_FALSE(fs::exists(dir_ / ".site.new-999999999"));
  EXPECT_FALSE(fs::exists(dir_ / ".site.old-999999999"));
  EXPECT_TRUE(fs::exists(dir_ / ".site.new-1"));
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_FALSE(writer->Commit().ok());  // once only
  EXPECT_TRUE(fs::exists(site));
  fs::remove_all(dir_ / ".site.new-1");
}

// Duplicates are found by O_EXCL, so Open must start from an empty staging
// folder: one that cannot be emptied is an error, not a folder of leftovers
// that would each be reported as written twice. Emptying fails part-way here
// through WriterFaults, as remove_all does in a folder it may not change, so
// the test runs (in CI) as root too.
TEST_F(WriterTest, OpenFailsWhenTheStagingFolderCannotBeEmptied) {
  fs::path site = dir_ / "site";
  fs::path staging = dir_ / (".site.new-" + std::to_string(::getpid()));
  fs::create_directories(staging / "locked");
  std::ofstream(staging / "locked" / "a.html") << "left over";
  std::ofstream(staging / "b.html") << "left over";
  fs::path emptied;
  ScopedWriterFaults faults({.empty_staging = [&](const fs::path& p, std::error_code* ec) {
    emptied = p;
    fs::remove(p / "b.html");  // what remove_all may remove before it fails
    *ec = std::make_error_code(std::errc::permission_denied);
  }});
  std::unique_ptr<SiteWriter> writer;
  Status s = SiteWriter::Open(site.string(), &writer);
  EXPECT_EQ(emptied, staging);
  EXPECT_EQ(s.message(), staging.string() + ": cannot empty staging folder: Permission denied");
  EXPECT_EQ(writer, nullptr);
  EXPECT_FALSE(fs::exists(site));
}

// Open must have made the staging folder itself: one that is there again
// after emptying reported success (a build of the same process id in
// another container, on a shared disk) is not an empty folder of its own.
TEST_F(WriterTest, OpenFailsWhenTheStagingFolderIsThereAfterEmptying) {
  fs::path site = dir_ / "site";
  fs::path staging = dir_ / (".site.new-" + std::to_string(::getpid()));
  ScopedWriterFaults faults({.empty_staging = [](const fs::path& p, std::error_code* ec) {
    fs::remove_all(p, *ec);
    fs::create_directories(p / "a");
    std::ofstream(p / "a" / "index.html") << "someone else's";
  }});
  std::unique_ptr<SiteWriter> writer;
  Status s = SiteWriter::Open(site.string(), &writer);
  EXPECT_EQ(s.message(), staging.string() + ": staging folder exists and could not be emptied");
  EXPECT_EQ(writer, nullptr);
}

// The same as OpenFailsWhenTheStagingFolderCannotBeEmptied with real
// permissions, for an ordinary user: remove_all does report the failure
// that the faults above stand in for. (Root may remove anything.)
TEST_F(WriterTest, OpenFailsWhenPermissionsKeepTheStagingFolderFull) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can empty any folder";
  fs::path site = dir_ / "site";
  fs::path staging = dir_ / (".site.new-" + std::to_string(::getpid()));
  fs::create_directories(staging / "locked");
  std::ofstream(staging / "locked" / "a.html") << "left over";
  fs::permissions(staging / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  std::unique_ptr<SiteWriter> writer;
  Status s = SiteWriter::Open(site.string(), &writer);
  fs::permissions(staging / "locked", fs::perms::owner_all);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(staging.string()), std::string::npos) << s.message();
  EXPECT_EQ(writer, nullptr);
}

// A file that cannot be written (here: the disk is full) fails its Write,
// every later one and the Commit, and leaves the previous site as it was.
TEST_F(WriterTest, FailedWriteSpoilsTheCommit) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  ScopedWriterFaults faults({.write_error = [](const std::string& path) {
    return path == "b/c.html" ? ENOSPC : 0;
  }});
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  const std::string staging = (dir_ / (".site.new-" + std::to_string(::getpid()))).string();
  const std::string failure = staging + "/b/c.html: No space left on device";
  EXPECT_TRUE(writer->Write("index.html", "new").ok());
  EXPECT_EQ(writer->Write("b/c.html", "c").message(), failure);
  EXPECT_EQ(writer->Write("d.html", "d").message(), failure);
  EXPECT_EQ(writer->Commit().message(), failure);
  writer.reset();
  EXPECT_EQ(Read(site / "index.html"), "old");
  EXPECT_FALSE(fs::exists(site / "d.html"));
  EXPECT_EQ(StagingFolders(dir_), 0u);
}

// A ScopedWriterFaults inside another puts the outer one's faults back when
// it ends, and the last one to end leaves none.
TEST_F(WriterTest, NestedFaultsRestoreTheOuterOnes) {
  fs::path site = dir_ / "site";
  auto fails = [&](const std::string& expected_error) {
    std::unique_ptr<SiteWriter> writer;
    EXPECT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
    const Status s = writer->Write("a.html", "a");
    return expected_error.empty() ? s.ok()
                                  : s.message().find(expected_error) != std::string::npos;
  };
  {
    ScopedWriterFaults outer({.write_error = [](const std::string&) { return ENOSPC; }});
    {
      ScopedWriterFaults inner({.write_error = [](const std::string&) { return EIO; }});
      EXPECT_TRUE(fails("Input/output error"));
    }
    EXPECT_TRUE(fails("No space left on device"));
  }
  EXPECT_TRUE(fails(""));
}

TEST_F(WriterTest, StreamedDuplicateSpoilsTheCommit) {
  fs::path site = dir_ / "site";
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "old"}}).ok());
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  ASSERT_TRUE(writer->Write("a.html", "1").ok());
  Status dup = writer->Write("a.html", "2");
  EXPECT_EQ(dup.message(), "a.html: written twice in one build");
  EXPECT_EQ(writer->Write("../x.html", "x").message(), "a.html: written twice in one build");
  EXPECT_FALSE(writer->Commit().ok());
  writer.reset();
  EXPECT_EQ(Read(site / "index.html"), "old");
  EXPECT_FALSE(fs::exists(site / "a.html"));
  EXPECT_FALSE(fs::exists(dir_ / "x.html"));
  EXPECT_EQ(StagingFolders(dir_), 0u);
}

TEST_F(WriterTest, WritesFromManyThreadsAtOnce) {
  fs::path site = dir_ / "site";
  std::unique_ptr<SiteWriter> writer;
  ASSERT_TRUE(SiteWriter::Open(site.string(), &writer).ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string n = std::to_string(i);
        // The same folders from every thread: each is created once.
        EXPECT_TRUE(writer->Write("d" + n + "/e/" + std::to_string(t) + ".html", n).ok());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(writer->count(), 200u);
  EXPECT_EQ(Read(site / "d7/e/3.html"), "7");
}

TEST_F(WriterTest, ReplacingRemovesTheWholeOldSiteButNotWhatItLinksTo) {
  fs::path site = dir_ / "site";
  OutputFiles many;
  for (int i = 0; i < 50; ++i)
    many.push_back({"p/" + std::to_string(i) + "/index.html", "x"});
  many.push_back({"a/b/c/d.html", "d"});
  many.push_back({"top.html", "t"});
  ASSERT_TRUE(WriteSite(site.string(), many).ok());
  // Something outside the site, linked from inside it (a user's doing).
  fs::create_directories(dir_ / "outside");
  std::ofstream(dir_ / "outside/keep.txt") << "keep";
  fs::create_directory_symlink(dir_ / "outside", site / "link");
  fs::create_directory_symlink(dir_ / "outside", site / "p/link");
  ASSERT_TRUE(WriteSite(site.string(), {{"index.html", "new"}}).ok());
  size_t entries = 0;
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    EXPECT_EQ(e.path().filename(), "index.html");
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
  EXPECT_EQ(Read(dir_ / "outside/keep.txt"), "keep");
  EXPECT_EQ(StagingFolders(dir_), 0u);
  for (const auto& e : fs::directory_iterator(dir_))  // no .site.old-* either
    EXPECT_FALSE(e.path().filename().string().starts_with(".site.old")) << e.path();
}

}  // namespace
}  // namespace kapstok::output
