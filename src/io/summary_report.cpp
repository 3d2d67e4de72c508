// The summary as text (for reading), JSON (limber.summary/1, for programs)
// and CSV (one tidy row per count, for a spreadsheet or pandas).

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "io/summary.h"
#include "render/render_csv.h"

namespace limber {

namespace {

using Json = nlohmann::ordered_json;

std::string percent(std::uint64_t n, std::uint64_t of) {
  return of == 0 ? std::string("-") : fmt::format("{:.1f}%", 100.0 * static_cast<double>(n) / static_cast<double>(of));
}

double share(std::uint64_t n, std::uint64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
}

constexpr std::array<double, 5> kQuantiles = {0.0, 0.25, 0.5, 0.75, 1.0};
constexpr std::array<const char*, 5> kQuantileNames = {"min", "q1", "median", "q3", "max"};

// Indices of `counts` that are not zero (and pass `keep`), most frequent first, ties by index.
template <class Keep>
std::vector<std::size_t> by_frequency(const std::vector<std::uint64_t>& counts, Keep keep) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0 && keep(i)) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  return out;
}

bool is_stop(const Engine& e, std::size_t rule) {
  return e.rules()[rule].stop >= 0;
}
bool is_referral(const Engine& e, std::size_t rule) {
  return e.rules()[rule].refer;
}

std::string quantile_row(const std::uint64_t* h, std::size_t size) {
  std::string out;
  for (const double q : kQuantiles) {
    const std::int64_t v = quantile(h, size, q);
    out += v < 0 ? fmt::format(" {:>7}", "-") : fmt::format(" {:>7}", v);
  }
  return out;
}

// Errors by kind, then by message, with their first lines.
std::string errors_text(const ErrorTable& table) {
  std::vector<std::pair<std::uint64_t, const std::string*>> kinds;
  for (const auto& [kind, k] : table.kinds) kinds.emplace_back(k.count, &kind);
  std::stable_sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out = "\nErrors by kind, with their values and first lines\n";
  for (const auto& [n, kind] : kinds) {
    const ErrorTable::Kind& k = table.kinds.at(*kind);
    out += fmt::format("  {:>9}  {}\n", n, visible(*kind));
    std::vector<std::pair<std::uint64_t, const std::string*>> messages;
    for (const auto& [message, m] : k.messages) messages.emplace_back(m.count, &message);
    std::stable_sort(messages.begin(), messages.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [count, message] : messages) {
      const ErrorTable::Message& m = k.messages.at(*message);
      std::vector<std::string> where;
      for (const ErrorPlace& p : m.first) where.push_back(visible(p.where));
      out += fmt::format("  {:>9}    {}\n  {:>9}      at {}{}\n", count, visible(*message), "", join(where),
                         count > m.first.size() ? ", …" : "");
    }
    if (k.other > 0) out += fmt::format("  {:>9}    (other values)\n", k.other);
  }
  return out;
}

