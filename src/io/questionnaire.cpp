#include "io/questionnaire.h"

#include <fmt/color.h>
#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "base/text.h"
#include "engine/answer.h"

namespace limber {
namespace {

constexpr std::size_t kMinWidth = 40;

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

std::string capitalise(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
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

// YAML 1.1 reads these plain scalars as booleans or null: quote them.
bool needs_quotes(std::string_view name) {
  static constexpr std::string_view kSpecial[] = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"};
  return std::find(std::begin(kSpecial), std::end(kSpecial), name) != std::end(kSpecial);
}

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02x}", u);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string name_scalar(const std::string& name) {
  return needs_quotes(name) ? yaml_quoted(name) : name;
}

}  // namespace

Interview::Interview(const Engine& engine, InterviewIo& io) : engine_(engine), io_(io) {}

std::vector<int> Interview::question_order(const Schema& schema) {
  std::vector<int> order;
  for (const bool safety : {true, false}) {
    for (std::size_t i = 0; i < schema.fields.size(); ++i) {
      if (schema.fields[i].safety == safety && !schema.fields[i].history) order.push_back(static_cast<int>(i));
    }
  }
  return order;
}

std::string Interview::styled(std::string_view text, Tone tone) {
  if (!io_.color() || text.empty()) return std::string(text);
  fmt::text_style st;
  switch (tone) {
    case Tone::Plain: return std::string(text);
    case Tone::Question: st = fmt::emphasis::bold; break;
    case Tone::Safety: st = fmt::emphasis::bold | fg(fmt::terminal_color::yellow); break;
    case Tone::Hint: st = fmt::emphasis::faint; break;
    case Tone::Good: st = fg(fmt::terminal_color::green); break;
    case Tone::Problem: st = fg(fmt::terminal_color::red); break;
    case Tone::Stop: st = fmt::emphasis::bold | fg(fmt::terminal_color::red); break;
  }
  return fmt::format(st, "{}", text);
}

void Interview::para(std::string_view lead, std::string_view text, std::size_t indent, Tone tone) {
  const std::size_t width = std::max(io_.width(), kMinWidth);
  const std::size_t lead_width = display_width(lead);
  const std::size_t first = indent + lead_width;
  const std::size_t avail = width > first + 20 ? width - first : 20;
  std::string out;
  const auto lines = wrap(text, avail);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += std::string(indent, ' ');
    out += i == 0 ? std::string(lead) : std::string(lead_width, ' ');
    out += styled(lines[i], tone);
    out += '\n';
  }
  io_.say(out);
}

std::string Interview::default_text(const Field& f) const {
  switch (f.type) {
    case FieldType::String: return {};
    case FieldType::Integer: return std::to_string(f.default_value);
    case FieldType::Bool: return f.default_value != 0 ? "yes" : "no";
    case FieldType::Enum: return f.values[static_cast<std::size_t>(f.default_value)].label;
    case FieldType::Set: {
      std::vector<std::string> labels;
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        if ((static_cast<std::uint64_t>(f.default_value) >> i) & 1u) labels.push_back(f.values[i].label);
      }
      return labels.empty() ? "none" : join(labels);
    }
  }
  return {};
}

std::string Interview::human_value(const Profile& profile, int field) const {
  const Schema& s = engine_.schema();
  const Field& f = s.fields[static_cast<std::size_t>(field)];
  const std::int64_t v = profile.values[static_cast<std::size_t>(field)];
  switch (f.type) {
    case FieldType::String: return value_text(profile, s, field);
    case FieldType::Integer:
      if (counts_days(f)) return fmt::format("{} day{}", v, v == 1 ? "" : "s");
      return value_text(profile, s, field);
    case FieldType::Bool: return v != 0 ? "yes" : "no";
    case FieldType::Enum: return f.values[static_cast<std::size_t>(v)].label;
    case FieldType::Set: {
      std::vector<std::string> labels;
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        if ((static_cast<std::uint64_t>(v) >> i) & 1u) labels.push_back(f.values[i].label);
      }
      return labels.empty() ? "none of these" : join(labels, "; ");
    }
  }
  return {};
}

