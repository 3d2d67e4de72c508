#include "io/json_record.h"

#include "base/text.h"

#include <simdjson.h>

#include <cstring>
#include <string>

namespace limber {

namespace {

namespace dom = simdjson::dom;

// Records above this size, or with more values than this, are left to the
// general path (whose limits are 1 MiB and 10,000 nodes).
constexpr std::size_t kMaxFastBytes = 64 * 1024;
constexpr std::size_t kMaxFastItems = 256;

// Bytes the general path treats differently from JSON: escapes (YAML's
// double-quoted escapes are a superset of JSON's); line breaks and tabs
// between tokens (JSON allows `"key"\n: 1`, a YAML flow mapping does not);
// the characters YAML 1.1 counts as line breaks inside a scalar (NEL, LS,
// PS); a BOM. Line ends after the record are fine.
bool plain(std::string_view text, bool line_breaks = false) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  // Almost every record is ASCII without escapes: one pass without early
  // exit (the compiler vectorises it) says so; the exact check below runs
  // only when it finds a suspect byte.
  std::uint8_t suspect = 0;
  for (const char ch : text) {
    const auto c = static_cast<std::uint8_t>(ch);
    suspect |=
        static_cast<std::uint8_t>((c == '\\') | ((c == '\n') & !line_breaks) | (c == '\r') | (c == '\t') | (c >> 7));
  }
  if (suspect == 0) return true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\' || (c == '\n' && !line_breaks) || c == '\r' || c == '\t') return false;
    if (c < 0xC2) continue;
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("\xC2\x85") || rest.starts_with("\xE2\x80\xA8") || rest.starts_with("\xE2\x80\xA9") ||
        rest.starts_with("\xEF\xBB\xBF")) {
      return false;
    }
  }
  return true;
}

// plain() for a whole file: line breaks too, where a YAML flow collection
// reads them as JSON does: after `,` `[` `{`, before `]` `}`, or at the end.
bool plain_layout(std::string_view text) {
  char last = 0;  // the last byte other than a space or line break
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') continue;
    if (c != '\n') {
      last = c;
      continue;
    }
    // The rest of this run of white space is judged the same way: skip it.
    const std::size_t next = text.find_first_not_of(" \n", i);
    if (next == std::string_view::npos) break;
    if (last != 0 && last != ',' && last != '[' && last != '{' && text[next] != ']' && text[next] != '}') return false;
    i = next - 1;
  }
  return plain(text, true);
}

struct Reader {
  dom::parser parser;
  std::string buffer;  // the record, padded as simdjson needs
};

}  // namespace

bool read_json_profile(std::string_view text, const Schema& schema, Profile& out) {
  if (text.size() > kMaxFastBytes || !plain(text)) return false;
  thread_local Reader reader;
  std::string& buf = reader.buffer;
  buf.resize(text.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buf.data(), text.data(), text.size());
  dom::element root;
  if (reader.parser.parse(buf.data(), text.size(), false).get(root) != simdjson::SUCCESS) return false;
  dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) return false;

  out = default_profile(schema);
  std::uint64_t seen = 0;
  std::size_t items = 0;
  // Records written by a program list their fields in schema order, some
  // left out: search from the field after the previous one.
  std::size_t next = 0;
  const std::size_t field_count = schema.fields.size();
  for (const dom::key_value_pair field : object) {
    int index = -1;
    for (std::size_t k = 0; k < field_count; ++k) {
      const std::size_t at = next + k < field_count ? next + k : next + k - field_count;
      if (schema.fields[at].name == field.key) {
        index = static_cast<int>(at);
        break;
      }
    }
    if (index < 0) return false;
    if (schema.fields[static_cast<std::size_t>(index)].history) return false;  // refused by the full reader
    next = static_cast<std::size_t>(index) + 1;
    const std::uint64_t bit = std::uint64_t{1} << index;
    if ((seen & bit) != 0) return false;
    seen |= bit;
    const Field& f = schema.fields[static_cast<std::size_t>(index)];
    const dom::element value = field.value;
    if (value.is_null()) continue;  // as not given
    switch (f.type) {
      case FieldType::String: {
        std::string_view s;
        if (value.get_string().get(s) != simdjson::SUCCESS) return false;
        store_value(out, schema, index, 0, std::string(s));
        break;
      }
      case FieldType::Integer: {
        std::int64_t v = 0;
        if (!value.is_int64() || value.get_int64().get(v) != simdjson::SUCCESS) return false;
        if (v < f.min || v > f.max) return false;
        store_value(out, schema, index, v, {});
        break;
      }
      case FieldType::Bool: {
        bool v = false;
        if (value.get_bool().get(v) != simdjson::SUCCESS) return false;
        store_value(out, schema, index, v ? 1 : 0, {});
        break;
      }
      case FieldType::Enum: {
        std::string_view s;
        if (value.get_string().get(s) != simdjson::SUCCESS) return false;
        const int i = f.value_index(s);
        if (i < 0) return false;
        store_value(out, schema, index, i, {});
        break;
      }
      case FieldType::Set: {
        dom::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) return false;
        std::uint64_t bits = 0;
        for (const dom::element item : array) {
          if (++items > kMaxFastItems) return false;
          std::string_view s;
          if (item.get_string().get(s) != simdjson::SUCCESS) return false;
          s = trim(s);
          if (s.empty() || s == "none") continue;
          const int i = f.value_index(s);
          if (i < 0) return false;
          bits |= std::uint64_t{1} << i;
        }
        store_value(out, schema, index, static_cast<std::int64_t>(bits), {});
        break;
      }
    }
  }
  return true;
}

std::optional<std::vector<std::string>> split_json_profiles(std::string_view text, const Schema& schema) {
  if (!plain_layout(text)) return std::nullopt;
  std::string buf(text);
  buf.resize(text.size() + simdjson::SIMDJSON_PADDING);
  dom::parser parser;
  dom::element root;
  if (parser.parse(buf.data(), text.size(), false).get(root) != simdjson::SUCCESS) return std::nullopt;
  std::vector<std::string> out;
  Profile p;
  auto take = [&](const dom::element& e) {
    if (!e.is_object()) return false;
    std::string record = simdjson::to_string(e);
    if (!read_json_profile(record, schema, p)) return false;
    out.push_back(std::move(record));
    return true;
  };
  dom::array items;
  if (root.get_array().get(items) == simdjson::SUCCESS) {
    for (const dom::element item : items) {
      if (!take(item)) return std::nullopt;
    }
  } else if (!take(root)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace limber
