#include "knowledge/catalogue.h"

#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"

namespace limber {

const std::vector<std::string>& positions() {
  static const std::vector<std::string> v = {"standing",  "hanging", "squat",      "seated", "kneeling",
                                             "all_fours", "prone",   "side_lying", "supine"};
  return v;
}
const std::vector<std::string>& directions() {
  static const std::vector<std::string> v = {"flexion", "extension", "rotation", "lateral", "neutral"};
  return v;
}
const std::vector<std::string>& intensities() {
  static const std::vector<std::string> v = {"gentle", "moderate", "strong"};
  return v;
}
const std::vector<std::string>& demands() {
  static const std::vector<std::string> v = {"spinal_flexion",
                                             "deep_flexion",
                                             "loaded_flexion",
                                             "spinal_extension",
                                             "deep_extension",
                                             "loaded_extension",
                                             "rotation",
                                             "deep_rotation",
                                             "flexion_rotation",
                                             "side_bending",
                                             "hip_flexion_90",
                                             "hip_adduction",
                                             "hip_internal_rotation",
                                             "wrist_load",
                                             "knee_load",
                                             "shoulder_load",
                                             "hanging",
                                             "overhead_reach",
                                             "overhead_load",
                                             "neck_flexion",
                                             "neck_side_bending",
                                             "neck_rotation",
                                             "nerve_tension",
                                             "balance",
                                             "near_floor",
                                             "grip",
                                             "strength"};
  return v;
}
const std::vector<std::string>& source_kinds() {
  static const std::vector<std::string> v = {"document", "guideline", "practice"};
  return v;
}
const std::vector<std::string>& stretch_kinds() {
  static const std::vector<std::string> v = {"stretch", "mobility", "strength", "rest"};
  return v;
}

int Stretch::variant_index(std::string_view vid) const {
  for (std::size_t i = 0; i < variants.size(); ++i) {
    if (variants[i].id == vid) return static_cast<int>(i);
  }
  return -1;
}

namespace {

const std::vector<std::string> kStretchKeys = {"id",        "name",     "summary",  "kind",      "areas",
                                               "muscles",   "group",    "position", "on_floor",  "directions",
                                               "intensity", "warm_up",  "demands",  "equipment", "dosage",
                                               "steps",     "cautions", "variants", "sources"};
const std::vector<std::string> kVariantKeys = {"id",    "name",    "text",   "position", "on_floor",
                                               "needs", "demands", "dosage", "steps"};
const std::vector<std::string> kDosageKeys = {"hold_seconds", "reps", "per_side", "max_reps"};
const std::vector<std::string> kEquipmentKeys = {"needs", "uses"};
const std::vector<std::string> kCitationKeys = {"doc", "quote", "section"};
const std::vector<std::string> kSourceKeys = {"id", "kind", "title", "file", "url"};
// `demands` is required, of a stretch and of each variant (a variant may
// write `demands: inherit`): no form is left with its demands undeclared.
const std::vector<std::string> kStretchRequired = {"id",       "name",     "kind",       "areas",     "group",
                                                   "position", "on_floor", "directions", "intensity", "demands",
                                                   "dosage",   "steps",    "sources"};
const std::vector<std::string> kSourcesFileKeys = {"sources"};

bool is_kebab(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::vector<std::string> choices(const yaml::Node& node, const yaml::Checker& check,
                                 const std::vector<std::string>& allowed, std::string_view what) {
  std::vector<std::string> out;
  if (node.is_null()) return out;
  if (node.is_scalar()) {
    out.push_back(check.choice(node, allowed, what));
    return out;
  }
  check.expect_sequence(node, what);
  for (const yaml::Node& item : node.children) {
    std::string v = check.choice(item, allowed, what);
    if (std::find(out.begin(), out.end(), v) != out.end()) check.fail(item, fmt::format("'{}' is listed twice", v));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> texts(const yaml::Node& node, const yaml::Checker& check, std::string_view what) {
  check.expect_sequence(node, what);
  std::vector<std::string> out;
  for (const yaml::Node& item : node.children) {
    std::string t = check.string(item, what);
    if (trim(t).empty()) check.fail(item, fmt::format("an empty item in {}", what));
    out.push_back(std::move(t));
  }
  return out;
}

Dosage parse_dosage(const yaml::Node& node, const yaml::Checker& check) {
  check.expect_map(node, "'dosage'");
  check.check_keys(node, kDosageKeys, "'dosage'");
  check.require(node, "hold_seconds", "'dosage'");
  check.require(node, "reps", "'dosage'");
  Dosage d;
  d.hold_seconds = static_cast<int>(check.integer(*node.find("hold_seconds"), 1, 600, "'hold_seconds'"));
  d.reps = static_cast<int>(check.integer(*node.find("reps"), 1, 100, "'reps'"));
  if (const auto* n = node.find("per_side")) d.per_side = check.boolean(*n, "'per_side'");
  d.max_reps = d.reps;
  if (const auto* n = node.find("max_reps"))
    d.max_reps = static_cast<int>(check.integer(*n, d.reps, 100, "'max_reps' (at least 'reps')"));
  return d;
}

}  // namespace

const std::vector<std::string>& stretch_keys() {
  return kStretchKeys;
}
const std::vector<std::string>& stretch_required_keys() {
  return kStretchRequired;
}
const std::vector<std::string>& variant_keys() {
  return kVariantKeys;
}
const std::vector<std::string>& dosage_keys() {
  return kDosageKeys;
}
const std::vector<std::string>& equipment_keys() {
  return kEquipmentKeys;
}
const std::vector<std::string>& citation_keys() {
  return kCitationKeys;
}
const std::vector<std::string>& sources_file_keys() {
  return kSourcesFileKeys;
}
const std::vector<std::string>& source_keys() {
  return kSourceKeys;
}

std::vector<Citation> parse_citations(const yaml::Node& node, const yaml::Checker& check) {
  check.expect_sequence(node, "'sources'");
  if (node.children.empty())
    check.fail(node, "'sources' must cite at least one document", "e.g. - { doc: \"002\", quote: \"...\" }");
  std::vector<Citation> out;
  for (const yaml::Node& item : node.children) {
    check.expect_map(item, "a source citation");
    check.check_keys(item, kCitationKeys, "a source citation");
    check.require(item, "doc", "a source citation");
    Citation c;
    c.where = check.source().at(item);
    c.doc_where = check.source().at(*item.find("doc"));
    c.doc = check.string(*item.find("doc"), "a document id");
    if (const auto* q = item.find("quote")) c.quote = check.string(*q, "a quote");
    if (const auto* q = item.find("section")) {
      c.section = check.string(*q, "a section");
      if (trim(c.section).empty()) check.fail(*q, "an empty 'section'", "name the recommendation or section cited");
    }
    out.push_back(std::move(c));
  }
  return out;
}

Stretch parse_stretch(const yaml::Node& doc, const yaml::Checker& check, const Schema& schema) {
  check.expect_map(doc, "a stretch");
  check.check_keys(doc, kStretchKeys, "a stretch");
  for (const std::string& key : kStretchRequired) check.require(doc, key, "a stretch");
  const Field& areas = schema.fields[static_cast<std::size_t>(schema.pain_areas)];
  const Field& equipment = schema.fields[static_cast<std::size_t>(schema.equipment)];
  const std::vector<std::string> area_names = areas.value_names();
  const std::vector<std::string> equipment_names = equipment.value_names();

  Stretch s;
  s.where = check.source().at(doc);
  s.file = check.source().name();
  s.id = check.string(*doc.find("id"), "a stretch id");
  if (!is_kebab(s.id))
    check.fail(*doc.find("id"), fmt::format("'{}' is not a valid stretch id", s.id),
               "use lower-case letters, digits and '-'");
  s.name = check.string(*doc.find("name"), "a name");
  if (const auto* n = doc.find("summary")) s.summary = check.string(*n, "a summary");
  s.kind = check.choice(*doc.find("kind"), stretch_kinds(), "kind");
  s.areas = choices(*doc.find("areas"), check, area_names, "area");
  if (s.areas.empty()) check.fail(*doc.find("areas"), "a stretch needs at least one area");
  if (const auto* n = doc.find("muscles")) s.muscles = texts(*n, check, "'muscles'");
  s.group = check.string(*doc.find("group"), "a muscle group");
  s.position = check.choice(*doc.find("position"), positions(), "position");
  s.on_floor = check.boolean(*doc.find("on_floor"), "'on_floor'");
  s.directions = choices(*doc.find("directions"), check, directions(), "direction");
  if (s.directions.empty()) check.fail(*doc.find("directions"), "a stretch needs at least one direction");
  s.intensity = check.choice(*doc.find("intensity"), intensities(), "intensity");
  if (const auto* n = doc.find("warm_up")) s.warm_up = check.boolean(*n, "'warm_up'");
  s.demands = choices(*doc.find("demands"), check, demands(), "demand");
  if (const auto* n = doc.find("equipment")) {
    check.expect_map(*n, "'equipment'");
    check.check_keys(*n, kEquipmentKeys, "'equipment'");
    if (const auto* needs = n->find("needs")) s.needs = choices(*needs, check, equipment_names, "equipment");
    if (const auto* uses = n->find("uses")) s.uses = choices(*uses, check, equipment_names, "equipment");
  }
  s.dosage = parse_dosage(*doc.find("dosage"), check);
  s.steps = texts(*doc.find("steps"), check, "'steps'");
  if (s.steps.empty()) check.fail(*doc.find("steps"), "a stretch needs at least one step");
  if (const auto* n = doc.find("cautions")) s.cautions = texts(*n, check, "'cautions'");
  if (const auto* n = doc.find("variants")) {
    check.expect_sequence(*n, "'variants'");
    for (const yaml::Node& item : n->children) {
      check.expect_map(item, "a variant");
      check.check_keys(item, kVariantKeys, "a variant");
      check.require(item, "id", "a variant");
      check.require(item, "name", "a variant");
      check.require(item, "text", "a variant");
      if (item.find("demands") == nullptr)
        check.fail(item,
                   fmt::format("the variant '{}' does not say what it demands",
                               check.string(*item.find("id"), "a variant id")),
                   "list its demands (or []), or write `demands: inherit` to keep the stretch's");
      Variant v;
      v.where = check.source().at(item);
      v.id = check.string(*item.find("id"), "a variant id");
      if (!is_kebab(v.id))
        check.fail(*item.find("id"), fmt::format("'{}' is not a valid variant id", v.id),
                   "use lower-case letters, digits and '-'");
      if (s.variant_index(v.id) >= 0)
        check.fail(*item.find("id"), fmt::format("the variant '{}' is defined twice", v.id));
      v.name = check.string(*item.find("name"), "a variant name");
      v.text = check.string(*item.find("text"), "a variant text");
      if (const auto* p = item.find("position")) v.position = check.choice(*p, positions(), "position");
      if (const auto* p = item.find("on_floor")) v.on_floor = check.boolean(*p, "'on_floor'");
      if (const auto* p = item.find("needs")) v.needs = choices(*p, check, equipment_names, "equipment");
      if (const yaml::Node* p = item.find("demands"); !(p->is_scalar() && p->value == "inherit"))
        v.demands = choices(*p, check, demands(), "demand");
      if (const auto* p = item.find("dosage")) v.dosage = parse_dosage(*p, check);
      if (const auto* p = item.find("steps")) v.steps = texts(*p, check, "'steps'");
      s.variants.push_back(std::move(v));
    }
  }
  s.sources = parse_citations(*doc.find("sources"), check);
  return s;
}

std::vector<SourceDoc> parse_sources(const yaml::Node& doc, const yaml::Checker& check) {
  check.expect_map(doc, "a sources file");
  check.check_keys(doc, kSourcesFileKeys, "a sources file");
  check.require(doc, "sources", "a sources file");
  const yaml::Node& list = *doc.find("sources");
  check.expect_sequence(list, "'sources'");
  std::vector<SourceDoc> out;
  for (const yaml::Node& item : list.children) {
    check.expect_map(item, "a source document");
    check.check_keys(item, kSourceKeys, "a source document");
    check.require(item, "id", "a source document");
    check.require(item, "kind", "a source document");
    check.require(item, "title", "a source document");
    SourceDoc d;
    d.where = check.source().at(item);
    d.id = check.string(*item.find("id"), "a document id");
    d.kind = check.choice(*item.find("kind"), source_kinds(), "source kind");
    d.title = check.string(*item.find("title"), "a title");
    if (const auto* f = item.find("file")) d.file = check.string(*f, "a file name");
    if (const auto* u = item.find("url")) d.url = check.string(*u, "a URL");
    for (const SourceDoc& other : out) {
      if (other.id == d.id) check.fail(*item.find("id"), fmt::format("the document id '{}' is listed twice", d.id));
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace limber
