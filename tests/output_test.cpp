// write_output: a new file, an existing one only with force, special files
// in place, and a failed write that leaves everything as it was.
#include "base/output.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "support.h"

namespace limber::testing {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Output, WritesANewFile) {
  TempDir dir;
  const auto p = dir.path() / "r.txt";
  write_output(p.string(), "routine\n", false);
  EXPECT_EQ(read(p), "routine\n");
}

TEST(Output, KeepsAnExistingFileWithoutForce) {
  TempDir dir;
  const auto p = dir.write("r.txt", "mine\n");
  try {
    write_output(p.string(), "new\n", false);
    FAIL() << "replaced without force";
  } catch (const UsageError& e) {
    EXPECT_NE(e.render(false).find("the file exists already"), std::string::npos) << e.render(false);
  }
  EXPECT_EQ(read(p), "mine\n");
  write_output(p.string(), "new\n", true);
  EXPECT_EQ(read(p), "new\n");
}

TEST(Output, WritesSpecialFilesInPlace) {
  // /dev/null is not replaced by a regular file, and a full device is an error.
  write_output("/dev/null", "discarded\n", false);
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  if (std::filesystem::exists("/dev/full")) {
    EXPECT_THROW(write_output("/dev/full", "x\n", true), Error);
  }
}

TEST(Output, AFailedWriteLeavesNothingBehind) {
  TempDir dir;
  const auto p = dir.path() / "missing" / "r.txt";
  try {
    write_output(p.string(), "x\n", true);
    FAIL() << "wrote into a missing folder";
  } catch (const Error& e) {
    EXPECT_NE(e.render(false).find("cannot create a file here"), std::string::npos) << e.render(false);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace limber::testing
