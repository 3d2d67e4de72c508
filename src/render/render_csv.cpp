#include "render/render_csv.h"

#include <algorithm>

namespace limber {

std::string_view csv_columns() {
  return "id,status,urgency,stretches,total_seconds,excluded,fired_rules,stop_rules,referrals,error";
}

void append_csv_field(std::string& out, std::string_view text, char delimiter) {
  bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
  for (const char c : text) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_text(std::string& out, std::string_view text) {
  if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '@')) {
    std::string inert = "'";
    inert += text;
    append_csv_field(out, inert);
    return;
  }
  append_csv_field(out, text);
}

namespace {

// Names from the knowledge base joined by ';' as one field.
template <class Range, class Name>
void append_list(std::string& out, const Range& items, Name name) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined += ';';
    joined += name(item);
  }
  append_csv_field(out, joined);
}

}  // namespace

void render_csv_row(const Answer& a, std::string& out) {
  append_csv_text(out, a.profile_id);
  out += ',';
  out += status_name(a.status);
  out += ',';
  if (!a.stop_reasons.empty()) {
    const auto most = std::min_element(a.stop_reasons.begin(), a.stop_reasons.end(),
                                       [](const StopReason& x, const StopReason& y) { return x.urgency < y.urgency; });
    out += urgency_name(most->urgency);
  }
  out += ',';
  append_list(out, a.routine, [](const AnswerStep& s) { return std::string_view(s.stretch->id); });
  out += ',';
  out += std::to_string(a.total_seconds);
  out += ',';
  append_list(out, a.excluded, [](const AnswerExclusion& x) { return std::string_view(x.stretch->id); });
  out += ',';
  append_list(out, a.fired_rules, [](const Rule* r) { return std::string_view(r->id); });
  out += ',';
  append_list(out, a.stop_reasons, [](const StopReason& s) { return s.reason.rule; });
  out += ',';
  append_list(out, a.referrals, [](const Reason& r) { return r.rule; });
  out += ',';  // error: none
}

void render_csv_error_row(std::string_view id, std::string_view message, std::string& out) {
  append_csv_text(out, id);
  out += ",error,,,,,,,,";
  append_csv_text(out, message);
}

std::string render_csv(const Answer& answer) {
  std::string out(csv_columns());
  out += '\n';
  render_csv_row(answer, out);
  out += '\n';
  return out;
}

}  // namespace limber
