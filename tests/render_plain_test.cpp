// The text routine a person in pain reads: short and plain first, each
// reason once, every caution and every stretch left out, wrapped to the
// width it is given.
#include <gtest/gtest.h>

#include <sstream>

#include "base/text.h"
#include "engine/answer.h"
#include "render/render.h"
#include "support.h"

namespace limber::testing {
namespace {

std::string text_for(std::initializer_list<std::string> sets, std::size_t width = 80) {
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, sets);
  const Result r = run(e, p);
  return render_text(make_answer(e, p, r), TextStyle{width, false});
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

const std::initializer_list<std::string> kDesk = {"pain_areas=lower_back;buttocks", "sitting_hours=9",
                                                  "symptoms=radiating_leg_pain", "pain_days=20"};

TEST(RenderPlain, ASummaryTableComesBeforeTheDetail) {
  const std::string t = text_for(kDesk);
  const auto table = t.find(" 1. Single knee to chest  ");
  const auto why = t.find("Why: ");
  ASSERT_NE(table, std::string::npos) << t;
  ASSERT_NE(why, std::string::npos);
  EXPECT_LT(table, why);
  EXPECT_NE(t.find("in all"), std::string::npos);
}

TEST(RenderPlain, AReasonSharedBySeveralStepsIsSaidOnce) {
  const std::string t = text_for(kDesk);
  // general-lower-back explains several steps of this routine.
  EXPECT_EQ(count(t, "standard starting set"), 1u) << t;
  EXPECT_GE(count(t, "the same reason as step"), 1u);
}

TEST(RenderPlain, PositionsInPlainWords) {
  const std::string t = text_for({"pain_areas=lower_back;upper_back;hips;neck"}, 100);
  // ("Kneel on all fours" in a stretch's own steps is plain English.)
  for (const char* jargon : {"supine", "prone", "side lying", "all fours |", "  all fours  ", "squat |"}) {
    EXPECT_EQ(t.find(jargon), std::string::npos) << jargon << " in:\n" << t;
  }
  EXPECT_NE(t.find("lying on your back"), std::string::npos);
}

TEST(RenderPlain, ShowsEachStretchsCautionsAndEverythingLeftOut) {
  const std::string t = text_for({"pain_areas=lower_back", "history=disc_herniation;osteoporosis"});
  EXPECT_NE(t.find("Take care: "), std::string::npos) << t;
  EXPECT_EQ(t.find("see --format json"), std::string::npos);
  // Every exclusion of the JSON answer is named in the text.
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, {"pain_areas=lower_back", "history=disc_herniation;osteoporosis"});
  const Result r = run(e, p);
  const Answer a = make_answer(e, p, r);
  ASSERT_GT(a.excluded.size(), 3u);
  for (const AnswerExclusion& x : a.excluded) EXPECT_NE(t.find(x.stretch->name), std::string::npos) << x.stretch->name;
}

TEST(RenderPlain, SaysWhyALongTimeGaveAShortRoutine) {
  const std::string t = text_for({"pain_areas=neck", "minutes=60"});
  EXPECT_NE(t.find("and not the 60 min you have"), std::string::npos) << t;
  EXPECT_EQ(text_for({"pain_areas=neck", "minutes=3"}).find("and not the"), std::string::npos);
}

TEST(RenderPlain, WrapsToTheWidthGiven) {
  for (const std::size_t width : {60u, 100u}) {
    std::istringstream in(text_for(kDesk, width));
    std::size_t widest = 0;
    for (std::string line; std::getline(in, line);) {
      EXPECT_LE(display_width(line), width) << line;
      widest = std::max(widest, display_width(line));
    }
    EXPECT_GT(widest, width - 10) << "the width " << width << " is not used";
  }
}

TEST(RenderPlain, TheSummaryAloneFitsOneScreen) {
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, kDesk);
  const Result r = run(e, p);
  const std::string s = render_summary(make_answer(e, p, r), TextStyle{100, false});
  EXPECT_LE(count(s, "\n"), 24u) << s;
  EXPECT_EQ(s.find("Why: "), std::string::npos);
  EXPECT_NE(s.find("Single knee to chest"), std::string::npos);
}

}  // namespace
}  // namespace limber::testing