void Interview::show_question(const Field& f, std::size_t number, bool full) {
  const std::string lead = fmt::format("{}. ", number);
  if (f.safety) {
    para(lead, "Safety check: " + f.question, 0, Tone::Safety);
  } else {
    para(lead, f.question, 0, Tone::Question);
  }
  if (!full) return;
  const std::size_t indent = lead.size();
  for (std::size_t i = 0; i < f.values.size(); ++i) {
    para(fmt::format("{:>2}) ", i + 1), f.values[i].label, indent, Tone::Plain);
  }
  const std::string enter = enter_means_none(f) ? "none of these" : f.has_default ? "keep " + default_text(f) : "skip";
  para("", fmt::format("{}. Enter: {}.", how_to_answer(f), enter), indent, Tone::Hint);
}

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

Interview::Reply Interview::ask(int field, std::size_t number, std::size_t total, Profile& profile) {
  const Schema& s = engine_.schema();
  const Field& f = s.fields[static_cast<std::size_t>(field)];
  Own& own = own_[static_cast<std::size_t>(field)];
  io_.say("\n");
  para("", fmt::format("Question {} of {}", number, std::max(number, total)), 0, Tone::Hint);
  show_question(f, number, true);
  // The person's own earlier answer (after `back`): Enter keeps it.
  std::string own_label;
  if (own.answered && !own.skipped) {
    Profile p = profile;
    if (!assign_text(p, s, field, own.text)) own_label = human_value(p, field);
  }
  const std::size_t indent = fmt::format("{}. ", number).size();
  if (!own_label.empty()) para("", fmt::format("You answered: {}. Enter keeps it.", own_label), indent, Tone::Hint);
  // Completion offers the words shown: the labels, not the internal names.
  std::vector<std::string> words;
  for (const FieldValue& v : f.values) words.push_back(v.label);
  if (f.type == FieldType::Set) words.emplace_back("none");
  if (f.type == FieldType::Bool) words.insert(words.end(), {"yes", "no"});
  if (offers_not_sure(f)) words.emplace_back("not sure");
  words.emplace_back("back");
  for (;;) {
    io_.offer(words);
    const std::optional<std::string> line = io_.read_line("> ");
    if (!line) return Reply::Ended;
    const std::string text(trim(*line));
    const std::string word = lower(text);
    if (word == "?") {
      para("", f.help.empty() ? "There is nothing more to say about this question." : f.help, indent, Tone::Plain);
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        para(fmt::format("{:>2}) ", i + 1), f.values[i].label, indent, Tone::Plain);
      }
      para("", "Type back to return to the previous question.", indent, Tone::Hint);
      continue;
    }
    if (word == "back") return Reply::Back;
    if (text.empty()) {
      if (!own_label.empty() && !assign_text(profile, s, field, own.text)) {
        para("", "Keeping your answer: " + own_label + ".", indent, Tone::Good);
        return Reply::Answered;
      }
      own = Own{true, true, {}};
      if (enter_means_none(f)) {
        assign_text(profile, s, field, "none");
        own = Own{true, false, "none"};
        para("", "None of these. Thank you.", indent, Tone::Good);
      } else {
        clear_field(profile, s, field);
        para("", f.has_default ? "Keeping " + default_text(f) + "." : "Skipped.", indent, Tone::Good);
      }
      return Reply::Answered;
    }
    if (auto problem = apply(field, text, profile)) {
      std::string explained = capitalise(problem->message) + ".";
      if (!problem->hint.empty()) explained += " " + capitalise(problem->hint) + ".";
      para("", explained, indent, Tone::Problem);
      show_question(f, number, false);
      continue;
    }
    own = Own{true, false, value_text(profile, s, field)};
    if (offers_not_sure(f) && is_not_sure(text)) {
      para("", fmt::format("Noted: not sure, so I will take the careful reading: {}.", human_value(profile, field)),
           indent, Tone::Good);
    } else {
      para("", "Noted: " + human_value(profile, field) + ".", indent, Tone::Good);
    }
    return Reply::Answered;
  }
}

