// The Markdown export: escaping of profile text, and the document's parts.
#include <gtest/gtest.h>

#include "engine/answer.h"
#include "render/render.h"
#include "support.h"

namespace limber::testing {
namespace {

TEST(MarkdownEscape, NeutralisesEverySyntaxCharacter) {
  EXPECT_EQ(markdown_escape("# <b>x</b> | [a](b) *c* _d_ `e` & ~f~ \\"),
            "\\# \\<b\\>x\\</b\\> \\| \\[a\\](b) \\*c\\* \\_d\\_ \\`e\\` \\& \\~f\\~ \\\\");
  // A newline could start a heading or a list: it becomes a space.
  EXPECT_EQ(markdown_escape("a\n# b\r\n- c"), "a \\# b  - c");
  // Bare links are broken up.
  EXPECT_EQ(markdown_escape("see http://x.org or www.y.org"), "see http\\://x.org or www\\.y.org");
  EXPECT_EQ(markdown_escape("plain text, 30 s."), "plain text, 30 s.");
}

Answer answer_for(std::initializer_list<std::string> sets) {
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, sets);
  return make_answer(e, p, run(e, p));
}

TEST(Markdown, AStopIsAProminentNoteAndNoRoutine) {
  const std::string md = render_markdown(answer_for({"red_flags=fever", "pain_areas=lower_back"}));
  EXPECT_NE(md.find("> **Stop: do not stretch.** See a doctor within a day or two"), std::string::npos) << md;
  EXPECT_EQ(md.find("## Summary"), std::string::npos) << md;
  EXPECT_EQ(md.find("## 1."), std::string::npos) << md;
}

TEST(Markdown, AReferralComesBeforeTheRoutine) {
  const std::string md = render_markdown(answer_for({"history=disc_herniation", "pain_areas=lower_back"}));
  const auto note = md.find("> **See a professional first.**");
  ASSERT_NE(note, std::string::npos) << md;
  EXPECT_LT(note, md.find("## Summary"));
}

TEST(Markdown, HasEveryPartInOrder) {
  const std::string md =
      render_markdown(answer_for({"pain_areas=lower_back", "sitting_hours=9", "pain_days=120", "id=me"}));
  std::size_t at = 0;
  for (const char* part : {"# Stretching routine for me", "## Summary", "| # | Stretch |", "**Total**", "## 1. ",
                           "**Why:**", "## Cautions", "## How often", "## Sources", "---", "not a diagnosis"}) {
    const auto next = md.find(part, at);
    ASSERT_NE(next, std::string::npos) << part << "\n" << md;
    at = next;
  }
  EXPECT_EQ(md.back(), '\n');
  EXPECT_EQ(md.find("\n\n\n"), std::string::npos);
}

}  // namespace
}  // namespace limber::testing
