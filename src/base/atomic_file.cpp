#include "base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/error.h"

namespace limber {

namespace {

constexpr std::size_t kBufferSize = std::size_t{1} << 16;

std::filesystem::path folder_of(const std::filesystem::path& target) {
  return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

mode_t file_mode() {
  // umask() is the only way to read the mask; set it back at once.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  const std::filesystem::path target(path_);
  temp_ = (folder_of(target) / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) {
    const int error = errno;
    temp_.clear();
    throw Error(Location{path_, 0, 0, {}}, fmt::format("cannot create a file here: {}", std::strerror(error)));
  }
  // mkstemp makes the file private; an output file gets the usual mode.
  if (::fchmod(fd_, file_mode()) != 0) fail(errno);
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::write(std::string_view data) {
  if (fd_ < 0) fail(EBADF);
  if (buffer_.size() + data.size() > kBufferSize) {
    flush();
    if (data.size() >= kBufferSize) {
      buffer_.assign(data);
      flush();
      return;
    }
  }
  buffer_.append(data);
}

void AtomicFile::flush() {
  const char* data = buffer_.data();
  std::size_t left = buffer_.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void AtomicFile::commit() {
  if (fd_ < 0) fail(EBADF);
  flush();
  if (::fsync(fd_) != 0) fail(errno);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) fail(errno);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) fail(errno);
  temp_.clear();
  // The rename itself is durable only once the folder is synced. A folder
  // that cannot be opened or synced (some file systems) is not an error: the
  // file is complete and in place.
  const int dir = ::open(folder_of(std::filesystem::path(path_)).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void AtomicFile::fail(int error) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
  throw Error(Location{path_, 0, 0, {}}, fmt::format("cannot write: {}", std::strerror(error)), "nothing was written");
}

void AtomicFile::write_file(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

}  // namespace limber
