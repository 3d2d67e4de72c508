#pragma once
// The contraindication matrix (`limber matrix`): conditions (rows) by
// stretch forms (columns), each cell excluded, modified or allowed with the
// rule that decided it. Nothing in it is written by hand: every row is a
// single-condition profile evaluated by the real engine (fire() and the
// compiled selectors assemble() uses), so the matrix says what `recommend`
// does for that profile.

#include <string>
#include <vector>

#include "engine/engine.h"

namespace limber {

enum class Cell : std::uint8_t { Allowed, Modified, Excluded };
const char* cell_name(Cell c);  // "allowed", "modified", "excluded"

struct MatrixRow {
  std::string condition;           // "history=osteoporosis"
  Profile profile;                 // the single-condition profile evaluated
  std::vector<Cell> cells;         // per form
  std::vector<std::size_t> rules;  // per form: the compiled rule (excluded or modified), else SIZE_MAX
};

struct Matrix {
  std::vector<std::string> columns;  // per form: "cat-cow" or "cat-cow/seated"
  std::vector<MatrixRow> rows;
};

// The probe conditions: every value of the set fields that describe a
// person (history, symptoms, worse_with, pain_areas), the non-default value
// of each bool field, and integer probes for the fields rules compare
// (age 12 and 80, pregnant_weeks 8 and 24, pain_intensity 8). Each profile
// has every item of equipment, so equipment rules stay out of the picture.
std::vector<std::pair<std::string, Profile>> matrix_conditions(const Engine& engine);

// One row: which forms the fired exclude rules rule out (the first such
// rule, in evaluation order, is named, as assemble() names it) and which
// the fired modify rules change.
MatrixRow matrix_row(const Engine& engine, std::string condition, const Profile& profile);

Matrix build_matrix(const Engine& engine);

}  // namespace limber
