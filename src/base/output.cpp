#include "base/output.h"

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

void write_output(const std::string& path, const std::string& content, bool force) {
  if (path.empty() || path == "-") {
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0) {
      if (errno == EPIPE) throw ClosedPipe{};
      throw Error(Location{"<stdout>", 0, 0, {}}, fmt::format("cannot write the output: {}", std::strerror(errno)));
    }
    return;
  }
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (!force && fs::is_regular_file(target, ec)) {
    throw UsageError(Location{path, 0, 0, {}}, "the file exists already",
                     "use --force to replace it, or choose another name");
  }
  // Special files (/dev/null, /dev/full, a pipe) are written in place.
  if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    bool ok = f != nullptr && std::fwrite(content.data(), 1, content.size(), f) == content.size();
    ok = (f != nullptr && std::fclose(f) == 0) && ok;
    if (!ok) throw Error(Location{path, 0, 0, {}}, fmt::format("cannot write: {}", std::strerror(errno)));
    return;
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) throw Error(Location{path, 0, 0, {}}, fmt::format("cannot create a file here: {}", std::strerror(errno)));
  // mkstemp makes the file private; give it the usual permissions.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  const char* data = content.data();
  std::size_t left = content.size();
  int error = 0;
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(tmpl.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(tmpl.c_str());
    throw Error(Location{path, 0, 0, {}}, fmt::format("cannot write: {}", std::strerror(error)), "nothing was written");
  }
}

}  // namespace limber
