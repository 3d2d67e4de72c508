// Reading a typed answer to one question: a number from the list, a
// label or the start of one, yes / no / not sure, days in other units, and
// "none" for a set; anything else is explained.
#include "io/answer_words.h"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "base/text.h"
#include "io/questionnaire.h"

namespace limber {

namespace answer_words {

namespace {

// "Lower  back" -> "lower_back": how a typed name or label is compared.
std::string normalise(std::string_view text) {
  return join(split(lower(trim(text)), " \t-"), "_");
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A typed answer kept as text must be what a profile file may hold (valid
// UTF-8, no NUL), or the saved profile would not read back.
std::optional<TextProblem> unusable_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '\0') return TextProblem{"the answer contains a NUL byte", "type it again"};
    const std::size_t len = utf8_length(s, i);
    if (len == 0) {
      return TextProblem{"the answer is not valid UTF-8 text", "type it again, with your terminal set to UTF-8"};
    }
    i += len;
  }
  return std::nullopt;
}

// One choice of an enum or set: a number from the list (1-based), a value
// name or a label (or the start of one label), in any case. Anything else
// is explained in the labels, with the closest one.
std::optional<TextProblem> resolve_choice(const Field& f, std::string_view token, std::string& name) {
  const std::string_view t = trim(token);
  if (all_digits(t)) {
    std::size_t n = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec == std::errc{} && ptr == t.data() + t.size() && n >= 1 && n <= f.values.size()) {
      name = f.values[n - 1].name;
      return std::nullopt;
    }
    return TextProblem{fmt::format("there is no choice {}", t),
                       fmt::format("choose a number from 1 to {}, or type the words of a choice", f.values.size())};
  }
  const std::string key = normalise(t);
  for (const FieldValue& v : f.values) {
    if (v.name == key || normalise(v.label) == key) {
      name = v.name;
      return std::nullopt;
    }
  }
  // The start of exactly one label: "pins" no, "tingling" yes.
  const FieldValue* only = nullptr;
  std::size_t starts = 0;
  for (const FieldValue& v : f.values) {
    if (key.size() >= 3 && normalise(v.label).starts_with(key)) {
      only = &v;
      ++starts;
    }
  }
  if (starts == 1) {
    name = only->name;
    return std::nullopt;
  }
  std::vector<std::string> words;
  for (const FieldValue& v : f.values) words.push_back(lower(v.label));
  const std::string near = closest(lower(t), words);
  const std::string hint =
      fmt::format("choose by number (1 to {}) or by the words of a choice; ? lists them again", f.values.size());
  if (!near.empty()) {
    for (const FieldValue& v : f.values) {
      if (lower(v.label) == near)
        return TextProblem{fmt::format("'{}' is not one of the choices (did you mean '{}'?)", t, v.label), hint};
    }
  }
  return TextProblem{fmt::format("'{}' is not one of the choices", t), hint};
}

}  // namespace

std::string capitalise(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// An integer field counted in days ("pain_days"): answers may be in weeks,
// months or years too.
bool counts_days(const Field& f) {
  return f.type == FieldType::Integer && f.name.ends_with("_days");
}

// "Not sure" to a yes/no question with a default: the careful reading is
// the opposite of the default, which assumes the better case (the pain is
// improving, the floor is within reach).
bool offers_not_sure(const Field& f) {
  return f.type == FieldType::Bool && f.has_default;
}

bool is_not_sure(std::string_view text) {
  static constexpr std::string_view kWords[] = {"not_sure",    "unsure",      "dont_know", "don't_know",
                                                "do_not_know", "not_certain", "no_idea",   "ns"};
  const std::string key = normalise(text);
  return std::find(std::begin(kWords), std::end(kWords), key) != std::end(kWords);
}

std::string how_to_answer(const Field& f) {
  switch (f.type) {
    case FieldType::String: return "Type your answer";
    case FieldType::Integer:
      if (counts_days(f)) return "A number of days, or of weeks, months or years (such as 3 weeks)";
      return fmt::format("A whole number from {} to {}", f.min, f.max);
    case FieldType::Bool: return offers_not_sure(f) ? "Answer yes, no or not sure" : "Answer yes or no (y, n)";
    case FieldType::Enum: return "One choice, by number or by its words";
    case FieldType::Set: return "All that apply, by number or by their words (such as 1,3), or none";
  }
  return {};
}

// A safety question left empty means "none of these", said explicitly, so
// the saved profile records that the screening was answered.
bool enter_means_none(const Field& f) {
  return f.safety && f.type == FieldType::Set && !f.has_default;
}

}  // namespace answer_words

