// JSONL in blocks of kBlockRecords records (non-blank lines): the workers
// cut them into records, so reading allocates nothing per record.

#include "io/readers.h"

namespace limber {

void read_jsonl(std::istream& in, const std::string& name, StreamStart start, const Emit& emit) {
  constexpr std::size_t kRead = 64 * 1024;
  int number = start.line_offset;             // lines before buf
  std::uint64_t index = start.record_offset;  // records before buf
  std::uint64_t consumed = 0;                 // bytes before buf
  std::string buf;                            // read, not yet emitted: whole lines, then perhaps the start of one
  std::size_t scanned = 0;                    // the length of the whole lines at the start of buf
  int lines = 0;                              // lines in buf[0, scanned)
  std::uint64_t records = 0;                  // of which not blank
  bool at_end = false;
  bool added_end = false;  // a line end was added after the last line
  auto flush = [&] {
    if (records > 0) {
      RawRecord r;
      r.kind = RawRecord::Kind::Lines;
      r.file = name;
      r.line = number + 1;
      r.index = index + 1;
      r.count = records;
      r.end_offset = consumed + scanned - (added_end ? 1 : 0);
      r.text.assign(buf, 0, scanned);
      emit(std::move(r));
    }
    number += lines;
    index += records;
    consumed += scanned;
    buf.erase(0, scanned);
    scanned = 0;
    lines = 0;
    records = 0;
  };
  while (true) {
    std::size_t end = buf.find('\n', scanned);
    if (end == std::string::npos) {
      if (!at_end) {
        const std::size_t old = buf.size();
        buf.resize(old + kRead);
        in.read(buf.data() + old, static_cast<std::streamsize>(kRead));
        buf.resize(old + static_cast<std::size_t>(in.gcount()));
        at_end = !in;
        continue;
      }
      if (scanned == buf.size()) break;
      // The last line has no line end: give it one.
      end = buf.size();
      buf.push_back('\n');
      added_end = true;
    }
    ++lines;
    if (!is_blank(std::string_view(buf).substr(scanned, end - scanned))) ++records;
    scanned = end + 1;
    if (records == kBlockRecords) flush();
  }
  flush();
}

}  // namespace limber
