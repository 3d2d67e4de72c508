// AtomicFile: the mode comes from the umask, the old file survives a failed
// or abandoned write, and no temporary file is left behind.
#include "base/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/error.h"

namespace fs = std::filesystem;
using limber::AtomicFile;

namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("limber-atomic-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static unsigned mode(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 0777u;
  }
  // Everything in the folder: the target alone, no temporary file.
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), {})); }

  fs::path dir_;
};

// Sets the umask for one scope.
struct Umask {
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
  mode_t old;
};

TEST_F(AtomicFileTest, WritesTheWholeFileWithTheModeTheUmaskLeaves) {
  const fs::path p = dir_ / "out.txt";
  {
    const Umask u(022);
    AtomicFile::write_file(p.string(), "hello\n");
  }
  EXPECT_EQ(read(p), "hello\n");
  EXPECT_EQ(mode(p), 0644u);
  {
    const Umask u(077);
    AtomicFile::write_file(p.string(), "private\n");
  }
  EXPECT_EQ(read(p), "private\n");
  EXPECT_EQ(mode(p), 0600u);
  {
    const Umask u(027);
    AtomicFile::write_file(p.string(), "group\n");
  }
  EXPECT_EQ(mode(p), 0640u);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, LargeWritesArriveWhole) {
  const fs::path p = dir_ / "big.txt";
  std::string expected;
  AtomicFile f(p.string());
  for (int i = 0; i < 20000; ++i) {
    const std::string line = "line " + std::to_string(i) + (i % 7 == 0 ? std::string(70000, 'x') : "") + "\n";
    f.write(line);
    expected += line;
  }
  EXPECT_FALSE(fs::exists(p)) << "visible before commit";
  f.commit();
  EXPECT_EQ(read(p), expected);
}

TEST_F(AtomicFileTest, AnAbandonedWriteLeavesTheOldFile) {
  const fs::path p = dir_ / "keep.txt";
  AtomicFile::write_file(p.string(), "old\n");
  {
    AtomicFile f(p.string());
    f.write("new, but never committed\n");
  }
  EXPECT_EQ(read(p), "old\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AFailedWriteLeavesTheOldFileAndNoTemporaryFile) {
  const fs::path p = dir_ / "keep.txt";
  AtomicFile::write_file(p.string(), "old\n");
  // A file size limit makes write() fail (EFBIG) as a full disk would.
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  bool threw = false;
  try {
    AtomicFile f(p.string());
    f.write(std::string(1 << 20, 'x'));
    f.commit();
  } catch (const limber::Error& e) {
    threw = true;
    EXPECT_NE(e.render(false).find("cannot write"), std::string::npos) << e.render(false);
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, previous);
  EXPECT_TRUE(threw);
  EXPECT_EQ(read(p), "old\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AMissingFolderIsAClearError) {
  const fs::path p = dir_ / "missing" / "out.txt";
  try {
    AtomicFile f(p.string());
    FAIL() << "no error";
  } catch (const limber::Error& e) {
    EXPECT_NE(e.render(false).find("cannot create a file here"), std::string::npos) << e.render(false);
  }
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

}  // namespace
