#include "print/subprocess.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace kapstok::print {
namespace {

// One log per test: ctest runs the tests of this file as parallel processes,
// and a shared log was truncated by one test while another read it.
std::string TempLog() {
  return ::testing::TempDir() + "kapstok-subprocess-" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".log";
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(RunProcessTest, ReportsExitCodeAndLogsOutputWithTheGivenHome) {
  ProcessResult r;
  ASSERT_TRUE(RunProcess({"/bin/sh", "-c", "echo out; echo err >&2; echo $HOME; exit 3"},
                         "/tmp/kapstok-home", TempLog(), 10, &r)
                  .ok());
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(Read(TempLog()), "out\nerr\n/tmp/kapstok-home\n");
}

TEST(RunProcessTest, KillsAProgramThatRunsTooLong) {
  ProcessResult r;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(RunProcess({"/bin/sleep", "30"}, "/tmp", TempLog(), 1, &r).ok());
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(RunProcessTest, MissingProgramIsAnError) {
  ProcessResult r;
  Status s = RunProcess({"/nonexistent/program"}, "/tmp", TempLog(), 1, &r);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "/nonexistent/program: No such file or directory");
}

}  // namespace
}  // namespace kapstok::print
