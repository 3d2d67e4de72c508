#include "base/output.h"

#include <fmt/format.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/atomic_file.h"
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
  AtomicFile::write_file(path, content);
}

}  // namespace limber
