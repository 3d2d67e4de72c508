#include "io/questionnaire.h"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "base/text.h"
#include "io/answer_words.h"

namespace limber {

using namespace answer_words;  // NOLINT(google-build-using-namespace): the interview's words

namespace {

// Completion offers the words shown: the labels, not the internal names.
std::vector<std::string> completion_words(const Field& f) {
  std::vector<std::string> words;
  for (const FieldValue& v : f.values) words.push_back(v.label);
  if (f.type == FieldType::Set) words.emplace_back("none");
  if (f.type == FieldType::Bool) words.insert(words.end(), {"yes", "no"});
  if (offers_not_sure(f)) words.emplace_back("not sure");
  words.emplace_back("back");
  return words;
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
  const std::vector<std::string> words = completion_words(f);
  for (;;) {
    io_.offer(words);
    const std::optional<std::string> line = io_.read_line("> ");
    if (!line) return Reply::Ended;
    const std::string text(trim(*line));
    const std::string word = lower(text);
    if (word == "?") {
      show_help(f, indent);
      continue;
    }
    if (word == "back") return Reply::Back;
    if (text.empty()) {
      keep_or_skip(field, own_label, indent, profile);
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

void Interview::show_help(const Field& f, std::size_t indent) {
  para("", f.help.empty() ? "There is nothing more to say about this question." : f.help, indent, Tone::Plain);
  for (std::size_t i = 0; i < f.values.size(); ++i) {
    para(fmt::format("{:>2}) ", i + 1), f.values[i].label, indent, Tone::Plain);
  }
  para("", "Type back to return to the previous question.", indent, Tone::Hint);
}

void Interview::keep_or_skip(int field, const std::string& own_label, std::size_t indent, Profile& profile) {
  const Schema& s = engine_.schema();
  const Field& f = s.fields[static_cast<std::size_t>(field)];
  Own& own = own_[static_cast<std::size_t>(field)];
  if (!own_label.empty() && !assign_text(profile, s, field, own.text)) {
    para("", "Keeping your answer: " + own_label + ".", indent, Tone::Good);
    return;
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

void Interview::introduce() {
  para("", "limber: a few questions before your routine", 0, Tone::Question);
  para("",
       "I will ask about your pain and how stretching has felt, then suggest a short routine that suits you, with "
       "the reason for every stretch. The first questions are safety checks: if one of them applies, I will stop "
       "and tell you who to see instead. At any question, answer ? for help, back to go back to the previous "
       "question, or press Enter to skip it (or keep the default shown). This is not a diagnosis.",
       0, Tone::Plain);
}

InterviewEnd Interview::ask_in_order(Profile& profile, std::vector<int>& asked_fields) {
  const Schema& s = engine_.schema();
  const std::vector<int> order = question_order(s);
  struct Asked {
    std::size_t position;
    Profile before;
  };
  std::vector<Asked> asked;
  InterviewEnd end = InterviewEnd::Finished;
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
      end = InterviewEnd::Ended;
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
        end = InterviewEnd::Ended;
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
      end = InterviewEnd::Stopped;
      break;
    }
    ++position;
  }
  for (const Asked& a : asked) asked_fields.push_back(order[a.position]);
  return end;
}

InterviewOutcome Interview::run() {
  const Schema& s = engine_.schema();
  InterviewOutcome out;
  out.profile = default_profile(s);
  own_.assign(s.fields.size(), Own{});
  introduce();
  out.end = ask_in_order(out.profile, out.asked);
  if (out.end == InterviewEnd::Finished && io_.interactive()) {
    if (const std::optional<InterviewEnd> end = review(out.profile, out.asked)) out.end = *end;
  }
  if (out.end == InterviewEnd::Finished) {
    io_.say("\n");
    para("", "Thank you, that is all I need.", 0, Tone::Good);
  }
  return out;
}

}  // namespace limber
