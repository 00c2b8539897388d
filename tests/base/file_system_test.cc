#include "base/file_system.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kapstok {
namespace {

TEST(MemoryFileSystemTest, ListsTreeSortedWithSymlinks) {
  MemoryFileSystem fs;
  fs.AddFile("content/b/x.md", "x");
  fs.AddFile("content/a.md", "a");
  fs.AddSymlink("content/evil.md");
  std::vector<DirEntry> entries;
  ASSERT_TRUE(fs.ListTree("content", &entries).ok());
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].path, "a.md");
  EXPECT_EQ(entries[1].path, "b/x.md");
  EXPECT_TRUE(entries[2].is_symlink);
  EXPECT_FALSE(fs.ListTree("nope", &entries).ok());
}

TEST(MemoryFileSystemTest, ReadsFilesAndReportsMissing) {
  MemoryFileSystem fs;
  fs.AddFile("a", "hello");
  std::string s;
  ASSERT_TRUE(fs.ReadFile("a", &s).ok());
  EXPECT_EQ(s, "hello");
  Status st = fs.ReadFile("b", &s);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_EQ(st.message(), "b: no such file");
}

// The disk file system against a scratch folder (removed afterwards).
class DiskFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kapstok-fs-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }
  void Write(const std::string& rel, const std::string& bytes) {
    std::filesystem::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << bytes;
  }

  std::filesystem::path dir_;
  const FileSystem& fs_ = RealFileSystem();
};

TEST_F(DiskFileSystemTest, ReadsWholeFilesOfAnySize) {
  const std::string big(3 * 65536 + 17, 'x');
  Write("empty.md", "");
  Write("small.md", std::string("a\0b\r\n", 5));
  Write("big.md", big);
  std::string s = "stale";
  ASSERT_TRUE(fs_.ReadFile(Path("empty.md"), &s).ok());
  EXPECT_EQ(s, "");
  ASSERT_TRUE(fs_.ReadFile(Path("small.md"), &s).ok());
  EXPECT_EQ(s, std::string("a\0b\r\n", 5));
  ASSERT_TRUE(fs_.ReadFile(Path("big.md"), &s).ok());
  EXPECT_EQ(s, big);
}

// ReadFile stops without a last read when it got the size fstat gave; a
// file whose size fstat does not know (procfs says 0) is still read whole.
TEST_F(DiskFileSystemTest, ReadsAFileWhoseSizeIsUnknownWhole) {
  std::string s;
  ASSERT_TRUE(fs_.ReadFile("/proc/self/status", &s).ok());
  EXPECT_EQ(s.rfind("Name:", 0), 0u) << s;
  EXPECT_NE(s.find("nonvoluntary_ctxt_switches:"), std::string::npos) << s;
  EXPECT_EQ(s.back(), '\n');
}

TEST_F(DiskFileSystemTest, ReportsMissingFilesAndFolders) {
  std::string s;
  Status missing = fs_.ReadFile(Path("nope.md"), &s);
  EXPECT_EQ(missing.code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.message(), Path("nope.md") + ": no such file");
  std::filesystem::create_directories(dir_ / "folder.md");
  Status folder = fs_.ReadFile(Path("folder.md"), &s);
  EXPECT_EQ(folder.code(), Status::Code::kIOError);
  EXPECT_EQ(folder.message(), Path("folder.md") + ": not a regular file");
  std::filesystem::create_symlink(dir_ / "gone.md", dir_ / "dangling.md");
  EXPECT_EQ(fs_.ReadFile(Path("dangling.md"), &s).code(), Status::Code::kNotFound);
}

TEST_F(DiskFileSystemTest, ReadsAFifoAsNotARegularFileWithoutBlocking) {
  ASSERT_EQ(mkfifo(Path("pipe.md").c_str(), 0600), 0);
  std::string s;
  Status st = fs_.ReadFile(Path("pipe.md"), &s);
  EXPECT_EQ(st.message(), Path("pipe.md") + ": not a regular file");
}

TEST_F(DiskFileSystemTest, ListsTreeSortedWithSymlinksAndWithoutFolders) {
  Write("b/x.md", "x");
  Write("a.md", "a");
  Write("b/c/y.png", "y");
  Write("b-c.md", "z");
  std::filesystem::create_directories(dir_ / "empty");
  std::filesystem::create_symlink(dir_ / "a.md", dir_ / "link.md");
  std::filesystem::create_directory_symlink(dir_ / "b", dir_ / "linked-folder");
  ASSERT_EQ(mkfifo(Path("b/pipe").c_str(), 0600), 0);
  std::vector<DirEntry> entries;
  ASSERT_TRUE(fs_.ListTree(dir_.string(), &entries).ok());
  std::vector<std::string> printed;
  for (const DirEntry& e : entries)
    printed.push_back(e.path + (e.is_symlink ? " symlink" : "") + (e.is_regular ? "" : " other"));
  EXPECT_EQ(printed, (std::vector<std::string>{"a.md", "b-c.md", "b/c/y.png", "b/pipe other",
                                               "b/x.md", "link.md symlink other",
                                               "linked-folder symlink other"}));
  EXPECT_EQ(fs_.ListTree(Path("a.md"), &entries).code(), Status::Code::kNotFound);
  EXPECT_EQ(fs_.ListTree(Path("nope"), &entries).code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace kapstok
