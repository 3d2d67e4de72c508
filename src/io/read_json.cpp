// JSON: one object, or an array of them, read whole.

#include <sstream>

#include "io/json_record.h"
#include "io/readers.h"

namespace limber {

void read_json(std::istream& in, const std::string& name, StreamStart start, const Schema& schema, const Emit& emit) {
  std::string text;
  {
    std::ostringstream ss;
    ss << in.rdbuf();
    text = yaml::strip_bom(std::move(ss).str());
  }
  const std::uint64_t size = text.size();
  std::uint64_t index = start.record_offset;
  // Plain JSON whose every profile takes the fast path is cut into records
  // without building the YAML tree (a tenth of the memory); anything else,
  // and every error, takes the general path below.
  if (text.size() <= yaml::Limits{}.max_bytes) {
    if (auto records = split_json_profiles(text, schema)) {
      for (std::string& record : *records) {
        RawRecord r;
        r.file = name;
        r.line = start.line_offset + 1;  // shown only with an error, and these records have none
        r.index = ++index;
        r.end_offset = size;
        r.text = std::move(record);
        emit(std::move(r));
      }
      return;
    }
  }
  auto source = std::make_shared<yaml::Source>(name, std::move(text));
  source->set_line_offset(start.line_offset);
  std::shared_ptr<std::vector<yaml::Node>> docs;
  try {
    yaml::Limits limits;
    limits.max_nodes = 50'000'000;
    docs = std::make_shared<std::vector<yaml::Node>>(yaml::parse_all(*source, limits));
  } catch (const Error& e) {
    emit(failed_record(name, e.where().line, index + 1, e));
    return;
  }
  if (docs->empty()) return;
  if (docs->size() > 1) {
    // JSON is one value: anything after it is a mistake, not more profiles.
    const yaml::Node& second = (*docs)[1];
    emit(failed_record(name, second.line + start.line_offset, index + 1,
                       Error(source->at(second.line, second.column), "there is more after the JSON value",
                             "a JSON file holds one profile or one array of them; remove what follows it")));
    return;
  }
  const yaml::Node& root = docs->front();
  auto one = [&](const yaml::Node& node) {
    RawRecord r;
    r.kind = RawRecord::Kind::Node;
    r.file = name;
    r.line = node.line + start.line_offset;
    r.index = ++index;
    r.end_offset = size;
    r.source = source;
    r.node = &node;
    r.owner = docs;
    emit(std::move(r));
  };
  if (root.is_sequence()) {
    for (const yaml::Node& item : root.children) one(item);
  } else {
    one(root);
  }
}

}  // namespace limber
