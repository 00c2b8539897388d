#include "base/file_system.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kapstok
