#pragma once
// One error type for everything a user can get wrong: a position in a file,
// what is wrong, and what would be right.

#include <stdexcept>
#include <string>

namespace limber {

struct Location {
  std::string file;  // "rules/desk.yaml", "<--set>", "-" for stdin
  int line = 0;      // 1-based; 0 = the whole file
  int column = 0;    // 1-based; 0 = the whole line
  std::string text;  // the offending source line, for the caret display
};

class Error : public std::runtime_error {
 public:
  Error(Location where, std::string message, std::string hint = {});
  explicit Error(std::string message, std::string hint = {});

  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

  // "file:line:col: error: message" + source line + caret + hint.
  std::string render(bool color = false) const;
  // One line, no caret: for batch error records.
  std::string one_line() const;

 private:
  Location where_;
  std::string message_;
  std::string hint_;
};

// A usage error (exit 2) as opposed to a failed check (exit 1).
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace limber
