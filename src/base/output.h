#pragma once
// Writing output: stdout, or a file written atomically (AtomicFile), so a
// failed write never leaves half a file.

#include <string>

namespace limber {

// Thrown when stdout is a pipe whose reader has gone (`limber list | head`):
// not a failure, the reader has what it wanted. main() ends quietly, exit 0.
struct ClosedPipe {};

// "" or "-" is stdout. An existing regular file is replaced only with
// `force`; special files (/dev/null, a pipe) are written in place. Throws
// Error on any failure (a full disk, no permission), ClosedPipe when
// stdout's reader has gone.
void write_output(const std::string& path, const std::string& content, bool force = true);

}  // namespace limber