using namespace answer_words;  // NOLINT(google-build-using-namespace): this file's words

std::optional<TextProblem> Interview::apply(int field, std::string_view raw, Profile& profile) const {
  const Schema& s = engine_.schema();
  const Field& f = s.fields[static_cast<std::size_t>(field)];
  const std::string_view text = trim(raw);
  switch (f.type) {
    case FieldType::String:
      if (auto problem = unusable_text(text)) return problem;
      return assign_text(profile, s, field, text);
    case FieldType::Integer: {
      if (counts_days(f)) {
        if (const auto days = parse_days(text)) return assign_text(profile, s, field, std::to_string(*days));
        if (!all_digits(text)) {
          return TextProblem{fmt::format("'{}' is not a number of days", text),
                             "answer such as 10, 10 days, 3 weeks, 2 months or 1 year"};
        }
      }
      return assign_text(profile, s, field, text);
    }
    case FieldType::Bool: {
      if (offers_not_sure(f) && is_not_sure(text)) {
        return assign_text(profile, s, field, f.default_value != 0 ? "false" : "true");
      }
      auto problem = assign_text(profile, s, field, text);
      if (problem) problem->hint = offers_not_sure(f) ? "answer yes, no or not sure" : "answer yes or no (or y, n)";
      return problem;
    }
    case FieldType::Enum: {
      std::string name;
      if (auto problem = resolve_choice(f, text, name)) return problem;
      return assign_text(profile, s, field, name);
    }
    case FieldType::Set: {
      const std::vector<std::string> tokens = split(text, ",;");
      // "Do any of these apply?" is naturally answered no (or yes).
      const std::string alone = tokens.size() == 1 ? normalise(tokens[0]) : std::string();
      if ((alone == "no" || alone == "n" || alone == "nothing") && f.value_index(alone) < 0) {
        return assign_text(profile, s, field, "none");
      }
      if ((alone == "yes" || alone == "y") && f.value_index(alone) < 0) {
        return TextProblem{fmt::format("'{}' does not say which ones", text),
                           fmt::format("choose them by number (1 to {}) or by their words, such as 1,3; or answer none",
                                       f.values.size())};
      }
      std::vector<std::string> names;
      for (const std::string& token : tokens) {
        if (normalise(token) == "none") {
          if (tokens.size() > 1) {
            return TextProblem{"'none' cannot go with other choices", "answer none alone, or only the choices"};
          }
          continue;
        }
        if (trim(token).empty()) continue;
        std::string name;
        if (auto problem = resolve_choice(f, token, name)) {
          problem->hint += "; separate several with commas";
          return problem;
        }
        names.push_back(std::move(name));
      }
      return assign_text(profile, s, field, names.empty() ? std::string("none") : join(names, ";"));
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_days(std::string_view text) {
  const std::vector<std::string> words = split(lower(trim(text)), " \t");
  if (words.empty() || words.size() > 2) return std::nullopt;
  std::int64_t n = 0;
  if (words[0] == "a" || words[0] == "an" || words[0] == "one") {
    n = 1;
  } else if (!yaml::parse_int(words[0], n) || n < 0) {
    return std::nullopt;
  }
  if (words.size() == 1) return n;
  static const std::pair<std::string_view, std::int64_t> kUnits[] = {
      {"d", 1},   {"day", 1},    {"days", 1},    {"w", 7},   {"wk", 7},   {"wks", 7},   {"week", 7},   {"weeks", 7},
      {"mo", 30}, {"month", 30}, {"months", 30}, {"y", 365}, {"yr", 365}, {"yrs", 365}, {"year", 365}, {"years", 365}};
  for (const auto& [unit, days] : kUnits) {
    if (words[1] == unit) return n > 1'000'000 ? std::nullopt : std::optional<std::int64_t>(n * days);
  }
  return std::nullopt;
}

}  // namespace limber
