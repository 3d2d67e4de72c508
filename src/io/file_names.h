#pragma once
// File names for `batch --format markdown`: one safe, unique name per profile.

#include <map>
#include <string>
#include <string_view>

namespace limber {

// A file name from a profile id: lower-case letters, digits, '-' and '_'.
std::string safe_file_name(std::string_view id);

// Unique within a run: a second "jo" becomes "jo-2".
class UniqueNames {
 public:
  std::string take(const std::string& stem);

 private:
  std::map<std::string, int> used_;
};

}  // namespace limber