std::optional<bool> Interview::confirm_stop(int field, const Profile& profile) {
  if (!io_.interactive()) return true;
  io_.say("\n");
  para("",
       fmt::format("You answered: {}. With that answer stretching is not safe for you now, and I would stop the "
                   "questions here. Is that right? Answer yes, or no to change your answer.",
                   human_value(profile, field)),
       0, Tone::Safety);
  for (;;) {
    io_.offer(std::vector<std::string>{"yes", "no"});
    const std::optional<std::string> line = io_.read_line("> ");
    if (!line) return std::nullopt;
    const std::string word = lower(trim(*line));
    if (word.empty() || word == "y" || word == "yes") return true;
    if (word == "n" || word == "no") return false;
    para("", "Please answer yes or no.", 0, Tone::Problem);
  }
}

std::optional<InterviewEnd> Interview::review(Profile& profile, std::vector<int>& asked) {
  const Schema& s = engine_.schema();
  const std::vector<int> order = question_order(s);
  for (;;) {
    io_.say("\n");
    para("", "Your answers", 0, Tone::Question);
    for (std::size_t k = 0; k < asked.size(); ++k) {
      const int field = asked[k];
      const Field& f = s.fields[static_cast<std::size_t>(field)];
      const std::string value = profile.has(field) && ((profile.given >> field) & 1u) != 0
                                    ? human_value(profile, field)
                                    : (f.has_default ? default_text(f) + " (as usual)" : "(skipped)");
      para(fmt::format("{:>2}. ", k + 1), f.question + " " + styled(value, Tone::Good), 0, Tone::Plain);
    }
    para("", "Press Enter to get your routine, or type a number to change that answer.", 0, Tone::Hint);
    io_.offer(std::vector<std::string>{});
    const std::optional<std::string> line = io_.read_line("> ");
    if (!line) return InterviewEnd::Ended;
    const std::string text(trim(*line));
    if (text.empty()) return std::nullopt;
    std::size_t k = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), k);
    if (ec != std::errc{} || ptr != text.data() + text.size() || k < 1 || k > asked.size()) {
      para("", fmt::format("Type a number from 1 to {}, or press Enter.", asked.size()), 0, Tone::Problem);
      continue;
    }
    const int field = asked[k - 1];
    const Profile before = profile;
    const Reply reply = ask(field, k, asked.size(), profile);
    if (reply == Reply::Ended) return InterviewEnd::Ended;
    if (reply == Reply::Back) continue;
    // The change may make other questions matter, or stop mattering.
    std::vector<int> now;
    for (const int g : order) {
      const bool was = std::find(asked.begin(), asked.end(), g) != asked.end();
      if (!engine_.should_ask(g, profile)) {
        if (was) clear_field(profile, s, g);
        continue;
      }
      if (!was) {
        const Reply r = ask(g, now.size() + 1, asked.size() + 1, profile);
        if (r == Reply::Ended) return InterviewEnd::Ended;
      }
      now.push_back(g);
    }
    asked = std::move(now);
    engine_.evaluate(profile, result_);
    if (result_.status == Status::Stop) {
      const std::optional<bool> sure = confirm_stop(field, profile);
      if (!sure) return InterviewEnd::Ended;
      if (!*sure) {
        profile = before;
        continue;
      }
      show_stop(profile);
      return InterviewEnd::Stopped;
    }
  }
}

void Interview::show_stop(const Profile& profile) {
  const Answer a = make_answer(engine_, profile, result_);
  Urgency worst = Urgency::Soon;
  for (const StopReason& r : a.stop_reasons) worst = std::min(worst, r.urgency);
  io_.say("\n");
  para("",
       "STOP. Thank you for telling me. With that answer, stretching is not safe for you now, so I will stop the "
       "questions here.",
       0, Tone::Stop);
  para("", fmt::format("What to do: {}.", urgency_advice(worst)), 0, Tone::Stop);
  for (const StopReason& r : a.stop_reasons) {
    para("- ", fmt::format("{} ({})", r.reason.text, urgency_name(r.urgency)), 0, Tone::Plain);
  }
}

