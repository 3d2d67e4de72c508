// The JSON renderers (render_json and the cached JsonRenderer) against the
// reference they replaced: an nlohmann::ordered_json tree, dumped. Every
// byte must match, compact and pretty, for random profiles and for
// hand-made answers with awkward text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "engine/answer.h"
#include "random_profile.h"
#include "render/render.h"
#include "support.h"

namespace limber::testing {
namespace {

// ---- The reference: the nlohmann implementation, as it was. ----

using Json = nlohmann::ordered_json;

Json sources_of(const Reason& r) {
  Json out = Json::array();
  for (const Citation& c : r.sources) out.push_back(c.doc);
  return out;
}

Json reason_json(const Reason& r, const char* text_key, bool with_sources) {
  Json j;
  j["rule"] = std::string(r.rule);
  j[text_key] = std::string(r.text);
  if (with_sources) j["sources"] = sources_of(r);
  return j;
}

std::string reference_json(const Answer& a, bool pretty) {
  Json j;
  j["schema"] = "limber.routine/1";
  j["profile_id"] = a.profile_id.empty() ? Json(nullptr) : Json(a.profile_id);
  j["status"] = status_name(a.status);
  Json stops = Json::array();
  for (const StopReason& s : a.stop_reasons) {
    Json e;
    e["rule"] = std::string(s.reason.rule);
    e["reason"] = std::string(s.reason.text);
    e["urgency"] = urgency_name(s.urgency);
    e["sources"] = sources_of(s.reason);
    stops.push_back(std::move(e));
  }
  j["stop_reasons"] = std::move(stops);
  Json routine = Json::array();
  for (const AnswerStep& s : a.routine) {
    Json e;
    e["stretch"] = s.stretch->id;
    e["name"] = s.variant != nullptr ? s.variant->name : s.stretch->name;
    e["position"] = std::string(s.position);
    e["variant"] = s.variant != nullptr ? Json(s.variant->id) : Json(nullptr);
    e["hold_seconds"] = s.hold_seconds;
    e["reps"] = s.reps;
    e["per_side"] = s.per_side;
    e["seconds"] = s.seconds;
    Json mods = Json::array();
    for (const Reason& m : s.modifications) mods.push_back(reason_json(m, "text", false));
    e["modifications"] = std::move(mods);
    Json because = Json::array();
    for (const Reason& b : s.because) because.push_back(reason_json(b, "reason", true));
    e["because"] = std::move(because);
    routine.push_back(std::move(e));
  }
  j["routine"] = std::move(routine);
  j["total_seconds"] = a.total_seconds;
  Json excluded = Json::array();
  for (const AnswerExclusion& x : a.excluded) {
    Json e;
    e["stretch"] = x.stretch->id;
    e["rule"] = std::string(x.reason.rule);
    e["reason"] = std::string(x.reason.text);
    excluded.push_back(std::move(e));
  }
  j["excluded"] = std::move(excluded);
  Json cautions = Json::array();
  for (const Reason& c : a.cautions) cautions.push_back(reason_json(c, "text", false));
  j["cautions"] = std::move(cautions);
  Json fired = Json::array();
  for (const Rule* r : a.fired_rules) fired.push_back(r->id);
  j["fired_rules"] = std::move(fired);
  Json referrals = Json::array();
  for (const Reason& r : a.referrals) referrals.push_back(reason_json(r, "reason", true));
  j["referrals"] = std::move(referrals);
  j["budget_seconds"] = a.budget_seconds;
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace) + "\n";
}

// ---- Helpers ----

const JsonRenderer& builtin_renderer() {
  static const JsonRenderer renderer(builtin_engine());
  return renderer;
}

// Every renderer, both layouts, byte for byte against the reference.
void expect_same_json(const Answer& a, const JsonRenderer& renderer, const std::string& what) {
  for (const bool pretty : {false, true}) {
    const std::string want = reference_json(a, pretty);
    ASSERT_EQ(render_json(a, pretty), want) << what << (pretty ? " (pretty)" : " (compact)");
    std::string buffer = "kept:";  // render appends
    renderer.render(a, pretty, buffer);
    ASSERT_EQ(buffer, "kept:" + want) << what << (pretty ? " (pretty, cached)" : " (compact, cached)");
  }
}

// Awkward text: quotes, backslashes, every kind of control character, DEL,
// multi-byte UTF-8 and several kinds of invalid UTF-8.
const std::vector<std::string> kPieces = {"p",
                                          "Jo",
                                          "42",
                                          " ",
                                          "\"",
                                          "\\",
                                          "/",
                                          "\x01",
                                          "\x1f",
                                          "\t",
                                          "\n",
                                          "\r",
                                          "\b",
                                          "\f",
                                          std::string(1, '\0'),
                                          "\x7f",
                                          "\xc3\xa9",
                                          "\xe2\x82\xac",
                                          "\xf0\x9f\x98\x80",
                                          "\xe2\x80\x99",
                                          "\xff",
                                          "\xc3",
                                          "\xed\xa0\x80",
                                          "\xe0\x80\x80",
                                          "\xf4\x90\x80\x80",
                                          "\xc0\xaf",
                                          "\x80",
                                          "\xf0\x9f\x98"};

std::string awkward_text(std::mt19937_64& rng) {
  std::string s;
  const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 10)(rng);
  for (std::size_t i = 0; i < n; ++i)
    s += kPieces[std::uniform_int_distribution<std::size_t>(0, kPieces.size() - 1)(rng)];
  return s;
}