// --by: one column per group, the rows that compare them.
std::string groups_text(const BatchSummary& s) {
  const GroupBy& by = *s.by();
  const Engine& e = s.engine();
  std::vector<const Tally*> cols = {&s.all()};
  std::vector<std::string> heads = {"all"};
  for (std::size_t g = 0; g < s.groups().size(); ++g) {
    cols.push_back(&s.groups()[g]);
    heads.push_back(s.group_labels()[g]);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  auto counted = [&](std::string name, auto count) {
    std::vector<std::string> cells;
    for (const Tally* t : cols) {
      const std::uint64_t n = count(*t);
      cells.push_back(n == 0 ? std::string("0") : fmt::format("{} {}", n, percent(n, t->records)));
    }
    rows.emplace_back(std::move(name), std::move(cells));
  };
  {
    std::vector<std::string> cells;
    for (const Tally* t : cols) cells.push_back(std::to_string(t->records));
    rows.emplace_back("records read", std::move(cells));
  }
  for (std::size_t i = 0; i < 3; ++i) {
    counted(status_name(static_cast<Status>(i)), [&](const Tally& t) { return t.by_status[i]; });
  }
  for (std::size_t i = 0; i < 3; ++i) {
    counted(fmt::format("  {}", urgency_name(static_cast<Urgency>(i))),
            [&](const Tally& t) { return t.by_urgency[i]; });
  }
  for (const std::size_t r : by_frequency(s.all().rule_fired, [&](std::size_t i) { return is_stop(e, i); })) {
    counted("stopped by " + e.rule(r).id, [&](const Tally& t) { return t.rule_fired[r]; });
  }
  for (const std::size_t r : by_frequency(s.all().rule_fired, [&](std::size_t i) { return is_referral(e, i); })) {
    counted("referred by " + e.rule(r).id, [&](const Tally& t) { return t.rule_fired[r]; });
  }
  for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
    std::vector<std::string> cells;
    for (const Tally* t : cols) {
      const std::int64_t v = quantile(t->seconds, kQuantiles[q]);
      cells.push_back(v < 0 ? "-" : std::to_string(v));
    }
    rows.emplace_back(fmt::format("seconds, {}", kQuantileNames[q]), std::move(cells));
  }
  {
    std::vector<std::string> cells;
    for (const Tally* t : cols) {
      const std::int64_t v = quantile(t->steps.data(), t->steps.size(), 0.5);
      cells.push_back(v < 0 ? "-" : std::to_string(v));
    }
    rows.emplace_back("stretches, median", std::move(cells));
  }
  std::size_t name_width = 0;
  std::vector<std::size_t> widths(heads.size());
  for (std::size_t c = 0; c < heads.size(); ++c) widths[c] = display_width(heads[c]);
  for (const auto& [name, cells] : rows) {
    name_width = std::max(name_width, display_width(name));
    for (std::size_t c = 0; c < cells.size(); ++c) widths[c] = std::max(widths[c], display_width(cells[c]));
  }
  std::string out =
      fmt::format("\nBy {}{}\n", by.field_name(),
                  by.bands().empty() ? std::string() : fmt::format(" (bands from {})", fmt::join(by.bands(), ", ")));
  out += fmt::format("  {:<{}}", "", name_width);
  for (std::size_t c = 0; c < heads.size(); ++c) out += fmt::format("  {:>{}}", heads[c], widths[c]);
  out += '\n';
  for (const auto& [name, cells] : rows) {
    out += fmt::format("  {:<{}}", name, name_width);
    for (std::size_t c = 0; c < cells.size(); ++c) out += fmt::format("  {:>{}}", cells[c], widths[c]);
    out += '\n';
  }
  return out;
}

}  // namespace

std::string BatchSummary::text() const {
  const Engine& e = *engine_;
  const Tally& t = all_;
  std::string out = fmt::format("{} records: {} read, {} could not be read", records(), t.records, errors_);
  if (blank_rows_ > 0) out += fmt::format("; {} blank rows skipped", blank_rows_);
  out += "\n\nBy status\n";
  for (std::size_t i = 0; i < t.by_status.size(); ++i) {
    out += fmt::format("  {:<24} {:>9}  {:>6}\n", status_name(static_cast<Status>(i)), t.by_status[i],
                       percent(t.by_status[i], t.records));
  }
  out += "\nStops by urgency (the most urgent reason)\n";
  for (std::size_t i = 0; i < t.by_urgency.size(); ++i) {
    out += fmt::format("  {:<24} {:>9}  {:>6}\n", urgency_name(static_cast<Urgency>(i)), t.by_urgency[i],
                       percent(t.by_urgency[i], t.records));
  }
  out += "\nStops by rule\n";
  for (const std::size_t r : by_frequency(t.rule_fired, [&](std::size_t i) { return is_stop(e, i); })) {
    out += fmt::format("  {:<40} {:>9}  {:>6}\n", e.rule(r).id, t.rule_fired[r], percent(t.rule_fired[r], t.records));
  }
  out += "\nReferrals by rule\n";
  for (const std::size_t r : by_frequency(t.rule_fired, [&](std::size_t i) { return is_referral(e, i); })) {
    out += fmt::format("  {:<40} {:>9}  {:>6}\n", e.rule(r).id, t.rule_fired[r], percent(t.rule_fired[r], t.records));
  }
  std::uint64_t routines = 0;
  for (const std::uint64_t n : t.seconds) routines += n;
  out += fmt::format("\nRoutine length ({} routines; a stop has none)\n  {:<12}", routines, "");
  for (const char* q : kQuantileNames) out += fmt::format(" {:>7}", q);
  out += fmt::format("\n  {:<12}{}\n", "seconds", quantile_row(t.seconds.data(), t.seconds.size()));
  out += fmt::format("  {:<12}{}\n", "stretches", quantile_row(t.steps.data(), t.steps.size()));

  out += fmt::format("\nStretches by frequency{:>20} {:>10}\n", "recommended", "excluded");
  std::vector<std::size_t> stretches(t.recommended.size());
  for (std::size_t i = 0; i < stretches.size(); ++i) stretches[i] = i;
  std::stable_sort(stretches.begin(), stretches.end(), [&](std::size_t a, std::size_t b) {
    return t.recommended[a] != t.recommended[b] ? t.recommended[a] > t.recommended[b] : t.excluded[a] > t.excluded[b];
  });
  for (const std::size_t s : stretches) {
    out += fmt::format("  {:<30} {:>10} {:>10}\n", e.kb().stretches[s].id, t.recommended[s], t.excluded[s]);
  }
  out += "\nRules fired, by frequency (share of the records read)\n";
  for (const std::size_t r : by_frequency(t.rule_fired, [](std::size_t) { return true; })) {
    out += fmt::format("  {:<40} {:>9}  {:>6}\n", e.rule(r).id, t.rule_fired[r], percent(t.rule_fired[r], t.records));
  }
  std::vector<std::string> never;
  for (std::size_t i = 0; i < t.rule_fired.size(); ++i) {
    if (t.rule_fired[i] == 0) never.push_back(e.rule(i).id);
  }
  out += fmt::format("\nRules that never fired ({})\n", never.size());
  for (const std::string& id : never) out += "  " + id + "\n";
  if (!error_table_.kinds.empty()) out += errors_text(error_table_);
  if (by_ != nullptr) out += groups_text(*this);
  return out;
}

