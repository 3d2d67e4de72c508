// The renderer registry: every format once, chosen by name or by a file's
// extension, and each entry renders an answer.
#include "render/registry.h"

#include <gtest/gtest.h>

#include <set>

#include "support.h"

namespace limber::testing {
namespace {

TEST(Registry, NamesAndExtensionsAreUnique) {
  std::set<std::string_view> names;
  std::set<std::string_view> extensions;
  for (const Renderer& r : renderers()) {
    EXPECT_TRUE(names.insert(r.name).second) << r.name;
    ASSERT_FALSE(r.extension.empty()) << r.name;
    EXPECT_EQ(r.extension.front(), '.') << r.name;
    EXPECT_TRUE(extensions.insert(r.extension).second) << r.extension;
    if (!r.also.empty()) {
      EXPECT_TRUE(extensions.insert(r.also).second) << r.also;
    }
  }
  EXPECT_EQ(renderer_names().size(), renderers().size());
}

TEST(Registry, ChoosesByNameThenByExtensionThenText) {
  EXPECT_EQ(choose_renderer("json", "routine.md").name, "json");  // the name wins
  EXPECT_EQ(choose_renderer("", "routine.md").name, "markdown");
  EXPECT_EQ(choose_renderer("", "dir/routine.markdown").name, "markdown");
  EXPECT_EQ(choose_renderer("", "routine.json").name, "json");
  EXPECT_EQ(choose_renderer("", "routine").name, "text");
  EXPECT_EQ(choose_renderer("", "").name, "text");
  EXPECT_EQ(choose_renderer("", "-").name, "text");
  EXPECT_EQ(find_renderer("nonsense"), nullptr);
  EXPECT_EQ(renderer_for_file("notes.unknown"), nullptr);
}

TEST(Registry, EveryEntryRendersAnAnswerAsItsFunctionDoes) {
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, {"pain_areas=lower_back;neck", "sitting_hours=9"});
  const Answer a = make_answer(e, p, run(e, p));
  EXPECT_EQ(find_renderer("text")->render(a, TextStyle{60, false}), render_text(a, TextStyle{60, false}));
  EXPECT_EQ(find_renderer("json")->render(a, TextStyle{}), render_json(a));
  EXPECT_EQ(find_renderer("markdown")->render(a, TextStyle{}), render_markdown(a));
  for (const std::string& name : batch_file_renderer_names()) EXPECT_TRUE(find_renderer(name)->batch_files) << name;
}

}  // namespace
}  // namespace limber::testing