// Random profiles, in four parts of 5,000 that ctest can run side by side.
void check_random_profiles(std::uint64_t seed) {
  const Engine& e = builtin_engine();
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  Result r;
  std::size_t stops = 0;
  std::size_t steps = 0;
  std::size_t modifications = 0;
  std::size_t notes = 0;
  constexpr int kProfiles = 5000;
  for (int i = 0; i < kProfiles; ++i) {
    Profile p = random_profile(e.schema(), rng);
    const double kind = coin(rng);
    p.id = kind < 0.2 ? std::string() : kind < 0.9 ? "p" + std::to_string(i) : awkward_text(rng);
    e.evaluate(p, r);
    const Answer a = make_answer(e, p, r);
    stops += a.status == Status::Stop;
    steps += a.routine.size();
    for (const AnswerStep& s : a.routine) modifications += s.modifications.size();
    for (const Reason& c : a.cautions) notes += c.from == nullptr;
    expect_same_json(a, builtin_renderer(), "profile " + std::to_string(i) + " of seed " + std::to_string(seed));
    if (::testing::Test::HasFatalFailure()) return;
  }
  // The profiles reach every part of the answer.
  EXPECT_GT(stops, 25u);
  EXPECT_GT(steps, 5000u);
  EXPECT_GT(modifications, 250u);
  EXPECT_GT(notes, 25u);
}

class RandomProfiles : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RandomProfiles, MatchTheReference) {
  check_random_profiles(GetParam());
}

INSTANTIATE_TEST_SUITE_P(RenderJson, RandomProfiles, ::testing::Values(1u, 2u, 3u, 4u));

TEST(RenderJson, AwkwardProfileIds) {
  const Engine& e = builtin_engine();
  const std::vector<std::string> ids = {
      "plain",
      "say \"hi\"",
      "back\\slash",
      "ctl\x01\x1f",
      std::string("nul\0byte", 8),
      "tab\tnew\nline\rret\bbs\fff",
      "del\x7f",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\x99",
      "bad\xff",
      "cut\xc3",
      "cut3\xe2\x82",
      "surrogate\xed\xa0\x80",
      "overlong\xe0\x80\x80 \xc0\xaf",
      "too big\xf4\x90\x80\x80",
      "\x80lead",
      "mixed \"\xc3\xa9\" \\ \x01 \xff \xe2\x82\xac",
      "/",
  };
  for (const std::string& id : ids) {
    Profile p = make_profile(e, {"pain_areas=lower_back;neck", "sitting_hours=9", "minutes=5"});
    p.id = id;
    const Answer a = make_answer(e, p, run(e, p));
    expect_same_json(a, builtin_renderer(), "id " + id);
  }
}

