#include "knowledge/json_schema_parts.h"

namespace limber::jsonschema {

namespace {

Props selector_props(const Engine& engine, const Vocabulary& v) {
  auto names = [](const std::vector<std::string>& vocabulary) { return one_or_list(one_of(vocabulary), true); };
  (void)engine;
  return {{"stretches", one_or_list(ref("stretch"), true)},
          {"positions", names(positions())},
          {"directions", names(directions())},
          {"areas", names(v.areas)},
          {"groups", names(v.groups)},
          {"demands", names(demands())},
          {"intensities", names(intensities())},
          {"needs", names(v.equipment)},
          {"kinds", names(stretch_kinds())},
          {"on_floor", boolean()}};
}

// A selector: which stretches a rule picks.
J selector_def(const Engine& engine, const Vocabulary& v) {
  J selector = object("a selector", selector_keys(), selector_props(engine, v));
  selector["description"] = "Picks stretches: keys combine with AND, the values of one key with OR; {} picks all.";
  return selector;
}

// 'modify': a selector plus what changes.
J modify_def(const Engine& engine, const Vocabulary& v) {
  std::vector<std::string> modify_all = selector_keys();
  modify_all.insert(modify_all.end(), modify_keys().begin(), modify_keys().end());
  Props modify_props = selector_props(engine, v);
  modify_props["variant"] = described(one_of(v.variants), "a variant id of the selected stretches");
  modify_props["text"] = described(text(), "a note printed with the step");
  modify_props["hold_seconds"] = described(integer(1, 600), "a cap on the hold");
  modify_props["reps"] = described(integer(1, 100), "a cap on the repetitions");
  J modify = object("'modify'", modify_all, std::move(modify_props));
  J changes = J::array();
  for (const std::string& key : modify_keys()) changes.push_back(J{{"required", J::array({key})}});
  modify["anyOf"] = std::move(changes);
  modify["description"] = "A selector plus what changes: a variant, a text, hold_seconds or reps.";
  return modify;
}

// 'caution' written out as a mapping (it may be a text alone).
J caution_def() {
  return object("'caution'", caution_keys(),
                {{"text", non_blank()},
                 {"topic", one_of(caution_topics())},
                 {"about", described(ref("selector"), "shown only when a step of the routine matches")},
                 {"importance", described(one_of(caution_importances()),
                                          "high ones are always shown; the rest up to five cautions in all")},
                 {"statuses", described(one_or_list(one_of(caution_statuses()), true), "the statuses it shows under")}},
                {"text"});
}

// One rule: its keys, and at least one action.
J rule_def() {
  J rule =
      object("a rule", rule_keys(),
             {{"id", described(pattern(kRuleId), "unique across all rule files")},
              {"when", described(ref("condition"), "no `when`: the rule always fires")},
              {"derive", described(one_or_list(non_blank(), true), "facts other rules test with `fact:`")},
              {"include", object("'include'", include_keys(),
                                 {{"stretches", one_or_list(ref("stretch"), true)},
                                  {"weight", described(integer(1, 100), "added to each stretch's score (default 1)")}},
                                 {"stretches"})},
              {"exclude", described(ref("selector"), "the selected stretches can never be in the routine")},
              {"modify", ref("modify")},
              {"caution",
               J{{"description", "a note shown with the routine"}, {"anyOf", J::array({non_blank(), caution_def()})}}},
              {"refer", described(J{{"const", true}}, "status see_professional_first")},
              {"stop", described(object("'stop'", stop_keys(), {{"urgency", one_of(urgency_names())}}, {"urgency"}),
                                 "status stop: no routine at all")},
              {"because", described(non_blank(), "why, in your own words (shown to the user)")},
              {"sources", citations()}},
             {"id", "because", "sources"});
  // At least one action.
  J actions = J::array();
  for (const std::string& key : without(rule_keys(), {"id", "when", "because", "sources"}))
    actions.push_back(J{{"required", J::array({key})}});
  rule["anyOf"] = std::move(actions);
  return rule;
}

}  // namespace

J rule_schema(const Engine& engine) {
  const Vocabulary v = vocabulary(engine);
  J body = object("a rule file", rule_file_keys(),
                  {{"theme", text()}, {"description", text()}, {"rules", array(ref("rule"))}}, {"rules"});
  J defs{{"rule", rule_def()},
         {"condition", condition_def(engine.schema(), v.facts)},
         {"selector", selector_def(engine, v)},
         {"modify", modify_def(engine, v)},
         {"citation", citation_def(v)},
         {"stretch", described(one_of(v.stretches), "a stretch id")}};
  return document("limber rule file",
                  "A rule file (rules/*.yaml, see rules/README.md). Generated by `limber schema rule` from the rule "
                  "format and the loaded knowledge base (profile fields, stretch ids, documents).",
                  std::move(body), std::move(defs));
}

}  // namespace limber::jsonschema
