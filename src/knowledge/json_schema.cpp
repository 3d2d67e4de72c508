#include "knowledge/json_schema.h"

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "base/text.h"
#include "engine/expect.h"
#include "engine/ops.h"
#include "knowledge/figure.h"

namespace limber {

const std::vector<SchemaKind>& schema_kinds() {
  static const std::vector<SchemaKind> kinds = {
      {"profile", "profiles, tests/cases/*.yaml",
       "a profile (recommend, explain), or a test case: a profile with an `expect:` block (test)"},
      {"profile-schema", "rules/profile.yaml", "the profile schema: the fields a profile may give"},
      {"rule", "rules/*.yaml (not profile.yaml)", "a rule file: a theme and its rules"},
      {"stretch", "catalogue/stretches/*.yaml", "one stretch of the catalogue"},
      {"sources", "catalogue/sources.yaml", "the documents the rules and the catalogue cite"},
      {"figure", "catalogue/figures/*.yaml", "the figures of one stretch's forms: poses as joint angles"},
  };
  return kinds;
}

namespace {

using J = nlohmann::ordered_json;
using Props = std::map<std::string, J>;

constexpr const char* kDraft = "https://json-schema.org/draft/2020-12/schema";

J described(J schema, std::string_view description) {
  schema["description"] = std::string(description);
  return schema;
}

J text() {
  return J{{"type", "string"}};
}

// Text with something other than white space in it.
J non_blank() {
  J j = text();
  j["pattern"] = "\\S";
  return j;
}

J integer(std::int64_t min, std::int64_t max) {
  return J{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
}

J boolean() {
  return J{{"type", "boolean"}};
}

J ref(std::string_view name) {
  return J{{"$ref", fmt::format("#/$defs/{}", name)}};
}

// One of a closed list of names; any text when the list is empty (an empty
// knowledge base).
J one_of(const std::vector<std::string>& names) {
  J j = text();
  if (!names.empty()) j["enum"] = names;
  return j;
}

J array(J items, bool non_empty = false, bool unique = false) {
  J j{{"type", "array"}, {"items", std::move(items)}};
  if (non_empty) j["minItems"] = 1;
  if (unique) j["uniqueItems"] = true;
  return j;
}

// One item, or a list of them (the loaders accept both).
J one_or_list(const J& item, bool non_empty = false, bool unique = false) {
  return J{{"anyOf", J::array({item, array(item, non_empty, unique)})}};
}

const char* kKebab = "^[a-z][a-z0-9-]*$";       // stretch and variant ids
const char* kRuleId = "^[a-z][a-z0-9_-]*$";     // rule ids
const char* kIdentifier = "^[a-z][a-z0-9_]*$";  // field and value names

J pattern(const char* regex) {
  J j = text();
  j["pattern"] = regex;
  return j;
}

std::vector<std::string> without(const std::vector<std::string>& all, const std::vector<std::string>& drop) {
  std::vector<std::string> out;
  for (const std::string& s : all) {
    if (std::find(drop.begin(), drop.end(), s) == drop.end()) out.push_back(s);
  }
  return out;
}

// An object whose keys are exactly `keys`, the list the loader checks, in
// its order. A key the generator does not describe, or a description of a
// key the loader does not know, is a mistake here, not in a user's file:
// it fails `limber schema` (and so its test) instead of drifting silently.
J object(std::string_view what, const std::vector<std::string>& keys, Props props,
         const std::vector<std::string>& required = {}) {
  J properties = J::object();
  for (const std::string& key : keys) {
    auto it = props.find(key);
    if (it == props.end()) {
      throw Error(fmt::format("the schema generator does not know the key '{}' of {}", key, what),
                  "describe it in src/json_schema.cpp");
    }
    properties[key] = std::move(it->second);
    props.erase(it);
  }
  if (!props.empty()) {
    throw Error(
        fmt::format("the schema generator describes '{}', which is not a key of {}", props.begin()->first, what),
        "remove it from src/json_schema.cpp");
  }
  for (const std::string& key : required) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      throw Error(fmt::format("the schema generator requires '{}', which is not a key of {}", key, what));
  }
  J j{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) j["required"] = required;
  j["additionalProperties"] = false;
  return j;
}

// ---- Conditions ------------------------------------------------------------

// The operand an operator's row takes for a field of its types.
J operand(const Operator& row, const Field& f) {
  const J value = f.type == FieldType::Integer ? J{{"type", "integer"}}
                  : f.type == FieldType::Bool  ? boolean()
                                               : one_of(f.value_names());
  switch (row.operand) {
    case Operand::Flag: return described(boolean(), row.schema_note);
    case Operand::Value: return value;
    case Operand::List: return array(value);
    case Operand::ValueOrList: return J{{"anyOf", J::array({value, array(value)})}};
  }
  return J();
}

J comparison(const Field& f) {
  J ops = J::object();
  for (const std::string& op : operator_names()) {
    if (const Operator* row = find_operator(op, f.type)) ops[op] = operand(*row, f);
  }
  const J shorthand = f.type == FieldType::Integer ? J{{"type", "integer"}}
                      : f.type == FieldType::Bool  ? boolean()
                                                   : one_of(f.value_names());
  J compare{{"type", "object"}, {"minProperties", 1}, {"properties", std::move(ops)}, {"additionalProperties", false}};
  const std::string shorthand_op = f.type == FieldType::Set ? "has" : "eq";
  return J{{"description",
            fmt::format("{} ({}): a value (`{}`), or {{ OP: VALUE, ... }}", f.name, type_name(f.type), shorthand_op)},
           {"anyOf", J::array({shorthand, compare})}};
}

J condition_def(const Schema& schema, const std::vector<std::string>& facts) {
  J props = J::object();
  const J list = array(ref("condition"), true);
  props["all"] = described(list, "every condition holds");
  props["any"] = described(list, "at least one condition holds");
  props["not"] = described(ref("condition"), "the condition does not hold");
  J fact = described(non_blank(), "a fired rule derived this fact (`derive:`)");
  if (!facts.empty()) fact["examples"] = facts;
  props["fact"] = std::move(fact);
  for (const Field& f : schema.fields) {
    if (f.type == FieldType::String) continue;  // text fields cannot be tested
    props[f.name] = comparison(f);
  }
  return J{{"description", "A condition (rules/README.md, \"Conditions\"); several keys in one mapping must all hold."},
           {"type", "object"},
           {"minProperties", 1},
           {"properties", std::move(props)},
           {"additionalProperties", false}};
}

// ---- Shared pieces ---------------------------------------------------------

struct Vocabulary {
  std::vector<std::string> stretches;
  std::vector<std::string> variants;
  std::vector<std::string> rules;
  std::vector<std::string> documents;
  std::vector<std::string> documents_with_text;
  std::vector<std::string> areas;
  std::vector<std::string> equipment;
  std::vector<std::string> groups;
  std::vector<std::string> facts;
};

Vocabulary vocabulary(const Engine& engine) {
  const KnowledgeBase& kb = engine.kb();
  Vocabulary v;
  for (const Stretch& s : kb.stretches) {
    v.stretches.push_back(s.id);
    for (const Variant& var : s.variants) {
      if (std::find(v.variants.begin(), v.variants.end(), var.id) == v.variants.end()) v.variants.push_back(var.id);
    }
  }
  std::sort(v.variants.begin(), v.variants.end());
  for (const Rule& r : kb.rules) v.rules.push_back(r.id);
  for (const SourceDoc& d : kb.sources) {
    v.documents.push_back(d.id);
    if (!d.file.empty()) v.documents_with_text.push_back(d.id);
  }
  v.areas = kb.schema.fields[static_cast<std::size_t>(kb.schema.pain_areas)].value_names();
  v.equipment = kb.schema.fields[static_cast<std::size_t>(kb.schema.equipment)].value_names();
  v.groups = engine.groups();
  v.facts = engine.facts();
  return v;
}

J citation_def(const Vocabulary& v) {
  J c = object("a citation", citation_keys(),
               {{"doc", described(one_of(v.documents), "a document id of catalogue/sources.yaml")},
                {"quote", described(non_blank(),
                                    "a short excerpt, verbatim in the document's text "
                                    "(`limber lint --sources DIR` checks it)")}},
               {"doc"});
  if (!v.documents_with_text.empty()) {
    // A document with a text must be quoted.
    c["if"] = J{{"properties", {{"doc", {{"enum", v.documents_with_text}}}}}, {"required", J::array({"doc"})}};
    c["then"] = J{{"required", J::array({"quote"})}};
  }
  return c;
}

J citations() {
  return described(array(ref("citation"), true), "the documents this is drawn from (at least one)");
}

J document(std::string_view title, std::string_view description, J body, J defs) {
  J j;
  j["$schema"] = kDraft;
  j["title"] = std::string(title);
  j["description"] = std::string(description);
  for (auto& [key, value] : body.items()) j[key] = std::move(value);
  if (!defs.empty()) j["$defs"] = std::move(defs);
  return j;
}

// ---- profile ---------------------------------------------------------------

// `a;b` or `a, b` (or `none`): a set written as one text, as --set and CSV take it.
std::string set_pattern(const Field& f) {
  std::vector<std::string> names = f.value_names();
  names.push_back("none");
  const std::string value = "(?:" + join(names, "|") + ")";
  return fmt::format("^[\\s;,]*(?:{0}(?:\\s*[;,][\\s;,]*{0})*)?[\\s;,]*$", value);
}

J profile_field(const Schema& schema, const Field& f) {
  J j;
  switch (f.type) {
    case FieldType::String: j["type"] = J::array({"string", "number", "boolean"}); break;
    case FieldType::Integer: j = integer(f.min, f.max); break;
    case FieldType::Bool: j = boolean(); break;
    case FieldType::Enum: j = one_of(f.value_names()); break;
    case FieldType::Set: {
      J names = array(one_of(f.value_names()));
      J joined = text();
      joined["pattern"] = set_pattern(f);
      j["anyOf"] = J::array({names, joined});
      break;
    }
  }
  std::string description = f.question;
  if (!f.help.empty()) description += "\n\n" + f.help;
  description += "\n\nAllowed: " + f.describe_allowed() + ".";
  j["description"] = description;
  if (f.has_default) {
    const Profile defaults = default_profile(schema);
    const auto i = static_cast<std::size_t>(schema.index(f.name));
    switch (f.type) {
      case FieldType::Integer: j["default"] = defaults.values[i]; break;
      case FieldType::Bool: j["default"] = defaults.values[i] != 0; break;
      case FieldType::Enum: j["default"] = f.values[static_cast<std::size_t>(defaults.values[i])].name; break;
      case FieldType::Set: j["default"] = set_names(f, static_cast<std::uint64_t>(defaults.values[i])); break;
      case FieldType::String: break;
    }
  }
  return j;
}

J expect_def(const Vocabulary& v) {
  std::vector<std::string> statuses;
  for (Status s : {Status::Ok, Status::SeeProfessionalFirst, Status::Stop}) statuses.emplace_back(status_name(s));
  const J stretches = one_or_list(ref("stretch"));
  const J rules = one_or_list(one_of(v.rules));
  J e = object("an `expect:` block", expectation_keys(),
               {{"status", described(one_of(statuses), "the answer's status")},
                {"urgency", described(one_of(urgency_names()), "the most urgent stop reason")},
                {"includes", described(stretches, "every one is in the routine")},
                {"includes_any", described(stretches, "at least one is in the routine")},
                {"excludes", described(stretches, "none is in the routine")},
                {"excluded", described(stretches, "each is in the answer's excluded list")},
                {"cautions_mention", described(one_or_list(text()), "each is part of some caution (any case)")},
                {"fired", described(rules, "rules that must fire")},
                {"not_fired", described(rules, "rules that must not fire")},
                {"min_seconds", integer(0, 36000)},
                {"max_seconds", integer(0, 36000)},
                {"min_steps", integer(0, 100)},
                {"max_steps", integer(0, 100)}});
  e["description"] = "What the answer must show (`limber test`).";
  return e;
}

J profile_schema(const Engine& engine) {
  const Schema& schema = engine.schema();
  const Vocabulary v = vocabulary(engine);
  J props = J::object();
  for (const Field& f : schema.fields) props[f.name] = profile_field(schema, f);
  if (schema.index("expect") < 0) props["expect"] = ref("expect");
  J body{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  J defs{{"expect", expect_def(v)}, {"stretch", described(one_of(v.stretches), "a stretch id")}};
  return document("limber profile",
                  "A profile for `limber recommend` and `limber explain` (every field optional), or a test case for "
                  "`limber test`: a profile with an `expect:` block. Generated by `limber schema profile` from the "
                  "loaded profile schema (rules/profile.yaml) and knowledge base.",
                  std::move(body), std::move(defs));
}

// ---- profile-schema (rules/profile.yaml) -------------------------------------

J profile_schema_schema(const Engine& engine) {
  const Vocabulary v = vocabulary(engine);
  const J identifier = pattern(kIdentifier);
  const J value = object("a value", field_value_keys(),
                         {{"name", identifier}, {"label", described(text(), "shown by `limber ask`")}}, {"name"});
  constexpr std::int64_t kLimit = 1'000'000'000'000;
  J field =
      object("a field", field_keys(),
             {{"name", described(identifier, "the field name used in profiles and rules")},
              {"type", one_of(field_types())},
              {"min", described(integer(-kLimit, kLimit), "integer fields: the smallest value")},
              {"max", described(integer(-kLimit, kLimit), "integer fields: the largest value")},
              {"values", described(J{{"type", "array"},
                                     {"minItems", 1},
                                     {"maxItems", kMaxValues},
                                     {"items", J{{"anyOf", J::array({identifier, value})}}}},
                                   "enum and set fields: the allowed values")},
              {"default", described(J::object(), "the value when a profile does not give one (a set takes a list)")},
              {"question", described(non_blank(), "asked by `limber ask`")},
              {"help", text()},
              {"safety", described(boolean(), "asked first; any answer stops the routine")},
              {"ask_if", described(ref("condition"), "ask only when this holds")}},
             {"name", "type", "question"});
  const std::string integer_type = type_name(FieldType::Integer);
  const J valued = J::array({type_name(FieldType::Enum), type_name(FieldType::Set)});
  field["allOf"] = J::array({J{{"if", {{"properties", {{"type", {{"const", integer_type}}}}}}},
                               {"then", {{"required", J::array({"min", "max"})}}},
                               {"else", {{"properties", {{"min", false}, {"max", false}}}}}},
                             J{{"if", {{"properties", {{"type", {{"enum", valued}}}}}}},
                               {"then", {{"required", J::array({"values"})}}},
                               {"else", {{"properties", {{"values", false}}}}}}});
  J body = object("a profile schema", schema_file_keys(),
                  {{"fields", J{{"type", "array"}, {"maxItems", kMaxFields}, {"items", ref("field")}}}}, {"fields"});
  J defs{{"field", std::move(field)}, {"condition", condition_def(engine.schema(), v.facts)}};
  return document("limber profile schema",
                  "The profile schema (rules/profile.yaml): every field a profile may give, and the question "
                  "`limber ask` puts. Generated by `limber schema profile-schema`.",
                  std::move(body), std::move(defs));
}

// ---- rule ------------------------------------------------------------------

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

J rule_schema(const Engine& engine) {
  const Vocabulary v = vocabulary(engine);
  J selector = object("a selector", selector_keys(), selector_props(engine, v));
  selector["description"] = "Picks stretches: keys combine with AND, the values of one key with OR; {} picks all.";

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

  J caution_object =
      object("'caution'", caution_keys(), {{"text", non_blank()}, {"topic", one_of(caution_topics())}}, {"text"});
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
              {"caution", J{{"description", "a note shown with the routine"},
                            {"anyOf", J::array({non_blank(), std::move(caution_object)})}}},
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

  J body = object("a rule file", rule_file_keys(),
                  {{"theme", text()}, {"description", text()}, {"rules", array(ref("rule"))}}, {"rules"});
  J defs{{"rule", std::move(rule)},         {"condition", condition_def(engine.schema(), v.facts)},
         {"selector", std::move(selector)}, {"modify", std::move(modify)},
         {"citation", citation_def(v)},     {"stretch", described(one_of(v.stretches), "a stretch id")}};
  return document("limber rule file",
                  "A rule file (rules/*.yaml, see rules/README.md). Generated by `limber schema rule` from the rule "
                  "format and the loaded knowledge base (profile fields, stretch ids, documents).",
                  std::move(body), std::move(defs));
}

// ---- stretch ---------------------------------------------------------------

J stretch_schema(const Engine& engine) {
  const Vocabulary v = vocabulary(engine);
  auto choices = [](const std::vector<std::string>& vocabulary, bool non_empty) {
    return one_or_list(one_of(vocabulary), non_empty, true);
  };
  J dosage = object("'dosage'", dosage_keys(),
                    {{"hold_seconds", described(integer(1, 600), "seconds per repetition")},
                     {"reps", integer(1, 100)},
                     {"per_side", boolean()},
                     {"max_reps", described(integer(1, 100), "the routine may add reps up to this (at least reps)")}},
                    {"hold_seconds", "reps"});
  J variant = object("a variant", variant_keys(),
                     {{"id", pattern(kKebab)},
                      {"name", non_blank()},
                      {"text", non_blank()},
                      {"position", one_of(positions())},
                      {"on_floor", boolean()},
                      {"needs", choices(v.equipment, false)},
                      {"demands", choices(demands(), false)},
                      {"dosage", ref("dosage")},
                      {"steps", described(array(non_blank()), "empty: the stretch's own steps")}},
                     {"id", "name", "text"});
  J group = described(non_blank(), "one muscle group; a routine never repeats one");
  if (!v.groups.empty()) group["examples"] = v.groups;
  J stretch =
      object("a stretch", stretch_keys(),
             {{"id", described(pattern(kKebab), "equals the file name")},
              {"name", non_blank()},
              {"summary", text()},
              {"kind", one_of(stretch_kinds())},
              {"areas", described(choices(v.areas, true), "pain areas it relieves")},
              {"muscles", described(array(non_blank()), "display only")},
              {"group", std::move(group)},
              {"position", one_of(positions())},
              {"on_floor", described(boolean(), "needs getting down to (and up from) the floor")},
              {"directions", choices(directions(), true)},
              {"intensity", one_of(intensities())},
              {"warm_up", described(boolean(), "suitable as the first, warm-up step")},
              {"demands", choices(demands(), false)},
              {"equipment", object("'equipment'", equipment_keys(),
                                   {{"needs", described(choices(v.equipment, false), "cannot be done without these")},
                                    {"uses", described(choices(v.equipment, false), "nice to have")}})},
              {"dosage", ref("dosage")},
              {"steps", array(non_blank(), true)},
              {"cautions", array(non_blank())},
              {"variants", array(ref("variant"))},
              {"sources", citations()}},
             stretch_required_keys());
  J defs{{"dosage", std::move(dosage)}, {"variant", std::move(variant)}, {"citation", citation_def(v)}};
  return document("limber stretch",
                  "One stretch of the catalogue (catalogue/stretches/ID.yaml, see catalogue/README.md). Generated by "
                  "`limber schema stretch` from the catalogue format and the loaded profile schema and documents.",
                  std::move(stretch), std::move(defs));
}

// ---- sources ---------------------------------------------------------------

J sources_schema() {
  J source = object("a source document", source_keys(),
                    {{"id", described(non_blank(), "cited as `doc:`; quote numeric ids (\"000\")")},
                     {"title", non_blank()},
                     {"file", described(text(), "the document's text file name (then every citation quotes it)")},
                     {"url", text()}},
                    {"id", "title"});
  J body = object("a sources file", sources_file_keys(), {{"sources", array(std::move(source))}}, {"sources"});
  return document("limber sources",
                  "The documents the rules and the catalogue cite (catalogue/sources.yaml). Generated by "
                  "`limber schema sources`.",
                  std::move(body), J::object());
}

// ---- figure ----------------------------------------------------------------

J degrees(const AngleRange& r, std::string_view description) {
  return described(J{{"type", "number"}, {"minimum", r.min}, {"maximum", r.max}}, description);
}

J figure_schema(const Engine& engine) {
  std::vector<std::string> stretches;
  for (const Stretch& s : engine.kb().stretches) stretches.push_back(s.id);
  auto limb = [](std::string_view which) {
    const bool arm = which == "arm";
    const std::vector<std::string> keys = arm ? std::vector<std::string>{"shoulder", "elbow", "wrist", "out"}
                                              : std::vector<std::string>{"hip", "knee", "ankle", "out"};
    Props props;
    for (const std::string& k : keys) {
      const char* what = k == "shoulder" ? "the upper arm from hanging along the trunk; + forward"
                         : k == "elbow"  ? "+ bends the forearm forward"
                         : k == "wrist"  ? "+ bends the hand the way the elbow bends"
                         : k == "hip"    ? "the thigh from in line with the lower trunk; + forward (flexion)"
                         : k == "knee"   ? "+ bends the shank back"
                         : k == "ankle"  ? "0 the foot square to the shank; + toes up, - toes pointed"
                                         : "the limb turns out of the picture plane by this much (drawn shortened)";
      props[k] = degrees(limb_range(which, k), what);
    }
    return object(arm ? "an arm" : "a leg", keys, std::move(props));
  };
  J pose = object(
      "a pose", figure_pose_keys(),
      {{"label", described(text(), "what the pose shows, for the figure's description")},
       {"trunk", degrees(pose_range("trunk"), "the lower trunk from vertical; + forward (side view) or right (front)")},
       {"spine", degrees(pose_range("spine"), "the upper trunk on the lower; + flexion (rounded), - extension")},
       {"neck", degrees(pose_range("neck"), "the head on the upper trunk; + flexion (chin down)")},
       {"arm", described(ref("arm"), "both arms")},
       {"arm_near", described(ref("arm"), "the near arm: changes the angles it names")},
       {"arm_far", described(ref("arm"), "the far arm: changes the angles it names")},
       {"leg", described(ref("leg"), "both legs")},
       {"leg_near", described(ref("leg"), "the near leg: changes the angles it names")},
       {"leg_far", described(ref("leg"), "the far leg: changes the angles it names")},
       {"ghost", described(boolean(), "overlay: the starting pose, drawn faint")}});
  const J point = one_of(figure_points());
  J prop_map = object("a prop", figure_prop_keys(),
                      {{"kind", one_of(figure_props())},
                       {"at", described(point, "the body point it is under, in or starts from")},
                       {"to", described(point, "strap, towel: where it runs to; chair: the seat reaches under it")},
                       {"side", described(one_of({"behind", "front", "none"}), "wall: which side; chair: its back")}},
                      {"kind"});
  J arrow = object("an arrow", figure_arrow_keys(),
                   {{"move", described(point, "from the ghost pose to the held one")},
                    {"turn", described(point, "a rotation about the segment ending here")},
                    {"both_ways", boolean()}});
  arrow["oneOf"] = J::array({J{{"required", {"move"}}}, J{{"required", {"turn"}}}});
  J form = object("a figure form", figure_form_keys(),
                  {{"form", described(pattern(kKebab), "base (the stretch as catalogued) or a variant id")},
                   {"view", one_of(figure_views())},
                   {"facing", one_of({"right", "left"})},
                   {"layout", described(one_of(figure_layouts()),
                                        "single: one pose; overlay: a faint start and the held pose; sequence: "
                                        "poses side by side")},
                   {"anchor", described(point, "overlay: the point that stays put (default pelvis)")},
                   {"repeat", described(boolean(), "sequence: the poses alternate")},
                   {"poses", array(ref("pose"), true)},
                   {"props", array(J{{"anyOf", J::array({one_of(figure_props()), ref("prop")})}})},
                   {"arrows", array(ref("arrow"))}},
                  {"form", "poses"});
  J body = object("a figure file", figure_keys(),
                  {{"stretch", described(one_of(stretches), "the stretch id; equals the file name")},
                   {"forms", array(ref("form"), true)}},
                  {"stretch", "forms"});
  J defs{{"form", std::move(form)}, {"pose", std::move(pose)},     {"arm", limb("arm")},
         {"leg", limb("leg")},      {"prop", std::move(prop_map)}, {"arrow", std::move(arrow)}};
  return document("limber figure",
                  "The figures of one stretch's forms (catalogue/figures/ID.yaml, see catalogue/README.md): poses "
                  "as joint angles, props and arrows. Generated by `limber schema figure`.",
                  std::move(body), std::move(defs));
}

}  // namespace

nlohmann::ordered_json json_schema(const Engine& engine, std::string_view kind) {
  if (kind == "profile") return profile_schema(engine);
  if (kind == "profile-schema") return profile_schema_schema(engine);
  if (kind == "rule") return rule_schema(engine);
  if (kind == "stretch") return stretch_schema(engine);
  if (kind == "sources") return sources_schema();
  if (kind == "figure") return figure_schema(engine);
  std::vector<std::string> names;
  for (const SchemaKind& k : schema_kinds()) names.push_back(k.name);
  throw UsageError(fmt::format("unknown schema kind '{}'{}", kind, did_you_mean(kind, names)), "kinds: " + join(names));
}

}  // namespace limber