// An answer written by hand: texts, ids and citations from nowhere in the
// knowledge base, so no cached part applies.
TEST(RenderJson, HandMadeAnswers) {
  const Engine& e = builtin_engine();
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    // Citations with awkward document ids, and a stretch and variant with awkward names.
    std::vector<Citation> cites(static_cast<std::size_t>(round % 3));
    for (Citation& c : cites) c.doc = awkward_text(rng);
    Stretch stretch = e.kb().stretches[static_cast<std::size_t>(round) % e.kb().stretches.size()];
    stretch.id = awkward_text(rng);
    stretch.name = awkward_text(rng);
    Variant variant;
    variant.id = awkward_text(rng);
    variant.name = awkward_text(rng);
    stretch.variants = {variant};

    Answer a;
    a.profile_id = round % 5 == 0 ? std::string() : awkward_text(rng);
    a.status = static_cast<Status>(round % 3);
    auto reason = [&] {
      return Reason{a.own(awkward_text(rng)), a.own(awkward_text(rng)), cites, a.own(awkward_text(rng)), nullptr};
    };
    a.stop_reasons.push_back(StopReason{reason(), static_cast<Urgency>(round % 3)});
    a.referrals.push_back(reason());
    for (int k = 0; k < round % 4; ++k) {
      AnswerStep s;
      s.stretch = &stretch;
      s.variant = k % 2 == 0 ? &stretch.variants[0] : nullptr;
      s.position = a.own(awkward_text(rng));
      s.hold_seconds = k * 7;
      s.reps = -k;
      s.per_side = k % 2 == 1;
      s.seconds = 1 << (k * 8);
      for (int m = 0; m < k; ++m) s.modifications.push_back(reason());
      s.because.push_back(reason());
      a.routine.push_back(std::move(s));
    }
    a.total_seconds = round * 13;
    a.budget_seconds = -round;
    a.excluded.push_back(AnswerExclusion{&stretch, reason(), round % 2 == 0});
    a.cautions.push_back(reason());
    a.fired_rules.push_back(&e.kb().rules[static_cast<std::size_t>(round) % e.kb().rules.size()]);
    expect_same_json(a, builtin_renderer(), "hand-made answer " + std::to_string(round));
    if (::testing::Test::HasFatalFailure()) return;
  }
  // Nothing at all.
  expect_same_json(Answer{}, builtin_renderer(), "an empty answer");
}

// A real answer edited by hand: each edit breaks the match with the cached
// part it would have used, and the renderer must notice.
TEST(RenderJson, EditedAnswersDoNotUseStaleCachedParts) {
  const Engine& e = builtin_engine();
  std::mt19937_64 rng(11);
  int edited = 0;
  for (int i = 0; i < 4000 && edited < 200; ++i) {
    Profile p = random_profile(e.schema(), rng);
    Answer a = make_answer(e, p, run(e, p));
    for (StopReason& s : a.stop_reasons) s.urgency = Urgency::Soon;
    for (AnswerStep& s : a.routine) {
      s.position = s.position == "standing" ? "supine" : "standing";
      for (Reason& b : s.because) b.sources = b.sources.subspan(0, b.sources.empty() ? 0 : b.sources.size() - 1);
      for (Reason& m : s.modifications) m.text = a.own(std::string(m.text) + " \"edited\"");
    }
    for (AnswerExclusion& x : a.excluded) x.reason.rule = a.own("edited:" + std::string(x.reason.rule));
    for (Reason& c : a.cautions) c.text = a.own(std::string(c.text));  // equal text, another string
    for (Reason& r : a.referrals) r.from = nullptr;
    if (!a.routine.empty() || !a.stop_reasons.empty()) ++edited;
    expect_same_json(a, builtin_renderer(), "edited answer " + std::to_string(i));
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_EQ(edited, 200);
}

// A renderer built from one engine renders another engine's answers all the same.
TEST(RenderJson, AnswersOfAnotherEngine) {
  const Engine mini = mini_engine(
      "theme: t\nrules:\n  - id: in\n    include: { stretches: [a-floor, b-stand] }\n"
      "    because: \"in \\\"quotes\\\"\"\n    sources: [{ doc: guide }]\n");
  const JsonRenderer own(mini);
  for (const std::string set : {"pain_areas=lower_back", "minutes=1", "equipment=none"}) {
    const Profile p = make_profile(mini, {set});
    const Answer a = make_answer(mini, p, run(mini, p));
    expect_same_json(a, builtin_renderer(), set + " (builtin renderer)");
    expect_same_json(a, own, set);
  }
}

// The views into an Answer's own texts survive moving it.
TEST(RenderJson, AMovedAnswerRendersTheSame) {
  const Engine& e = builtin_engine();
  std::mt19937_64 rng(3);
  std::vector<Answer> answers;
  std::vector<std::string> expected;
  int owning = 0;
  for (int i = 0; i < 3000 && owning < 50; ++i) {
    Profile p = random_profile(e.schema(), rng);
    p.id = "p" + std::to_string(i);
    Answer a = make_answer(e, p, run(e, p));
    const bool owns = std::any_of(a.cautions.begin(), a.cautions.end(), [](const Reason& c) {
      return c.rule == "routine:no-safe-stretch" || c.rule == "routine:out-of-time";
    });
    if (!owns) continue;
    ++owning;
    // A short text too, which a std::string would keep inside itself.
    a.cautions.push_back(Reason{"x", a.own("short"), {}});
    expected.push_back(render_json(a, false) + render_json(a, true));
    answers.push_back(std::move(a));  // and the vector reallocates now and then
  }
  ASSERT_EQ(owning, 50);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    Answer moved(std::move(answers[i]));
    Answer assigned;
    assigned = std::move(moved);
    EXPECT_EQ(render_json(assigned, false) + render_json(assigned, true), expected[i]);
    std::string cached;
    builtin_renderer().render(assigned, false, cached);
    builtin_renderer().render(assigned, true, cached);
    EXPECT_EQ(cached, expected[i]);
  }
}

