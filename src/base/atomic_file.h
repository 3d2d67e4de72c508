#pragma once
// Every output file is written through AtomicFile: the bytes go to a
// temporary file in the target's folder, which is synced and then renamed
// over the target, and the folder is synced too. A reader sees the old file
// or the whole new one, never half of one, and a failed or abandoned write
// leaves the old file as it was. New files get the usual mode (0666 less
// the umask), as any program's output does.

#include <string>
#include <string_view>

namespace limber {

class AtomicFile {
 public:
  // Creates the temporary file beside `path`. Throws Error ("cannot create
  // a file here") when the folder is missing or not writable.
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Without commit(), the temporary file is removed and `path` is untouched.
  ~AtomicFile();

  void write(std::string_view data);
  // Flushes, syncs, renames into place and syncs the folder. Throws Error on
  // any failure, and then nothing was written.
  void commit();

  const std::string& path() const { return path_; }
  // One whole file at once.
  static void write_file(const std::string& path, std::string_view content);

 private:
  void flush();
  [[noreturn]] void fail(int error);

  std::string path_;
  std::string temp_;
  std::string buffer_;
  int fd_ = -1;
};

}  // namespace limber
