#pragma once
// Progress of a batch on stderr: records, errors, the share of the input
// done and the time left when its size is known; and a final line with
// records, errors and time. On a terminal one line redrawn in place; to a
// file or pipe (--progress) a line every few seconds.

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace limber {

class Progress {
 public:
  // `total_bytes` 0: the size is unknown (a pipe).
  Progress(bool enabled, bool terminal, std::uint64_t total_bytes, std::FILE* out = stderr);
  void update(std::uint64_t records, std::uint64_t errors, std::uint64_t bytes_done);
  void finish(std::uint64_t records, std::uint64_t errors, std::uint64_t blank_rows);

 private:
  bool enabled_;
  bool terminal_;
  std::uint64_t total_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace limber