InterviewOutcome Interview::run() {
  const Schema& s = engine_.schema();
  const std::vector<int> order = question_order(s);
  InterviewOutcome out;
  out.profile = default_profile(s);
  Profile& profile = out.profile;

  para("", "limber: a few questions before your routine", 0, Tone::Question);
  para("",
       "I will ask about your pain and how stretching has felt, then suggest a short routine that suits you, with "
       "the reason for every stretch. The first questions are safety checks: if one of them applies, I will stop "
       "and tell you who to see instead. At any question, answer ? for help, back to go back to the previous "
       "question, or press Enter to skip it (or keep the default shown). This is not a diagnosis.",
       0, Tone::Plain);

  own_.assign(s.fields.size(), Own{});
  struct Asked {
    std::size_t position;
    Profile before;
  };
  std::vector<Asked> asked;
  std::size_t position = 0;
  while (position < order.size()) {
    const int field = order[position];
    const Field& f = s.fields[static_cast<std::size_t>(field)];
    if (!engine_.should_ask(field, profile)) {
      ++position;
      continue;
    }
    if (!f.safety && !asked.empty() && s.fields[static_cast<std::size_t>(order[asked.back().position])].safety) {
      io_.say("\n");
      para("", "Thank you. Nothing so far rules out stretching. Now some questions about your pain and your day.", 0,
           Tone::Good);
    }
    Profile before = profile;
    // How many questions in all, as the answers so far decide (ask_if).
    std::size_t total = asked.size();
    for (std::size_t k = position; k < order.size(); ++k) total += engine_.should_ask(order[k], profile) ? 1 : 0;
    const Reply reply = ask(field, asked.size() + 1, total, profile);
    if (reply == Reply::Ended) {
      out.end = InterviewEnd::Ended;
      break;
    }
    if (reply == Reply::Back) {
      if (asked.empty()) {
        para("", "This is the first question; there is nothing before it.", 0, Tone::Hint);
        continue;
      }
      profile = std::move(asked.back().before);
      position = asked.back().position;
      asked.pop_back();
      continue;
    }
    // Any answer that makes the routine a stop ends the interview: no
    // routine will follow, so no further question matters. At a terminal
    // it is confirmed once first: a mistyped number must not end it all.
    engine_.evaluate(profile, result_);
    if (result_.status == Status::Stop) {
      const std::optional<bool> sure = confirm_stop(field, profile);
      if (!sure) {
        out.end = InterviewEnd::Ended;
        break;
      }
      if (!*sure) {
        profile = std::move(before);
        continue;
      }
    }
    asked.push_back({position, std::move(before)});
    if (result_.status == Status::Stop) {
      show_stop(profile);
      out.end = InterviewEnd::Stopped;
      break;
    }
    ++position;
  }
  for (const Asked& a : asked) out.asked.push_back(order[a.position]);
  if (out.end == InterviewEnd::Finished && io_.interactive()) {
    if (const std::optional<InterviewEnd> end = review(profile, out.asked)) out.end = *end;
  }
  if (out.end == InterviewEnd::Finished) {
    io_.say("\n");
    para("", "Thank you, that is all I need.", 0, Tone::Good);
  }
  return out;
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

std::string profile_yaml(const Profile& profile, const Schema& schema) {
  std::string out = "# Answers from `limber ask`; `limber recommend` reads this file.\n";
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (((profile.given >> i) & 1u) == 0) continue;
    const Field& f = schema.fields[i];
    const int field = static_cast<int>(i);
    std::string value;
    switch (f.type) {
      case FieldType::String: value = yaml_quoted(value_text(profile, schema, field)); break;
      case FieldType::Integer:
      case FieldType::Bool: value = value_text(profile, schema, field); break;
      case FieldType::Enum: value = name_scalar(value_text(profile, schema, field)); break;
      case FieldType::Set: {
        std::vector<std::string> items;
        for (const std::string& n : set_names(f, profile.set_bits(field))) items.push_back(name_scalar(n));
        value = "[" + join(items) + "]";
        break;
      }
    }
    out += f.name + ": " + value + "\n";
  }
  return out;
}

}  // namespace limber
