// The small text helpers: did-you-mean, join, wrap, split, trim, UTF-8
// checks, and what an error message may show of hostile text.
#include "base/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace limber {
namespace {

const std::vector<std::string> kFields = {"sitting_hours", "age", "pain_areas", "pain_days", "minutes"};

TEST(Text, ClosestFindsTyposTranspositionsAndPrefixes) {
  EXPECT_EQ(closest("sitting_hour", kFields), "sitting_hours");   // a letter missing
  EXPECT_EQ(closest("pian_areas", kFields), "pain_areas");        // two letters swapped
  EXPECT_EQ(closest("SITTING_HOURS", kFields), "sitting_hours");  // case does not matter
  EXPECT_EQ(closest("sitting", kFields), "sitting_hours");        // a prefix
  EXPECT_EQ(closest("weight", kFields), "");                      // nothing close
  EXPECT_EQ(closest("sit", kFields), "");                         // a short prefix is no hint
  EXPECT_EQ(closest(std::string(100, 'a'), kFields), "");         // long words are not compared
}

TEST(Text, DidYouMeanIsAHintOrNothing) {
  EXPECT_EQ(did_you_mean("agee", kFields), " (did you mean 'age'?)");
  EXPECT_EQ(did_you_mean("zzzzzz", kFields), "");
}

TEST(Text, JoinSeparatesAndQuotes) {
  const std::vector<std::string> v = {"a", "b", "c"};
  EXPECT_EQ(join(v), "a, b, c");
  EXPECT_EQ(join(v, " or "), "a or b or c");
  EXPECT_EQ(join(v, ", ", true), "'a', 'b', 'c'");
  EXPECT_EQ(join(std::vector<std::string>{}), "");
}

TEST(Text, WrapBreaksAtSpacesWithinTheWidth) {
  const std::vector<std::string> lines = wrap("the quick brown fox jumps over the lazy dog", 10);
  EXPECT_EQ(lines, (std::vector<std::string>{"the quick", "brown fox", "jumps over", "the lazy", "dog"}));
  for (const std::string& l : lines) EXPECT_LE(display_width(l), 10u) << l;
  // A word longer than the width stands alone, unbroken.
  EXPECT_EQ(wrap("a extraordinarily b", 5), (std::vector<std::string>{"a", "extraordinarily", "b"}));
  // Runs of white space and line ends count as one space.
  EXPECT_EQ(wrap("one\n\ntwo \t three", 80), (std::vector<std::string>{"one two three"}));
  // Nothing to wrap is still one (empty) line.
  EXPECT_EQ(wrap("", 10), (std::vector<std::string>{""}));
}

TEST(Text, WrapCountsColumnsNotBytes) {
  // "é" is two bytes, one column; a colour sequence takes no columns.
  EXPECT_EQ(display_width("caf\xC3\xA9"), 4u);
  EXPECT_EQ(display_width("\x1b[32mfired\x1b[0m"), 5u);
  EXPECT_EQ(wrap("caf\xC3\xA9 caf\xC3\xA9", 9), (std::vector<std::string>{"caf\xC3\xA9 caf\xC3\xA9"}));
}

TEST(Text, SplitDropsEmptyParts) {
  EXPECT_EQ(split("a;b,,c;", ";,"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split("", ";").empty());
  EXPECT_TRUE(split(";;", ";").empty());
}

TEST(Text, TrimAndBlank) {
  EXPECT_EQ(trim("  x y \r\n"), "x y");
  EXPECT_EQ(trim(" \t\n"), "");
  EXPECT_TRUE(is_blank(" \t\r\n"));
  EXPECT_FALSE(is_blank(" x "));
  EXPECT_EQ(lower("Lower_BACK"), "lower_back");
}

TEST(Text, Utf8LengthAcceptsOnlyWellFormedSequences) {
  EXPECT_EQ(utf8_length("a", 0), 1u);
  EXPECT_EQ(utf8_length("\xC3\xA9", 0), 2u);
  EXPECT_EQ(utf8_length("\xE2\x82\xAC", 0), 3u);      // €
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80", 0), 4u);  // an emoji
  EXPECT_EQ(utf8_length("\xC0\xAF", 0), 0u);          // overlong
  EXPECT_EQ(utf8_length("\xED\xA0\x80", 0), 0u);      // a surrogate
  EXPECT_EQ(utf8_length("\xF4\x90\x80\x80", 0), 0u);  // past U+10FFFF
  EXPECT_EQ(utf8_length("\xE2\x82", 0), 0u);          // cut short
  EXPECT_EQ(utf8_length("\x80", 0), 0u);              // a lone continuation byte
}

TEST(Text, CleanTextIsUtf8WithoutNul) {
  EXPECT_TRUE(is_clean_text("Jos\xC3\xA9, 54"));
  EXPECT_FALSE(is_clean_text(std::string("a\0b", 3)));
  EXPECT_FALSE(is_clean_text("\xFF"));
}

TEST(Text, VisibleShowsControlsAndBadBytesAsEscapes) {
  EXPECT_EQ(visible("plain text\twith a tab\n"), "plain text\twith a tab\n");
  EXPECT_EQ(visible("\x1b[2Jgone"), "\\x1B[2Jgone");  // an escape sequence cannot reach the terminal
  EXPECT_EQ(visible("a\xC2\x9B"
                    "b"),
            "a\\xC2\\x9Bb");  // C1 (CSI)
  EXPECT_EQ(visible("bad \xFF byte"), "bad \\xFF byte");
  EXPECT_EQ(visible("del\x7F"), "del\\x7F");
  EXPECT_EQ(visible("caf\xC3\xA9"), "caf\xC3\xA9");  // UTF-8 is kept
  EXPECT_EQ(control_length("\n", 0, false), 1u);
  EXPECT_EQ(control_length("\n", 0, true), 0u);
}

TEST(Text, XmlEscapeWritesTheFiveSpecialCharactersAsEntities) {
  EXPECT_EQ(xml_escape("Child's pose <b> & \"more\""), "Child&#39;s pose &lt;b&gt; &amp; &quot;more&quot;");
  EXPECT_EQ(xml_escape("&amp;"), "&amp;amp;");                          // escaped again: the text is not markup
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \t 30 s"), "caf\xC3\xA9 \t 30 s");  // the rest as it is
  EXPECT_EQ(xml_escape(""), "");
}

}  // namespace
}  // namespace limber
