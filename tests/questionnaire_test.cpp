// The questionnaire without a terminal: a scripted InterviewIo answers,
// and the transcript and the profile are checked.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "engine/answer.h"
#include "io/questionnaire.h"
#include "render/render.h"
#include "support.h"

namespace limber::testing {
namespace {

class ScriptIo : public InterviewIo {
 public:
  explicit ScriptIo(std::vector<std::string> answers, std::size_t width = 80, bool color = false)
      : answers_(std::move(answers)), width_(width), color_(color) {}
  std::optional<std::string> read_line(const std::string& /*prompt*/) override {
    ++reads;
    if (next_ >= answers_.size()) return std::nullopt;
    return answers_[next_++];
  }
  void say(std::string_view text) override { transcript += text; }
  std::size_t width() override { return width_; }
  bool color() override { return color_; }
  std::size_t unread() const { return answers_.size() - next_; }
  void offer(std::span<const std::string> words) override { offered.assign(words.begin(), words.end()); }
  bool interactive() override { return interactive_; }

  std::size_t reads = 0;
  std::string transcript;
  std::vector<std::string> offered;
  bool interactive_ = false;

 private:
  std::vector<std::string> answers_;
  std::size_t next_ = 0;
  std::size_t width_;
  bool color_;
};

std::vector<std::string> names(const Engine& e, const std::vector<int>& fields) {
  std::vector<std::string> out;
  for (const int f : fields) out.push_back(e.schema().fields[static_cast<std::size_t>(f)].name);
  return out;
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string value(const Engine& e, const Profile& p, std::string_view field) {
  return value_text(p, e.schema(), e.schema().index(field));
}

bool given(const Engine& e, const Profile& p, std::string_view field) {
  return ((p.given >> e.schema().index(field)) & 1u) != 0;
}

std::string json_for(const Engine& e, const Profile& p) {
  Result r;
  e.evaluate(p, r);
  return render_json(make_answer(e, p, r));
}

// The mini schema (every field type; the safety field `flags` is last in
// the file) with one stop rule.
const Engine& mini() {
  static const Engine engine = mini_engine(R"(
theme: t
rules:
  - id: stop-x
    when: { flags: { has: x } }
    stop: { urgency: urgent }
    because: x is a red flag
    sources: [{ doc: guide }]
)");
  return engine;
}

// What the built-in schema asks when every answer is Enter.
const std::vector<std::string> kAllDefaultQuestions = {
    "red_flags",      "during_stretch",   "id",        "age",     "pain_areas", "symptoms", "sitting_hours", "history",
    "pregnant_weeks", "can_get_to_floor", "equipment", "minutes", "goals"};

TEST(Questionnaire, AsksSafetyFieldsFirstThenSchemaOrder) {
  const Engine& e = builtin_engine();
  const auto order = names(e, Interview::question_order(e.schema()));
  ASSERT_GE(order.size(), 3u);
  EXPECT_EQ(order[0], "red_flags");
  EXPECT_EQ(order[1], "during_stretch");
  // Every field but the history facts, which come from the diary.
  const auto asked = static_cast<std::size_t>(
      std::count_if(e.schema().fields.begin(), e.schema().fields.end(), [](const Field& f) { return !f.history; }));
  EXPECT_EQ(order.size(), asked);
  // In the mini schema the safety field comes last in the file but is asked first.
  ScriptIo io(std::vector<std::string>(20, ""));
  const InterviewOutcome out = Interview(mini(), io).run();
  EXPECT_EQ(names(mini(), out.asked), (std::vector<std::string>{"flags", "id", "age", "pain_areas", "equipment",
                                                                "minutes", "improving", "level", "can_get_to_floor"}));
}

TEST(Questionnaire, AllDefaultsAsksOnlyWhatApplies) {
  const Engine& e = builtin_engine();
  ScriptIo io(std::vector<std::string>(kAllDefaultQuestions.size(), ""));
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(out.end, InterviewEnd::Finished);
  EXPECT_EQ(names(e, out.asked), kAllDefaultQuestions);
  EXPECT_EQ(io.unread(), 0u);
  EXPECT_EQ(io.reads, kAllDefaultQuestions.size());  // nothing read after the last question
  // The screening is recorded as answered; everything else keeps its default.
  EXPECT_TRUE(given(e, out.profile, "red_flags"));
  EXPECT_EQ(value(e, out.profile, "red_flags"), "none");
  EXPECT_FALSE(given(e, out.profile, "minutes"));
  EXPECT_EQ(value(e, out.profile, "minutes"), "10");
  EXPECT_EQ(json_for(e, out.profile), json_for(e, default_profile(e.schema())));
  EXPECT_NE(io.transcript.find("Enter: keep 10."), std::string::npos);
  EXPECT_NE(io.transcript.find("Keeping 10."), std::string::npos);
  EXPECT_NE(io.transcript.find("that is all I need"), std::string::npos);
}

TEST(Questionnaire, OpensWithTheWayToAnswer) {
  ScriptIo io({});
  (void)Interview(builtin_engine(), io).run();
  EXPECT_NE(io.transcript.find("answer ? for help, back to go back"), std::string::npos) << io.transcript;
  EXPECT_NE(io.transcript.find("Safety check: Before we start"), std::string::npos) << io.transcript;
}

TEST(Questionnaire, ARedFlagStopsAtOnce) {
  const Engine& e = builtin_engine();
  ScriptIo io({"fever", "never read"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(out.end, InterviewEnd::Stopped);
  EXPECT_EQ(io.reads, 1u);
  EXPECT_EQ(names(e, out.asked), std::vector<std::string>{"red_flags"});
  EXPECT_EQ(value(e, out.profile, "red_flags"), "fever");
  EXPECT_NE(io.transcript.find("STOP."), std::string::npos);
  EXPECT_NE(io.transcript.find("What to do: see a doctor within a day or two"), std::string::npos);
  EXPECT_NE(io.transcript.find("(urgent)"), std::string::npos);
  EXPECT_EQ(io.transcript.find("When you have stretched recently"), std::string::npos);
  EXPECT_EQ(io.transcript.find("that is all I need"), std::string::npos);
}

TEST(Questionnaire, EverySafetyValueStopsByNumber) {
  const Engine& e = builtin_engine();
  for (const char* name : {"red_flags", "during_stretch"}) {
    const Field& f = e.schema().at(name);
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      // A cancer history stops only with pain (rules/safety.yaml): the
      // interview goes on to ask about it (see below).
      if (f.values[i].name == "cancer_history") continue;
      std::vector<std::string> answers;
      if (std::string(name) == "during_stretch") answers.emplace_back("none");
      answers.push_back(std::to_string(i + 1));
      answers.emplace_back("never read");
      ScriptIo io(answers);
      const InterviewOutcome out = Interview(e, io).run();
      EXPECT_EQ(out.end, InterviewEnd::Stopped) << name << " " << f.values[i].name;
      EXPECT_EQ(io.unread(), 1u) << name << " " << f.values[i].name;
      EXPECT_EQ(value(e, out.profile, name), f.values[i].name);
    }
  }
}

TEST(Questionnaire, ACancerHistoryStopsOnlyOncePainIsNamed) {
  const Engine& e = builtin_engine();
  const std::size_t cancer = e.schema().at("red_flags").value_index("cancer_history");
  // red flags, stop symptoms, name, age, then the painful areas.
  ScriptIo io({std::to_string(cancer + 1), "none", "", "60", "lower_back", "never read"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(out.end, InterviewEnd::Stopped) << io.transcript;
  EXPECT_EQ(io.unread(), 1u);
  EXPECT_EQ(names(e, out.asked), (std::vector<std::string>{"red_flags", "during_stretch", "id", "age", "pain_areas"}));
}

TEST(Questionnaire, AnEmergencySaysSo) {
  ScriptIo emergency({"2"});
  const InterviewOutcome out = Interview(builtin_engine(), emergency).run();
  EXPECT_EQ(out.end, InterviewEnd::Stopped);
  EXPECT_NE(emergency.transcript.find("get emergency care now"), std::string::npos) << emergency.transcript;
  EXPECT_NE(emergency.transcript.find("(emergency)"), std::string::npos);
}

TEST(Questionnaire, InvalidAnswersAreExplainedAndAskedAgain) {
  const Engine& e = builtin_engine();
  std::vector<std::string> answers = {"", "", "", "abc", "200", "45"};
  answers.resize(kAllDefaultQuestions.size() + 2, "");
  ScriptIo io(answers);
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(out.end, InterviewEnd::Finished);
  EXPECT_EQ(value(e, out.profile, "age"), "45");
  EXPECT_NE(io.transcript.find("'abc' is not a whole number. Write a whole number from 10 to 120."), std::string::npos)
      << io.transcript;
  EXPECT_NE(io.transcript.find("200 is out of range."), std::string::npos);
  EXPECT_EQ(count(io.transcript, "How old are you?"), 3u);
  EXPECT_EQ(io.unread(), 0u);
}

TEST(Questionnaire, EachTypeAnswersNaturally) {
  const Engine& e = mini();
  // flags, id, age, pain_areas, equipment, minutes, improving, level, can_get_to_floor
  ScriptIo io({"none", "  me  ", "40", "1, 4", "wall;PULLUP_BAR", "", "n", "High", "yes"});
  const InterviewOutcome out = Interview(e, io).run();
  ASSERT_EQ(out.end, InterviewEnd::Finished) << io.transcript;
  EXPECT_EQ(out.profile.id, "me");
  EXPECT_EQ(value(e, out.profile, "age"), "40");
  EXPECT_EQ(value(e, out.profile, "pain_areas"), "lower_back;hips");
  EXPECT_EQ(value(e, out.profile, "equipment"), "pullup_bar;wall");
  EXPECT_EQ(value(e, out.profile, "minutes"), "10");
  EXPECT_FALSE(given(e, out.profile, "minutes"));
  EXPECT_EQ(value(e, out.profile, "improving"), "false");
  EXPECT_EQ(value(e, out.profile, "level"), "high");
  EXPECT_TRUE(given(e, out.profile, "can_get_to_floor"));
  EXPECT_NE(io.transcript.find("Noted: lower_back; hips."), std::string::npos) << io.transcript;
}

struct Wrong {
  std::string field;  // the first answers reach this mini field
  std::string answer;
  std::string explained;
};
void PrintTo(const Wrong& w, std::ostream* os) {
  *os << w.field << "=" << w.answer;
}
class WrongAnswers : public ::testing::TestWithParam<Wrong> {};

TEST_P(WrongAnswers, AreExplainedAndTheQuestionAskedAgain) {
  const Engine& e = mini();
  const auto order = names(e, Interview::question_order(e.schema()));
  const auto at = static_cast<std::size_t>(std::find(order.begin(), order.end(), GetParam().field) - order.begin());
  ASSERT_LT(at, order.size());
  std::vector<std::string> answers(at, "");
  answers.push_back(GetParam().answer);
  answers.resize(order.size() + 1, "");
  ScriptIo io(answers);
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(out.end, InterviewEnd::Finished);
  EXPECT_NE(io.transcript.find(GetParam().explained), std::string::npos) << io.transcript;
  EXPECT_EQ(count(io.transcript, e.schema().at(GetParam().field).question), 2u) << io.transcript;
  // The wrong answer left nothing behind (Enter then skipped the question).
  if (!e.schema().at(GetParam().field).safety) {
    EXPECT_FALSE(given(e, out.profile, GetParam().field));
  }
  EXPECT_EQ(io.unread(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    EveryType, WrongAnswers,
    ::testing::Values(Wrong{"improving", "maybe", "'maybe' is not yes or no. Answer yes, no or not sure."},
                      Wrong{"age", "forty", "'forty' is not a whole number. Write a whole number from 10 to 120."},
                      Wrong{"age", "7", "7 is out of range."},
                      Wrong{"level", "4", "There is no choice 4. Choose a number from 1 to 3,"},
                      Wrong{"level", "hgh", "'hgh' is not one of the choices (did you mean 'high'?)."},
                      Wrong{"pain_areas", "1,9", "There is no choice 9."},
                      Wrong{"pain_areas", "neck,hipps", "'hipps' is not one of the choices (did you mean 'hips'?)"},
                      Wrong{"pain_areas", "none, 1", "'none' cannot go with other choices."},
                      Wrong{"flags", "w", "'w' is not one of the choices"},
                      Wrong{"flags", "yes", "'yes' does not say which ones. Choose them by number (1 to 3)"}));

TEST(Questionnaire, NoToAListMeansNone) {
  const Engine& e = builtin_engine();
  ScriptIo io({"no", "N"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(io.reads, 3u);  // both accepted; the third question meets the end of input
  EXPECT_EQ(value(e, out.profile, "red_flags"), "none");
  EXPECT_EQ(value(e, out.profile, "during_stretch"), "none");
  EXPECT_EQ(count(io.transcript, "Noted: none of these."), 2u) << io.transcript;
}

TEST(Questionnaire, BackReturnsToThePreviousQuestionAndItsValue) {
  const Engine& e = mini();
  // flags, id, age, then back twice (to id), skip id, age 30, the rest Enter.
  // Enter at a question answered before keeps the person's own answer.
  ScriptIo io({"", "me", "45", "back", "back", "", "30", "", "", "", "", "", ""});
  const InterviewOutcome out = Interview(e, io).run();
  ASSERT_EQ(out.end, InterviewEnd::Finished);
  EXPECT_EQ(out.profile.id, "me");
  EXPECT_TRUE(given(e, out.profile, "id"));
  EXPECT_NE(io.transcript.find("Keeping your answer: me."), std::string::npos) << io.transcript;
  EXPECT_EQ(value(e, out.profile, "age"), "30");
  EXPECT_EQ(count(io.transcript, "A name?"), 2u);
  EXPECT_EQ(count(io.transcript, "Age?"), 3u);
  EXPECT_EQ(io.unread(), 0u);
  EXPECT_EQ(names(e, out.asked), (std::vector<std::string>{"flags", "id", "age", "pain_areas", "equipment", "minutes",
                                                           "improving", "level", "can_get_to_floor"}));
}

TEST(Questionnaire, BackRestoresTheValueThatDecidedLaterQuestions) {
  const Engine& e = builtin_engine();
  // pain_areas = lower_back opens pain_days and improving; going back and
  // answering none closes them again.
  std::vector<std::string> answers = {"", "", "", "", "1", "5", "back", "back", "none"};
  answers.resize(answers.size() + 8, "");  // symptoms ... goals
  ScriptIo io(answers);
  const InterviewOutcome out = Interview(e, io).run();
  ASSERT_EQ(out.end, InterviewEnd::Finished) << io.transcript;
  EXPECT_EQ(io.unread(), 0u);
  EXPECT_FALSE(out.profile.has(e.schema().index("pain_days")));
  const auto asked = names(e, out.asked);
  EXPECT_EQ(std::count(asked.begin(), asked.end(), "pain_days"), 0);
  EXPECT_EQ(value(e, out.profile, "pain_areas"), "none");
  EXPECT_EQ(count(io.transcript, "How many days has this bout"), 2u);
}

TEST(Questionnaire, BackAtTheFirstQuestionSaysSo) {
  ScriptIo io({"back", "fever"});
  const InterviewOutcome out = Interview(builtin_engine(), io).run();
  EXPECT_EQ(out.end, InterviewEnd::Stopped);
  EXPECT_NE(io.transcript.find("This is the first question"), std::string::npos);
}

TEST(Questionnaire, QuestionMarkShowsTheHelp) {
  const Engine& e = builtin_engine();
  ScriptIo io({"?", "none"});
  (void)Interview(e, io).run();
  EXPECT_NE(io.transcript.find("These can be signs of a problem that needs a doctor"), std::string::npos)
      << io.transcript;
  // The choices in the words the person sees, not the internal names.
  EXPECT_NE(io.transcript.find("New trouble passing or holding urine or stools"), std::string::npos);
  EXPECT_EQ(io.transcript.find("bladder_bowel_change"), std::string::npos) << io.transcript;
}

TEST(Questionnaire, EndOfInputHalfwayEndsWithoutAnAnswer) {
  const Engine& e = builtin_engine();
  ScriptIo io({"", "", "me", "45"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(out.end, InterviewEnd::Ended);
  EXPECT_EQ(io.reads, 5u);
  EXPECT_EQ(io.transcript.find("that is all I need"), std::string::npos);
}

TEST(Questionnaire, WrapsToTheWidth) {
  for (const std::size_t width : {40u, 60u, 80u}) {
    std::vector<std::string> answers;
    for (std::size_t i = 0; i < kAllDefaultQuestions.size(); ++i) answers.insert(answers.end(), {"?", ""});
    ScriptIo io(answers, width);
    EXPECT_EQ(Interview(builtin_engine(), io).run().end, InterviewEnd::Finished);
    for (const std::string& line : split(io.transcript, "\n")) {
      EXPECT_LE(display_width(line), width) << line;
    }
  }
}

TEST(Questionnaire, ColourOnlyWhenAsked) {
  ScriptIo plain({"", "", "x"});
  (void)Interview(builtin_engine(), plain).run();
  EXPECT_EQ(plain.transcript.find('\x1b'), std::string::npos);
  ScriptIo coloured({"", "", "x"}, 80, true);
  (void)Interview(builtin_engine(), coloured).run();
  EXPECT_NE(coloured.transcript.find("\x1b["), std::string::npos);
}

TEST(Questionnaire, AFieldAddedToTheSchemaIsAsked) {
  TempDir dir;
  dir.write("profile.yaml", R"(
fields:
  - name: chest_pain
    type: bool
    safety: true
    question: Do you have chest pain right now?
  - name: sleep_hours
    type: integer
    min: 0
    max: 24
    question: How many hours do you sleep?
    ask_if: { age: { gte: 18 } }
)");
  LoadOptions o;
  o.rule_dirs = {dir.path()};
  const Engine e(load_knowledge(o));
  std::vector<std::string> answers = {"", "", "no", "", "40"};
  answers.resize(kAllDefaultQuestions.size() + 1, "");
  answers.emplace_back("7");
  ScriptIo io(answers);
  const InterviewOutcome out = Interview(e, io).run();
  ASSERT_EQ(out.end, InterviewEnd::Finished) << io.transcript;
  const auto asked = names(e, out.asked);
  ASSERT_GE(asked.size(), 3u);
  EXPECT_EQ(asked[2], "chest_pain");
  EXPECT_EQ(asked.back(), "sleep_hours");
  EXPECT_EQ(value(e, out.profile, "sleep_hours"), "7");
  EXPECT_NE(io.transcript.find("Safety check: Do you have chest pain right now?"), std::string::npos);
  // ask_if holds for the answers so far: under 18, no sleep question.
  std::vector<std::string> young = {"", "", "no", "", "15"};
  young.resize(kAllDefaultQuestions.size() + 1, "");
  ScriptIo io2(young);
  const InterviewOutcome out2 = Interview(e, io2).run();
  EXPECT_EQ(out2.end, InterviewEnd::Finished);
  EXPECT_EQ(io2.transcript.find("How many hours do you sleep?"), std::string::npos);
}

Profile reparse(const Engine& e, const std::string& text) {
  const yaml::Source src("saved.yaml", text);
  return parse_profile(yaml::parse_one(src), yaml::Checker(src), e.schema());
}

TEST(Questionnaire, SavedProfileReadsBackAsTheSameProfile) {
  const Engine& e = builtin_engine();
  ScriptIo io({"", "", "Ann: \"desk\" #2 \\ back", "45", "1,5", "12", "no", "6", "1", "", "9", "2", "", "n", "3,4",
               "15", "3", "2,4"});
  const InterviewOutcome out = Interview(e, io).run();
  ASSERT_EQ(out.end, InterviewEnd::Finished) << io.transcript;
  const std::string yaml = profile_yaml(out.profile, e.schema());
  const Profile back = reparse(e, yaml);
  EXPECT_EQ(back.id, "Ann: \"desk\" #2 \\ back") << yaml;
  EXPECT_EQ(back.values, out.profile.values) << yaml;
  EXPECT_EQ(back.present, out.profile.present) << yaml;
  EXPECT_EQ(back.given, out.profile.given) << yaml;
  EXPECT_EQ(json_for(e, back), json_for(e, out.profile));
  // Only what was given, sets as YAML lists.
  EXPECT_NE(yaml.find("pain_areas: [lower_back, hips]\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("equipment: [towel, cushion]\n"), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("worse_with"), std::string::npos) << yaml;
}

TEST(Questionnaire, SavedProfileQuotesWhatYamlWouldMisread) {
  const Engine& e = builtin_engine();
  Profile p = default_profile(e.schema());
  for (const std::string text : {"yes", "null", "123", "- a", "[x]", "line\tbreak", "~", "'single'", ""}) {
    ASSERT_FALSE(assign_text(p, e.schema(), e.schema().id, text).has_value());
    const Profile back = reparse(e, profile_yaml(p, e.schema()));
    EXPECT_EQ(back.id, text);
  }
}

// What a new user tripped over (issue 18).

std::size_t total_at(const std::string& transcript, std::size_t number) {
  const std::string key = fmt::format("Question {} of ", number);
  const auto at = transcript.find(key);
  return at == std::string::npos ? 0 : std::stoul(transcript.substr(at + key.size()));
}

TEST(Questionnaire, SaysHowManyQuestionsAndTheCountFollowsAskIf) {
  const Engine& e = builtin_engine();
  ScriptIo io({"none", "none", "", "", "lower back"});
  (void)Interview(e, io).run();
  const std::size_t before = total_at(io.transcript, 5);
  const std::size_t after = total_at(io.transcript, 6);
  EXPECT_GT(before, 10u) << io.transcript;
  EXPECT_GT(after, before) << "a pain area makes the pain questions count";
  EXPECT_EQ(total_at(io.transcript, 1), before);
}

TEST(Questionnaire, DurationsInWeeksMonthsAndYears) {
  EXPECT_EQ(parse_days("3 weeks"), 21);
  EXPECT_EQ(parse_days("2 months"), 60);
  EXPECT_EQ(parse_days("1 year"), 365);
  EXPECT_EQ(parse_days("10 days"), 10);
  EXPECT_EQ(parse_days("10"), 10);
  EXPECT_EQ(parse_days("a week"), 7);
  EXPECT_EQ(parse_days("3 fortnights"), std::nullopt);
  EXPECT_EQ(parse_days("weeks"), std::nullopt);
  const Engine& e = builtin_engine();
  ScriptIo io({"none", "none", "", "", "lower back", "3 weeks"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(value(e, out.profile, "pain_days"), "21");
  EXPECT_NE(io.transcript.find("Noted: 21 days."), std::string::npos) << io.transcript;
}

TEST(Questionnaire, NotSureTakesTheCarefulReading) {
  const Engine& e = builtin_engine();
  ScriptIo io({"none", "none", "", "", "lower back", "10", "not sure"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_EQ(value(e, out.profile, "improving"), "false");
  EXPECT_NE(io.transcript.find("Answer yes, no or not sure"), std::string::npos);
  EXPECT_NE(io.transcript.find("careful reading: no"), std::string::npos) << io.transcript;
}

TEST(Questionnaire, SpeaksAndAcceptsTheLabels) {
  const Engine& e = builtin_engine();
  ScriptIo io({"none", "nope", "Numbness"});
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_NE(io.transcript.find("'nope' is not one of the choices"), std::string::npos) << io.transcript;
  EXPECT_EQ(io.transcript.find("during_stretch"), std::string::npos) << io.transcript;
  EXPECT_EQ(value(e, out.profile, "during_stretch"), "numbness");
  // Completion offers what the person sees.
  EXPECT_NE(std::find(io.offered.begin(), io.offered.end(), "Pain spreading further down a leg"), io.offered.end());
  EXPECT_EQ(std::find(io.offered.begin(), io.offered.end(), "pain_spreading_down_leg"), io.offered.end());
  // The start of one label is enough; a near miss is named.
  ScriptIo io2({"none", "tingling", ""});
  const InterviewOutcome out2 = Interview(e, io2).run();
  EXPECT_EQ(value(e, out2.profile, "during_stretch"), "tingling");
  ScriptIo io3({"none", "numbess"});
  (void)Interview(e, io3).run();
  EXPECT_NE(io3.transcript.find("did you mean 'Numbness'?"), std::string::npos) << io3.transcript;
}

TEST(Questionnaire, AStopAnswerIsConfirmedOnceAtATerminal) {
  const Engine& e = builtin_engine();
  // Fever by mistake: no, then the right answer; the interview goes on.
  ScriptIo io({"4", "no", "none", "none"});
  io.interactive_ = true;
  const InterviewOutcome out = Interview(e, io).run();
  EXPECT_NE(io.transcript.find("Is that right?"), std::string::npos) << io.transcript;
  EXPECT_EQ(value(e, out.profile, "red_flags"), "none");
  EXPECT_EQ(count(io.transcript, "STOP"), 0u);
  // Yes: the stop, said once.
  ScriptIo io2({"4", "yes"});
  io2.interactive_ = true;
  const InterviewOutcome out2 = Interview(e, io2).run();
  EXPECT_EQ(out2.end, InterviewEnd::Stopped);
  EXPECT_EQ(count(io2.transcript, "STOP"), 1u) << io2.transcript;
  // A script is not asked.
  ScriptIo io3({"4"});
  EXPECT_EQ(Interview(e, io3).run().end, InterviewEnd::Stopped);
}

TEST(Questionnaire, AReviewScreenChangesAnyAnswerByNumber) {
  const Engine& e = mini();
  // Every question with Enter, then change answer 2 (the name), then Enter.
  ScriptIo io({"", "", "", "", "", "", "", "", "", "2", "bob", ""});
  io.interactive_ = true;
  const InterviewOutcome out = Interview(e, io).run();
  ASSERT_EQ(out.end, InterviewEnd::Finished) << io.transcript;
  EXPECT_EQ(out.profile.id, "bob");
  EXPECT_EQ(count(io.transcript, "Your answers"), 2u) << io.transcript;
  EXPECT_EQ(io.unread(), 0u);
}

}  // namespace
}  // namespace limber::testing
