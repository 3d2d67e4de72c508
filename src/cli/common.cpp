#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "../knowledge.h"
#include "../yaml.h"

namespace limber::cli {

std::unique_ptr<Engine> load_engine(const GlobalOptions& global) {
  LoadOptions options;
  for (const auto& d : global.rule_dirs) options.rule_dirs.emplace_back(d);
  for (const auto& d : global.catalogue_dirs) options.catalogue_dirs.emplace_back(d);
  options.builtin = !global.no_builtin;
  return std::make_unique<Engine>(load_knowledge(options));
}

bool use_color(const GlobalOptions& global, std::FILE* stream) {
  if (global.color == "always") return true;
  if (global.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

Profile read_profile(const Engine& engine, const std::string& path, const std::vector<std::string>& sets) {
  Profile profile = default_profile(engine.schema());
  if (!path.empty()) {
    const std::string name = path == "-" ? "<stdin>" : path;
    yaml::Source src(name, yaml::strip_bom(read_file(path)));
    const yaml::Node doc = yaml::parse_one(src);
    yaml::Checker check(src);
    if (doc.is_null()) {
      throw Error(Location{name, 0, 0, {}}, "the profile is empty",
                  "write one field per line, e.g. `pain_areas: [lower_back]`");
    }
    // A test case (a profile with `expect:`) is a profile too; the
    // expectation is ignored here.
    const yaml::Node* expect = nullptr;
    profile = parse_profile(doc, check, engine.schema(), &expect);
  }
  for (const std::string& s : sets) apply_assignment(profile, engine.schema(), s);
  return profile;
}

void write_output(const std::string& path, const std::string& content, bool force) {
  if (path.empty() || path == "-") {
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0) {
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

Format output_format(const std::string& format, const std::string& output) {
  if (format == "json") return Format::Json;
  if (format == "markdown") return Format::Markdown;
  if (format.empty()) {
    const std::string ext = std::filesystem::path(output).extension().string();
    if (ext == ".md" || ext == ".markdown") return Format::Markdown;
    if (ext == ".json") return Format::Json;
  }
  return Format::Text;
}

}  // namespace limber::cli
