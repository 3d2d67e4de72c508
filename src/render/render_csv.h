#pragma once
// A routine as one row of a flat table (`batch --format csv`): the columns
// a researcher counts and filters by, lists joined by ';'.

#include <string>
#include <string_view>

#include "engine/answer.h"

namespace limber {

// "id,status,urgency,stretches,total_seconds,excluded,fired_rules,stop_rules,referrals,error"
std::string_view csv_columns();

// Appends the answer's cells, in csv_columns() order (`error` empty), with
// no line end.
void render_csv_row(const Answer& answer, std::string& out);
// Appends an unreadable record's cells: status `error` and the message.
void render_csv_error_row(std::string_view id, std::string_view message, std::string& out);
// The header and the answer's row, each with a line end: one answer as a table.
std::string render_csv(const Answer& answer);

// Appends `text` as one CSV field: quoted when it holds the delimiter, a
// quote, a line end or leading/trailing space, quotes doubled.
void append_csv_field(std::string& out, std::string_view text, char delimiter = ',');
// Appends text a person wrote (an id, a kept column, a message) as one CSV
// field: quoted as RFC 4180 needs, and a leading = + @ made inert with a
// quote, so a spreadsheet never runs it as a formula.
void append_csv_text(std::string& out, std::string_view text);

}  // namespace limber