namespace {

Json quantiles_json(const std::uint64_t* h, std::size_t size) {
  Json j = Json::object();
  for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
    const std::int64_t v = quantile(h, size, kQuantiles[q]);
    j[kQuantileNames[q]] = v < 0 ? Json(nullptr) : Json(v);
  }
  return j;
}

Json tally_json(const Tally& t, const Engine& e) {
  Json j;
  j["records"] = t.records;
  Json status;
  for (std::size_t i = 0; i < t.by_status.size(); ++i) status[status_name(static_cast<Status>(i))] = t.by_status[i];
  j["by_status"] = status;
  Json urgency;
  for (std::size_t i = 0; i < t.by_urgency.size(); ++i)
    urgency[urgency_name(static_cast<Urgency>(i))] = t.by_urgency[i];
  j["by_urgency"] = urgency;
  auto rules = [&](auto keep) {
    Json a = Json::array();
    for (const std::size_t r : by_frequency(t.rule_fired, keep))
      a.push_back({{"rule", e.rule(r).id}, {"count", t.rule_fired[r]}});
    return a;
  };
  j["stops_by_rule"] = rules([&](std::size_t i) { return is_stop(e, i); });
  j["referrals_by_rule"] = rules([&](std::size_t i) { return is_referral(e, i); });
  j["routine_seconds"] = quantiles_json(t.seconds.data(), t.seconds.size());
  j["routine_stretches"] = quantiles_json(t.steps.data(), t.steps.size());
  j["rules_by_frequency"] = rules([](std::size_t) { return true; });
  Json stretches = Json::array();
  for (const std::size_t s : by_frequency(t.recommended, [](std::size_t) { return true; })) {
    stretches.push_back({{"stretch", e.kb().stretches[s].id}, {"count", t.recommended[s]}});
  }
  j["stretches_by_frequency"] = stretches;
  return j;
}

}  // namespace

