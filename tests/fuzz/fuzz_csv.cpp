// Fuzz target: a CSV file as `batch` reads it, every row parsed into a profile.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "engine/engine.h"
#include "io/batch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const limber::Engine& e = limber::fuzz::builtin_engine();
  std::istringstream in(limber::fuzz::text(data, size));
  limber::CsvReader csv(in);
  try {
    const int fields = static_cast<int>(e.schema().fields.size());
    while (auto rec = csv.next()) {
      // Cell i as a value of field i (mod the field count): the text path
      // that CSV rows, --set and ask answers all go through.
      limber::Profile p = limber::default_profile(e.schema());
      for (std::size_t i = 0; i < rec->fields.size(); ++i) {
        (void)limber::assign_text(p, e.schema(), static_cast<int>(i) % fields, rec->fields[i].text);
      }
    }
  } catch (const limber::Error&) {
  }
  return 0;
}
