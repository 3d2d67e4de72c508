// What the interview shows: questions, values in words, wrapped and
// styled paragraphs, and the stop.
#include <fmt/color.h>
#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"
#include "engine/answer.h"
#include "io/answer_words.h"
#include "io/questionnaire.h"

namespace limber {

namespace {

constexpr std::size_t kMinWidth = 40;

}  // namespace

using namespace answer_words;  // NOLINT(google-build-using-namespace): the interview's words

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

}  // namespace limber
