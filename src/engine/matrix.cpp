#include "engine/matrix.h"

#include <fmt/format.h>
#include <limits>

namespace limber {

const char* cell_name(Cell c) {
  switch (c) {
    case Cell::Allowed: return "allowed";
    case Cell::Modified: return "modified";
    case Cell::Excluded: return "excluded";
  }
  return "allowed";
}

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

Profile base_profile(const Engine& engine) {
  const Schema& schema = engine.schema();
  Profile p = default_profile(schema);
  const Field& equipment = schema.fields[static_cast<std::size_t>(schema.equipment)];
  std::uint64_t all = 0;
  for (std::size_t i = 0; i < equipment.values.size(); ++i) all |= std::uint64_t{1} << i;
  store_value(p, schema, schema.equipment, static_cast<std::int64_t>(all), "");
  p.given = 0;
  return p;
}

}  // namespace

std::vector<std::pair<std::string, Profile>> matrix_conditions(const Engine& engine) {
  const Schema& schema = engine.schema();
  std::vector<std::pair<std::string, Profile>> out;
  const Profile base = base_profile(engine);
  auto add = [&](int field, std::string_view text) {
    if (field < 0) return;
    Profile p = base;
    if (assign_text(p, schema, field, text)) return;  // a value this schema does not have
    out.emplace_back(fmt::format("{}={}", schema.fields[static_cast<std::size_t>(field)].name, text), p);
  };
  for (const char* name : {"history", "symptoms", "worse_with", "pain_areas"}) {
    const int f = schema.index(name);
    if (f < 0) continue;
    for (const FieldValue& v : schema.fields[static_cast<std::size_t>(f)].values) add(f, v.name);
  }
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    const Field& field = schema.fields[f];
    if (field.type != FieldType::Bool || !field.has_default || field.safety) continue;
    add(static_cast<int>(f), base.values[f] != 0 ? "false" : "true");
  }
  const std::pair<const char*, const char*> probes[] = {
      {"age", "12"}, {"age", "80"}, {"pregnant_weeks", "8"}, {"pregnant_weeks", "24"}, {"pain_intensity", "8"}};
  for (const auto& [name, value] : probes) add(schema.index(name), value);
  return out;
}

MatrixRow matrix_row(const Engine& engine, std::string condition, const Profile& profile) {
  MatrixRow row;
  row.condition = std::move(condition);
  row.profile = profile;
  Result r;
  engine.fire(profile, r);
  const std::size_t forms = engine.forms().size();
  row.cells.assign(forms, Cell::Allowed);
  row.rules.assign(forms, kNone);
  const bool stopped = [&] {
    bool any = false;
    r.fired.for_each([&](std::size_t i) { any = any || engine.rules()[i].stop >= 0; });
    return any;
  }();
  r.fired.for_each([&](std::size_t i) {
    const CompiledRule& cr = engine.rules()[i];
    for (std::size_t f = 0; f < forms; ++f) {
      if (row.cells[f] == Cell::Excluded) continue;
      if (stopped ? cr.stop >= 0 : engine.excludes(i, f)) {
        row.cells[f] = Cell::Excluded;
        row.rules[f] = i;
      } else if (!stopped && row.cells[f] == Cell::Allowed && engine.modifies(i, engine.form(f).stretch, f)) {
        row.cells[f] = Cell::Modified;
        row.rules[f] = i;
      }
    }
  });
  return row;
}

Matrix build_matrix(const Engine& engine) {
  Matrix m;
  const KnowledgeBase& kb = engine.kb();
  for (const Form& f : engine.forms()) {
    const Stretch& s = kb.stretches[f.stretch];
    m.columns.push_back(f.variant < 0 ? s.id : s.id + "/" + s.variants[static_cast<std::size_t>(f.variant)].id);
  }
  for (auto& [condition, profile] : matrix_conditions(engine)) m.rows.push_back(matrix_row(engine, condition, profile));
  return m;
}

}  // namespace limber
