#pragma once
// The stretch catalogue (catalogue/stretches/*.yaml) and the source
// documents it and the rules cite (catalogue/sources.yaml).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "knowledge/schema.h"
#include "knowledge/yaml.h"

namespace limber {

// The closed vocabularies of the catalogue format.
const std::vector<std::string>& positions();  // order = the routine's position order
const std::vector<std::string>& directions();
const std::vector<std::string>& intensities();
const std::vector<std::string>& demands();
const std::vector<std::string>& stretch_kinds();

struct StretchFigure;  // knowledge/figure.h

struct Citation {
  std::string doc;
  std::string quote;
  Location where;      // of the entry
  Location doc_where;  // of the doc id
};

struct Dosage {
  int hold_seconds = 30;
  int reps = 1;
  bool per_side = false;
  int max_reps = 1;
  int seconds() const { return hold_seconds * reps * (per_side ? 2 : 1); }
};

struct Variant {
  std::string id;
  std::string name;
  std::string text;
  std::optional<std::string> position;
  std::optional<bool> on_floor;
  std::optional<std::vector<std::string>> needs;
  std::optional<std::vector<std::string>> demands;
  std::optional<Dosage> dosage;
  std::vector<std::string> steps;  // empty: the stretch's own steps
  Location where;
};

struct Stretch {
  std::string id;
  std::string name;
  std::string summary;
  std::string kind;
  std::vector<std::string> areas;
  std::vector<std::string> muscles;
  std::string group;
  std::string position;
  bool on_floor = false;
  std::vector<std::string> directions;
  std::string intensity;
  bool warm_up = false;
  std::vector<std::string> demands;
  std::vector<std::string> needs;
  std::vector<std::string> uses;
  Dosage dosage;
  std::vector<std::string> steps;
  std::vector<std::string> cautions;
  std::vector<Variant> variants;
  std::vector<Citation> sources;
  Location where;
  std::string file;
  // Its figures (catalogue/figures/ID.yaml), joined by id when the catalogue
  // is loaded; nullptr when there are none (lint reports it).
  std::shared_ptr<const StretchFigure> figure;

  int variant_index(std::string_view id) const;  // -1 when absent
};

struct SourceDoc {
  std::string id;
  std::string title;
  std::string file;  // a text file name, or empty for a guideline
  std::string url;
  Location where;
};

// Parses one stretch document. Vocabulary values (areas, equipment) are
// checked against the schema's pain_areas and equipment fields.
Stretch parse_stretch(const yaml::Node& doc, const yaml::Checker& check, const Schema& schema);
std::vector<SourceDoc> parse_sources(const yaml::Node& doc, const yaml::Checker& check);
std::vector<Citation> parse_citations(const yaml::Node& node, const yaml::Checker& check);

// The keys of the catalogue format, exactly as the loader checks them
// (`limber schema stretch|sources` is generated from these).
const std::vector<std::string>& stretch_keys();
const std::vector<std::string>& stretch_required_keys();
const std::vector<std::string>& variant_keys();
const std::vector<std::string>& dosage_keys();
const std::vector<std::string>& equipment_keys();
const std::vector<std::string>& citation_keys();
const std::vector<std::string>& sources_file_keys();
const std::vector<std::string>& source_keys();

}  // namespace limber
