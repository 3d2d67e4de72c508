#include "knowledge/rules.h"

#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"

namespace limber {

const char* urgency_name(Urgency u) {
  switch (u) {
    case Urgency::Emergency: return "emergency";
    case Urgency::Urgent: return "urgent";
    case Urgency::Soon: return "soon";
  }
  return "?";
}

const char* urgency_phrase(Urgency u) {
  switch (u) {
    case Urgency::Emergency: return "now, today";
    case Urgency::Urgent: return "within a day or two";
    case Urgency::Soon: return "in the next few days";
  }
  return "?";
}

const char* urgency_advice(Urgency u) {
  switch (u) {
    case Urgency::Emergency: return "get emergency care now, today (call your local emergency number)";
    case Urgency::Urgent: return "see a doctor within a day or two, before any exercise";
    case Urgency::Soon: return "see a doctor or physiotherapist in the next few days, before you stretch again";
  }
  return "?";
}

namespace {

const std::vector<std::string> kFileKeys = {"theme", "description", "rules"};
const std::vector<std::string> kRuleKeys = {"id",      "when",  "derive", "include", "exclude", "modify",
                                            "caution", "refer", "stop",   "because", "sources"};
const std::vector<std::string> kSelectorKeys = {"stretches", "positions",   "directions", "areas", "groups",
                                                "demands",   "intensities", "needs",      "kinds", "on_floor"};
const std::vector<std::string> kIncludeKeys = {"stretches", "weight"};
const std::vector<std::string> kStopKeys = {"urgency"};
const std::vector<std::string> kUrgencies = {"emergency", "urgent", "soon"};
const std::vector<std::string> kModifyKeys = {"variant", "text", "hold_seconds", "reps"};
const std::vector<std::string> kCautionKeys = {"text", "topic", "about", "importance", "statuses"};
const std::vector<std::string> kCautionTopics = {"general", "frequency"};
const std::vector<std::string> kCautionImportances = {"high", "normal", "low"};
const std::vector<std::string> kCautionStatuses = {"ok", "see_professional_first"};

bool is_kebab(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

std::vector<Name> names(const yaml::Node& node, const yaml::Checker& check, std::string_view what) {
  std::vector<Name> out;
  auto add = [&](const yaml::Node& item) { out.push_back(Name{check.string(item, what), check.source().at(item)}); };
  if (node.is_scalar()) {
    add(node);
  } else {
    check.expect_sequence(node, what);
    if (node.children.empty()) check.fail(node, fmt::format("{} must not be empty", what));
    for (const yaml::Node& item : node.children) add(item);
  }
  return out;
}

Selector parse_selector(const yaml::Node& node, const yaml::Checker& check, const std::vector<std::string>& extra_keys,
                        std::string_view what) {
  check.expect_map(node, what);
  std::vector<std::string> allowed = kSelectorKeys;
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  check.check_keys(node, allowed, what);
  Selector s;
  s.where = check.source().at(node);
  const std::pair<const char*, std::vector<Name>*> lists[] = {
      {"stretches", &s.stretches}, {"positions", &s.positions}, {"directions", &s.directions},   {"areas", &s.areas},
      {"groups", &s.groups},       {"demands", &s.demands},     {"intensities", &s.intensities}, {"needs", &s.needs},
      {"kinds", &s.kinds}};
  for (const auto& [key, list] : lists) {
    if (const auto* n = node.find(key)) *list = names(*n, check, fmt::format("'{}'", key));
  }
  if (const auto* n = node.find("on_floor")) s.on_floor = check.boolean(*n, "'on_floor'");
  return s;
}

Rule parse_rule(const yaml::Node& node, const yaml::Checker& check, const std::string& theme) {
  check.expect_map(node, "a rule");
  check.check_keys(node, kRuleKeys, "a rule");
  check.require(node, "id", "a rule");
  Rule r;
  r.where = check.source().at(node);
  r.file = check.source().name();
  r.theme = theme;
  r.id = check.string(*node.find("id"), "a rule id");
  if (!is_kebab(r.id))
    check.fail(*node.find("id"), fmt::format("'{}' is not a valid rule id", r.id),
               "use lower-case letters, digits and '-'");
  const std::string what = fmt::format("rule '{}'", r.id);
  check.require(node, "because", what);
  check.require(node, "sources", what);
  if (const auto* n = node.find("when")) r.when = parse_condition(*n, check);
  if (const auto* n = node.find("derive")) r.derive = names(*n, check, "'derive'");
  if (const auto* n = node.find("include")) {
    check.expect_map(*n, "'include'");
    check.check_keys(*n, kIncludeKeys, "'include'");
    check.require(*n, "stretches", "'include'");
    Include inc;
    inc.stretches = names(*n->find("stretches"), check, "'stretches'");
    if (const auto* w = n->find("weight")) inc.weight = static_cast<int>(check.integer(*w, 1, 100, "'weight'"));
    r.include = std::move(inc);
  }
  if (const auto* n = node.find("exclude")) r.exclude = parse_selector(*n, check, {}, "'exclude'");
  if (const auto* n = node.find("modify")) {
    const std::vector<std::string>& extra = kModifyKeys;
    Modify m;
    m.select = parse_selector(*n, check, extra, "'modify'");
    if (const auto* v = n->find("variant")) m.variant = Name{check.string(*v, "a variant id"), check.source().at(*v)};
    if (const auto* t = n->find("text")) m.text = check.string(*t, "a modification text");
    if (const auto* h = n->find("hold_seconds"))
      m.hold_seconds = static_cast<int>(check.integer(*h, 1, 600, "'hold_seconds'"));
    if (const auto* k = n->find("reps")) m.reps = static_cast<int>(check.integer(*k, 1, 100, "'reps'"));
    if (!m.variant && m.text.empty() && m.hold_seconds == 0 && m.reps == 0) {
      check.fail(*n, "'modify' changes nothing", "give a variant, a text, hold_seconds or reps");
    }
    r.modify = std::move(m);
  }
  if (const auto* n = node.find("caution")) {
    // Text, or { text, topic } to file it under a section of the Markdown export.
    if (n->is_map()) {
      const std::vector<std::string>& keys = kCautionKeys;
      const std::vector<std::string>& topics = kCautionTopics;
      check.check_keys(*n, keys, "'caution'");
      check.require(*n, "text", "'caution'");
      r.caution = check.string(*n->find("text"), "a caution");
      if (const auto* t = n->find("topic")) r.caution_topic = check.choice(*t, topics, "caution topic");
      if (const auto* a = n->find("about")) r.caution_about = parse_selector(*a, check, {}, "'about'");
      if (const auto* i = n->find("importance")) {
        const std::string v = check.choice(*i, kCautionImportances, "caution importance");
        r.caution_importance = static_cast<CautionImportance>(
            std::find(kCautionImportances.begin(), kCautionImportances.end(), v) - kCautionImportances.begin());
      }
      if (const auto* st = n->find("statuses")) {
        r.caution_statuses = 0;
        for (const std::string& v : check.strings(*st, "'statuses'")) {
          const auto it = std::find(kCautionStatuses.begin(), kCautionStatuses.end(), v);
          if (it == kCautionStatuses.end())
            check.fail(*st, fmt::format("'{}' is not a status a caution can show under", v),
                       "allowed: ok, see_professional_first (a stop shows no cautions)");
          r.caution_statuses |= static_cast<std::uint8_t>(1u << (it - kCautionStatuses.begin()));
        }
        if (r.caution_statuses == 0) check.fail(*st, "'statuses' must not be empty");
      }
    } else {
      r.caution = check.string(*n, "a caution");
    }
  }
  if (const auto* n = node.find("refer")) {
    r.refer = check.boolean(*n, "'refer'");
    if (!r.refer) check.fail(*n, "'refer: false' does nothing", "remove it");
  }
  if (const auto* n = node.find("stop")) {
    check.expect_map(*n, "'stop'");
    check.check_keys(*n, kStopKeys, "'stop'");
    check.require(*n, "urgency", "'stop'");
    const std::string u = check.choice(*n->find("urgency"), kUrgencies, "urgency");
    r.stop = static_cast<Urgency>(std::find(kUrgencies.begin(), kUrgencies.end(), u) - kUrgencies.begin());
  }
  r.because = check.string(*node.find("because"), "'because'");
  if (trim(r.because).empty())
    check.fail(*node.find("because"), "'because' must not be empty", "say in plain words why the rule applies");
  r.sources = parse_citations(*node.find("sources"), check);
  if (r.derive.empty() && !r.include && !r.exclude && !r.modify && r.caution.empty() && !r.refer && !r.stop) {
    check.fail(node, fmt::format("rule '{}' has no action", r.id),
               "give at least one of derive, include, exclude, modify, caution, refer, stop");
  }
  return r;
}

}  // namespace

const std::vector<std::string>& rule_file_keys() {
  return kFileKeys;
}
const std::vector<std::string>& rule_keys() {
  return kRuleKeys;
}
const std::vector<std::string>& selector_keys() {
  return kSelectorKeys;
}
const std::vector<std::string>& include_keys() {
  return kIncludeKeys;
}
const std::vector<std::string>& modify_keys() {
  return kModifyKeys;
}
const std::vector<std::string>& stop_keys() {
  return kStopKeys;
}
const std::vector<std::string>& caution_keys() {
  return kCautionKeys;
}
const std::vector<std::string>& caution_topics() {
  return kCautionTopics;
}
const std::vector<std::string>& caution_importances() {
  return kCautionImportances;
}
const std::vector<std::string>& caution_statuses() {
  return kCautionStatuses;
}
const std::vector<std::string>& urgency_names() {
  return kUrgencies;
}

std::vector<Rule> parse_rule_file(const yaml::Node& doc, const yaml::Checker& check,
                                  const std::function<void(const Error&)>& on_error) {
  check.expect_map(doc, "a rule file");
  check.check_keys(doc, kFileKeys, "a rule file");
  check.require(doc, "rules", "a rule file");
  std::string theme;
  if (const auto* t = doc.find("theme")) theme = check.string(*t, "'theme'");
  const yaml::Node& list = *doc.find("rules");
  check.expect_sequence(list, "'rules'");
  std::vector<Rule> out;
  for (const yaml::Node& item : list.children) {
    if (!on_error) {
      out.push_back(parse_rule(item, check, theme));
      continue;
    }
    try {
      out.push_back(parse_rule(item, check, theme));
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      on_error(e);
    }
  }
  return out;
}

}  // namespace limber
