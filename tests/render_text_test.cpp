// The terminal rendering: within the width it is given, colour only when
// asked, and everything the answer says is there.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "base/text.h"
#include "render/render.h"
#include "support.h"

namespace limber::testing {
namespace {

Answer answer_for(std::initializer_list<std::string> assignments) {
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, assignments);
  return make_answer(e, p, run(e, p));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(RenderText, StaysWithinTheWidth) {
  const Answer a = answer_for({"pain_areas=lower_back;neck", "sitting_hours=9", "history=osteoporosis"});
  for (const std::size_t width : {80u, 100u, 120u}) {
    const std::string text = render_text(a, TextStyle{width, false});
    for (const std::string& line : lines_of(text)) {
      EXPECT_LE(display_width(line), width) << "width " << width << ": " << line;
    }
  }
}

TEST(RenderText, ColourOnlyWhenAsked) {
  const Answer a = answer_for({"pain_areas=neck"});
  EXPECT_EQ(render_text(a, TextStyle{80, false}).find('\x1b'), std::string::npos);
  EXPECT_NE(render_text(a, TextStyle{80, true}).find("\x1b["), std::string::npos);
}

TEST(RenderText, SaysEveryStepAndWhy) {
  const Answer a = answer_for({"pain_areas=lower_back", "sitting_hours=9"});
  ASSERT_FALSE(a.routine.empty());
  const std::string text = render_text(a, TextStyle{100, false});
  for (const AnswerStep& s : a.routine) {
    EXPECT_NE(text.find(s.variant != nullptr ? s.variant->name : s.stretch->name), std::string::npos) << s.stretch->id;
  }
}

TEST(RenderText, AStopSaysWhyAndGivesNoRoutine) {
  const Answer a = answer_for({"red_flags=fever", "pain_areas=lower_back"});
  ASSERT_EQ(a.status, Status::Stop);
  const std::string text = render_text(a, TextStyle{80, false});
  ASSERT_FALSE(a.stop_reasons.empty());
  // The reason's first words are there (it may be wrapped after them).
  const std::string first_words = std::string(a.stop_reasons[0].reason.text.substr(0, 12));
  EXPECT_NE(text.find(first_words), std::string::npos) << text;
  for (const AnswerStep& s : a.routine) EXPECT_EQ(text.find(s.stretch->name), std::string::npos);
}

}  // namespace
}  // namespace limber::testing