// make_answer into a reused Answer, with an AnswerIndex or without, gives
// what a fresh one gives, to every renderer, whatever the Answer held before.
void expect_same_answer(const Answer& got, const Answer& want, const std::string& what) {
  ASSERT_EQ(render_json(got, false), render_json(want, false)) << what;
  ASSERT_EQ(builtin_renderer().render(got, false), render_json(want, false)) << what;
  ASSERT_EQ(render_text(got), render_text(want)) << what;
  ASSERT_EQ(render_markdown(got), render_markdown(want)) << what;
  ASSERT_EQ(got.pain_days, want.pain_days) << what;
  ASSERT_EQ(got.documents, want.documents) << what;
  ASSERT_EQ(got.excluded.size(), want.excluded.size()) << what;
  for (std::size_t k = 0; k < want.excluded.size(); ++k) {
    ASSERT_EQ(got.excluded[k].recommended, want.excluded[k].recommended) << what;
  }
}

TEST(RenderJson, AReusedAnswerIsLikeAFreshOne) {
  const Engine& e = builtin_engine();
  const AnswerIndex index(e);
  std::mt19937_64 rng(5);
  Answer reused;
  Answer indexed;
  for (int i = 0; i < 1000; ++i) {
    Profile p = random_profile(e.schema(), rng);
    p.id = i % 3 == 0 ? std::string() : "p" + std::to_string(i);
    const Result r = run(e, p);
    const Answer fresh = make_answer(e, p, r);
    make_answer(e, p, r, reused);
    expect_same_answer(reused, fresh, "reused, profile " + std::to_string(i));
    make_answer(index, p, r, indexed);
    expect_same_answer(indexed, fresh, "indexed, profile " + std::to_string(i));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// The same on the fixture knowledge base, whose rules differ in kind.
TEST(RenderJson, AnIndexedAnswerIsLikeAFreshOneOnAnotherEngine) {
  const Engine mini = mini_engine(
      "theme: t\nrules:\n"
      "  - id: in\n    include: { stretches: [a-floor, b-stand, d-bar], weight: 2 }\n"
      "    because: in\n    sources: [{ doc: guide }]\n"
      "  - id: in2\n    include: { stretches: [b-stand, e-prone], weight: 5 }\n"
      "    because: in2\n    sources: [{ doc: guide }]\n"
      "  - id: seated\n    modify: { stretches: [a-floor], variant: chair }\n"
      "    because: seated\n    sources: [{ doc: guide }]\n"
      "  - id: short\n    modify: { positions: [supine], hold_seconds: 15, reps: 1 }\n"
      "    because: short\n    sources: [{ doc: guide }]\n");
  const AnswerIndex index(mini);
  Answer indexed;
  for (const std::string set : {"pain_areas=lower_back", "minutes=1", "equipment=none", "equipment=chair;pullup_bar",
                                "minutes=20", "can_get_to_floor=no"}) {
    const Profile p = make_profile(mini, {set});
    const Result r = run(mini, p);
    const Answer fresh = make_answer(mini, p, r);
    make_answer(index, p, r, indexed);
    ASSERT_EQ(render_json(indexed), render_json(fresh)) << set;
    ASSERT_EQ(render_text(indexed), render_text(fresh)) << set;
    ASSERT_EQ(render_markdown(indexed), render_markdown(fresh)) << set;
  }
}

TEST(RenderJson, BufferIsAppendedToAndReusable) {
  const Engine& e = builtin_engine();
  const Profile p = make_profile(e, {"pain_areas=neck", "id=me"});
  const Answer a = make_answer(e, p, run(e, p));
  std::string buffer;
  builtin_renderer().render(a, false, buffer);
  const std::string one = buffer;
  EXPECT_EQ(one.back(), '\n');
  EXPECT_EQ(one.find('\n'), one.size() - 1);
  builtin_renderer().render(a, false, buffer);
  EXPECT_EQ(buffer, one + one);
  buffer.clear();
  builtin_renderer().render(a, false, buffer);
  EXPECT_EQ(buffer, one);
  EXPECT_EQ(builtin_renderer().render(a, true), render_json(a));
}

}  // namespace
}  // namespace limber::testing
