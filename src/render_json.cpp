#include <nlohmann/json.hpp>

#include "render.h"

namespace limber {

using Json = nlohmann::ordered_json;

namespace {

Json sources_of(const Reason& r) {
  Json out = Json::array();
  for (const Citation* c : r.sources) out.push_back(c->doc);
  return out;
}

Json reason_json(const Reason& r, const char* text_key, bool with_sources) {
  Json j;
  j["rule"] = r.rule;
  j[text_key] = r.text;
  if (with_sources) j["sources"] = sources_of(r);
  return j;
}

}  // namespace

std::string render_json(const Answer& a, bool pretty) {
  Json j;
  j["schema"] = "limber.routine/1";
  j["profile_id"] = a.profile_id.empty() ? Json(nullptr) : Json(a.profile_id);
  j["status"] = status_name(a.status);
  Json stops = Json::array();
  for (const StopReason& s : a.stop_reasons) {
    Json e;
    e["rule"] = s.reason.rule;
    e["reason"] = s.reason.text;
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
    e["position"] = s.position;
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
    e["rule"] = x.reason.rule;
    e["reason"] = x.reason.text;
    excluded.push_back(std::move(e));
  }
  j["excluded"] = std::move(excluded);
  Json cautions = Json::array();
  for (const Reason& c : a.cautions) cautions.push_back(reason_json(c, "text", false));
  j["cautions"] = std::move(cautions);
  j["fired_rules"] = a.fired_rules;
  // Additions beyond the contract's minimum: referral reasons and the budget.
  Json referrals = Json::array();
  for (const Reason& r : a.referrals) referrals.push_back(reason_json(r, "reason", true));
  j["referrals"] = std::move(referrals);
  j["budget_seconds"] = a.budget_seconds;
  // Text from input files is valid UTF-8 by the time it gets here; replace
  // rather than throw if something slipped through.
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace limber