std::string BatchSummary::json() const {
  const Engine& e = *engine_;
  const Tally& t = all_;
  Json j;
  j["schema"] = "limber.summary/1";
  j["records"] = records();
  j["errors"] = errors_;
  j["blank_rows"] = blank_rows_;
  Json status;
  for (std::size_t i = 0; i < t.by_status.size(); ++i) status[status_name(static_cast<Status>(i))] = t.by_status[i];
  j["by_status"] = status;
  Json rules = Json::object();
  Json never = Json::array();
  for (std::size_t i = 0; i < t.rule_fired.size(); ++i) {
    rules[e.rule(i).id] = t.rule_fired[i];
    if (t.rule_fired[i] == 0) never.push_back(e.rule(i).id);
  }
  j["rules_fired"] = rules;
  j["rules_never_fired"] = never;
  Json stretches = Json::object();
  for (std::size_t s = 0; s < t.recommended.size(); ++s) {
    stretches[e.kb().stretches[s].id] = {{"recommended", t.recommended[s]}, {"excluded", t.excluded[s]}};
  }
  j["stretches"] = stretches;
  Json kinds = Json::object();
  Json errors = Json::array();
  for (const auto& [kind, k] : error_table_.kinds) {
    kinds[kind] = k.count;
    Json messages = Json::array();
    for (const auto& [message, m] : k.messages) {
      Json where = Json::array();
      for (const ErrorPlace& p : m.first) where.push_back(p.where);
      messages.push_back({{"message", message}, {"count", m.count}, {"first", where}});
    }
    errors.push_back({{"kind", kind}, {"count", k.count}, {"messages", messages}, {"other", k.other}});
  }
  j["errors_by_kind"] = kinds;
  j["error_messages"] = errors;
  const Json all = tally_json(t, e);
  for (const auto& [key, value] : all.items()) {
    if (!j.contains(key)) j[key] = value;
  }
  if (by_ != nullptr) {
    Json groups = Json::array();
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      Json one;
      one["group"] = labels_[g];
      const Json tally = tally_json(groups_[g], e);
      for (const auto& [key, value] : tally.items()) one[key] = value;
      groups.push_back(one);
    }
    j["by"] = {{"field", by_->field_name()}, {"bands", by_->bands()}, {"groups", groups}};
  }
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string BatchSummary::csv() const {
  const Engine& e = *engine_;
  std::string out = "by,group,section,item,count,share,where\n";
  auto row = [&](std::string_view by, std::string_view group, std::string_view section, std::string_view item,
                 std::int64_t count, std::string_view share_text, std::string_view where) {
    for (const std::string_view cell : {by, group, section, item}) {
      append_csv_field(out, cell);
      out += ',';
    }
    out += count < 0 ? std::string() : std::to_string(count);
    out += ',';
    out += share_text;
    out += ',';
    append_csv_field(out, where);
    out += '\n';
  };
  auto tally = [&](std::string_view by, std::string_view group, const Tally& t) {
    auto counted = [&](std::string_view section, std::string_view item, std::uint64_t n) {
      row(by, group, section, item, static_cast<std::int64_t>(n), fmt::format("{:.4f}", share(n, t.records)), "");
    };
    row(by, group, "records", "read", static_cast<std::int64_t>(t.records), "", "");
    for (std::size_t i = 0; i < 3; ++i) counted("status", status_name(static_cast<Status>(i)), t.by_status[i]);
    for (std::size_t i = 0; i < 3; ++i) counted("urgency", urgency_name(static_cast<Urgency>(i)), t.by_urgency[i]);
    for (const std::size_t r : by_frequency(t.rule_fired, [&](std::size_t i) { return is_stop(e, i); }))
      counted("stop_rule", e.rule(r).id, t.rule_fired[r]);
    for (const std::size_t r : by_frequency(t.rule_fired, [&](std::size_t i) { return is_referral(e, i); }))
      counted("referral_rule", e.rule(r).id, t.rule_fired[r]);
    for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
      row(by, group, "routine_seconds", kQuantileNames[q], quantile(t.seconds, kQuantiles[q]), "", "");
    }
    for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
      row(by, group, "routine_stretches", kQuantileNames[q], quantile(t.steps.data(), t.steps.size(), kQuantiles[q]),
          "", "");
    }
    for (const std::size_t s : by_frequency(t.recommended, [](std::size_t) { return true; }))
      counted("stretch", e.kb().stretches[s].id, t.recommended[s]);
    for (const std::size_t s : by_frequency(t.excluded, [](std::size_t) { return true; }))
      counted("excluded", e.kb().stretches[s].id, t.excluded[s]);
    for (const std::size_t r : by_frequency(t.rule_fired, [](std::size_t) { return true; }))
      counted("rule", e.rule(r).id, t.rule_fired[r]);
  };
  tally("", "all", all_);
  row("", "all", "records", "errors", static_cast<std::int64_t>(errors_), "", "");
  row("", "all", "records", "blank_rows", static_cast<std::int64_t>(blank_rows_), "", "");
  for (const auto& [kind, k] : error_table_.kinds) {
    for (const auto& [message, m] : k.messages) {
      std::vector<std::string> where;
      for (const ErrorPlace& p : m.first) where.push_back(p.where);
      row("", "all", "error", message, static_cast<std::int64_t>(m.count), "", join(where, " "));
    }
    if (k.other > 0) row("", "all", "error", kind, static_cast<std::int64_t>(k.other), "", "");
  }
  if (by_ != nullptr) {
    for (std::size_t g = 0; g < groups_.size(); ++g) tally(by_->field_name(), labels_[g], groups_[g]);
  }
  return out;
}

}  // namespace limber
