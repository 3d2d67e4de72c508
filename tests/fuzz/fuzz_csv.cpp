// Fuzz target: a CSV file as `batch` reads it, every row parsed into a profile.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "batch.h"
#include "engine.h"

namespace {
const limber::Engine& engine() {
  static const limber::Engine e(limber::load_knowledge(limber::LoadOptions{}));
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const limber::Engine& e = engine();
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  limber::CsvReader csv(in);
  try {
    while (auto rec = csv.next()) {
      for (const limber::CsvField& f : rec->fields) {
        // Each cell as a value of each field: the text path --set and ask use too.
        for (int field = 0; field < static_cast<int>(e.schema().fields.size()); ++field) {
          limber::Profile p = limber::default_profile(e.schema());
          (void)limber::assign_text(p, e.schema(), field, f.text);
        }
      }
    }
  } catch (const limber::Error&) {
  }
  return 0;
}
