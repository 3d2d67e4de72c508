#include <algorithm>
// make_answer reads the Result's provenance: each step's reasons (strongest
// first, ties in evaluation order) and modifications, what excluded each
// stretch and whether it had been recommended, referrals, cautions and the
// documents cited, each once in id order.
#include "engine/answer.h"

#include <gtest/gtest.h>

#include <string>

#include "support.h"

namespace limber::testing {
namespace {

const std::string kHeader = "theme: t\nrules:\n";
std::string rule(const std::string& id, const std::string& body, const std::string& doc = "guide") {
  return "  - id: " + id + "\n" + body + "    because: " + id + " applies\n    sources: [{ doc: " + doc + " }]\n";
}

std::vector<std::string> rule_ids(const std::vector<Reason>& reasons) {
  std::vector<std::string> out;
  for (const Reason& r : reasons) out.emplace_back(r.rule);
  return out;
}

const AnswerStep* step(const Answer& a, std::string_view stretch) {
  for (const AnswerStep& s : a.routine) {
    if (s.stretch->id == stretch) return &s;
  }
  return nullptr;
}

TEST(Answer, ReasonsAreStrongestFirstThenInEvaluationOrder) {
  const Engine e = mini_engine(kHeader + rule("weak", "    include: { stretches: [b-stand], weight: 1 }\n") +
                               rule("strong-1", "    include: { stretches: [b-stand, c-kneel], weight: 5 }\n") +
                               rule("other", "    include: { stretches: [c-kneel], weight: 9 }\n") +
                               rule("strong-2", "    include: { stretches: [b-stand], weight: 5 }\n"));
  const Profile p = make_profile(e, {"pain_areas=lower_back;hips"});
  const Result r = run(e, p);
  const Answer a = make_answer(e, p, r);
  const AnswerStep* b = step(a, "b-stand");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(rule_ids(b->because), (std::vector<std::string>{"strong-1", "strong-2", "weak"}));
  const AnswerStep* c = step(a, "c-kneel");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(rule_ids(c->because), (std::vector<std::string>{"other", "strong-1"}));
  // The Result holds the same as bits: exactly the fired rules that recommend the step's stretch.
  for (std::size_t k = 0; k < r.step_count; ++k) {
    for (std::size_t i = 0; i < e.rules().size(); ++i) {
      EXPECT_EQ(r.included(k, i), r.fired.test(i) && e.includes(i, r.steps[k].stretch))
          << e.rule(i).id << " for " << e.kb().stretches[r.steps[k].stretch].id;
    }
  }
}

TEST(Answer, ModificationsThatChangeNothingAreLeftOut) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [b-stand] }\n") +
                               rule("cap", "    modify: { stretches: [b-stand], hold_seconds: 10 }\n") +
                               rule("loose", "    modify: { stretches: [b-stand], hold_seconds: 60 }\n") +
                               rule("said", "    modify: { stretches: [b-stand], text: Go gently. }\n"));
  const Profile p = make_profile(e, {"pain_areas=hips"});
  const Answer a = make_answer(e, p, run(e, p));
  const AnswerStep* b = step(a, "b-stand");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(rule_ids(b->modifications), (std::vector<std::string>{"cap", "said"}));
  ASSERT_EQ(b->modifications.size(), 2u);
  EXPECT_EQ(b->modifications[0].text, "Hold for at most 10 s.");
  EXPECT_EQ(b->modifications[1].text, "Go gently.");
  EXPECT_LE(b->hold_seconds, 10);
}

TEST(Answer, ExclusionsSayWhetherTheStretchHadBeenRecommended) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor, b-stand] }\n") +
                               rule("no-floor", "    exclude: { stretches: [a-floor, e-prone] }\n"));
  const Profile p = make_profile(e, {"pain_areas=lower_back;hips"});
  const Result r = run(e, p);
  const Answer a = make_answer(e, p, r);
  ASSERT_EQ(a.excluded.size(), 2u);
  EXPECT_EQ(a.excluded[0].stretch->id, "a-floor");
  EXPECT_TRUE(a.excluded[0].recommended);
  EXPECT_EQ(a.excluded[1].stretch->id, "e-prone");
  EXPECT_FALSE(a.excluded[1].recommended);
  EXPECT_EQ(a.excluded[1].reason.rule, "no-floor");
}

TEST(Answer, StopsReferralsCautionsAndDocuments) {
  const Engine e =
      mini_engine(kHeader + rule("in", "    include: { stretches: [b-stand] }\n", "doc, quote: \"a\"") +
                  rule("ref", "    refer: true\n") + rule("careful", "    caution: { text: Mind the knee. }\n") +
                  rule("soon", "    when: { flags: y }\n    stop: { urgency: soon }\n") +
                  rule("now", "    when: { flags: x }\n    stop: { urgency: emergency }\n"));
  const Profile fine = make_profile(e, {"pain_areas=hips"});
  const Answer a = make_answer(e, fine, run(e, fine));
  EXPECT_EQ(a.status, Status::SeeProfessionalFirst);
  EXPECT_EQ(rule_ids(a.referrals), (std::vector<std::string>{"ref"}));
  // The rule's caution is kept (the engine's own notes may rank above it).
  EXPECT_TRUE(std::any_of(a.cautions.begin(), a.cautions.end(), [](const Reason& c) { return c.rule == "careful"; }));
  ASSERT_EQ(a.documents.size(), 2u);  // doc and guide, once each, in id order
  EXPECT_EQ(a.documents[0]->id, "doc");
  EXPECT_EQ(a.documents[1]->id, "guide");

  const Profile stop = make_profile(e, {"flags=x;y"});
  const Answer s = make_answer(e, stop, run(e, stop));
  EXPECT_EQ(s.status, Status::Stop);
  ASSERT_EQ(s.stop_reasons.size(), 2u);  // the most urgent first
  EXPECT_EQ(s.stop_reasons[0].reason.rule, "now");
  EXPECT_EQ(s.stop_reasons[1].reason.rule, "soon");
  EXPECT_TRUE(s.referrals.empty());
  EXPECT_TRUE(s.routine.empty());
}

TEST(Answer, Labels) {
  EXPECT_EQ(position_label("all_fours", true), "on hands and knees");
  EXPECT_EQ(position_label("seated", true), "sitting on the floor");
  EXPECT_EQ(position_label("seated", false), "sitting on a chair");
  EXPECT_EQ(duration_label(45), "45 s");
  EXPECT_EQ(duration_label(120), "2 min");
  EXPECT_EQ(duration_label(570), "9 min 30 s");
  AnswerStep s;
  s.hold_seconds = 30;
  s.reps = 3;
  s.per_side = true;
  EXPECT_EQ(dosage_label(s), "30 s x 3 each side");
}

}  // namespace
}  // namespace limber::testing
