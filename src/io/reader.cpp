#include "io/reader.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "io/csv_profile.h"

namespace limber {

namespace fs = std::filesystem;

namespace {

// "Auto" for stdin: sniff the first non-blank character.
InputFormat sniff(std::istream& in) {
  while (true) {
    const int c = in.peek();
    if (c == EOF) return InputFormat::Yaml;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      in.get();
      continue;
    }
    if (c == '[') return InputFormat::Json;
    if (c == '{') return InputFormat::Jsonl;
    return InputFormat::Yaml;
  }
}

std::vector<std::string> expand(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    if (in == "-") {
      files.push_back(in);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec) && format_of(it->path().string()) != InputFormat::Auto)
          found.push_back(it->path().string());
      }
      if (ec) throw UsageError(Location{in, 0, 0, {}}, fmt::format("cannot list the folder: {}", ec.message()));
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(in, ec)) {
      if (format_of(in) == InputFormat::Auto) {
        throw UsageError(Location{in, 0, 0, {}}, "unknown input format",
                         "name the file .yaml, .yml, .json, .jsonl or .csv");
      }
      files.push_back(in);
    } else {
      throw UsageError(Location{in, 0, 0, {}}, "no such file or folder");
    }
  }
  if (std::count(files.begin(), files.end(), "-") > 1) throw UsageError("stdin (-) can be read only once");
  return files;
}

std::uint64_t size_of(const std::string& path) {
  struct stat st {};
  const int rc = path == "-" ? fstat(STDIN_FILENO, &st) : stat(path.c_str(), &st);
  return rc == 0 && S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
}

void add_kept(std::vector<std::string>& kept, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (!n.empty() && std::find(kept.begin(), kept.end(), n) == kept.end()) kept.push_back(n);
  }
}

}  // namespace

RecordReader::RecordReader(const Schema& schema, std::vector<std::string> inputs, InputFormat stdin_format)
    : RecordReader(schema, std::move(inputs), ReaderOptions{stdin_format, "-", {}, false}) {}

RecordReader::RecordReader(const Schema& schema, std::vector<std::string> inputs, ReaderOptions options)
    : schema_(schema), options_(std::move(options)), files_(expand(inputs)) {
  bool sized = true;
  for (const std::string& f : files_) {
    const std::uint64_t size = size_of(f);
    sized = sized && size > 0;
    total_bytes_ += size;
  }
  if (!sized) total_bytes_ = 0;
  if (options_.keep_columns) {
    for (const std::string& f : files_) read_header_ahead(f);
  }
}

RecordReader::~RecordReader() = default;

// The header of a CSV input, for the kept columns: a file is opened again
// later; stdin's reader is kept, positioned after its header.
void RecordReader::read_header_ahead(const std::string& path) {
  try {
    if (path == "-") {
      if (options_.stdin_format != InputFormat::Csv) return;
      stdin_csv_ = std::make_unique<CsvReader>(std::cin);
      stdin_csv_->set_name(options_.stdin_name);
      stdin_header_ = stdin_csv_->next();
      if (stdin_header_) add_kept(kept_, extra_columns(*stdin_header_, schema_));
      return;
    }
    if (format_of(path) != InputFormat::Csv) return;
    std::ifstream in(path, std::ios::binary);
    CsvReader csv(in);
    if (auto header = csv.next()) add_kept(kept_, extra_columns(*header, schema_));
  } catch (const Error&) {
    // The header is read again, and its error reported, in its place.
    if (path == "-") stdin_header_.reset();
  }
}

void RecordReader::read(const Emit& emit) {
  std::uint64_t base = 0;
  for (const std::string& f : files_) {
    read_file(f, base, emit);
    base += size_of(f);
  }
}

void RecordReader::read_file(const std::string& path, std::uint64_t base, const Emit& emit) {
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? options_.stdin_name : path;
  const StreamStart start = is_stdin ? options_.stdin_start : StreamStart{};
  std::ifstream file;
  if (!is_stdin) {
    file.open(path, std::ios::binary);
    if (!file) {
      emit(failed_record(name, 0, 1,
                         Error(Location{name, 0, 0, {}}, fmt::format("cannot read: {}", std::strerror(errno)))));
      return;
    }
  }
  std::istream& in = is_stdin ? std::cin : file;
  InputFormat format = is_stdin ? options_.stdin_format : format_of(path);
  if (format == InputFormat::Auto) format = sniff(in);
  std::uint64_t last = 0;  // records of this file emitted; their index
  const Emit counted = [&](RawRecord&& r) {
    last = r.index + (r.count > 0 ? r.count - 1 : 0);
    r.end_offset += base;
    emit(std::move(r));
  };
  switch (format) {
    case InputFormat::Jsonl: read_jsonl(in, name, start, counted); break;
    case InputFormat::Yaml: read_yaml(in, name, start, counted); break;
    case InputFormat::Json: read_json(in, name, start, schema_, counted); break;
    case InputFormat::Csv: {
      CsvInput csv;
      std::unique_ptr<CsvReader> own;
      if (is_stdin && stdin_csv_) {
        csv.reader = stdin_csv_.get();
        csv.header = std::move(stdin_header_);
      } else {
        own = std::make_unique<CsvReader>(in);
        own->set_name(name);
        csv.reader = own.get();
      }
      csv.kept = &kept_;
      csv.blank_rows = &blank_rows_;
      read_csv(std::move(csv), name, start, schema_, counted);
      break;
    }
    case InputFormat::Auto: break;
  }
  if (in.bad()) {
    const std::uint64_t index = std::max(last, start.record_offset) + 1;
    emit(failed_record(name, 0, index, Error(Location{name, 0, 0, {}}, "read error")));
  }
}

}  // namespace limber
