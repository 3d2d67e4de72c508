#include "io/summary.h"

#include <algorithm>
#include <cmath>

#include "base/text.h"

namespace limber {

Tally::Tally(std::size_t rules, std::size_t stretches)
    : rule_fired(rules, 0), recommended(stretches, 0), excluded(stretches, 0) {}

void Tally::add(const Result& r, const Engine& engine) {
  ++records;
  ++by_status[static_cast<std::size_t>(r.status)];
  std::size_t urgency = by_urgency.size();
  r.fired.for_each([&](std::size_t i) {
    ++rule_fired[i];
    const std::int8_t stop = engine.rules()[i].stop;
    if (stop >= 0) urgency = std::min(urgency, static_cast<std::size_t>(stop));
  });
  if (r.status == Status::Stop) {
    if (urgency < by_urgency.size()) ++by_urgency[urgency];
  } else {
    const auto s = static_cast<std::size_t>(std::max(0, r.total_seconds));
    if (s >= seconds.size()) seconds.resize(s + 1, 0);
    ++seconds[s];
    ++steps[std::min<std::size_t>(r.step_count, kMaxSteps)];
  }
  for (std::size_t k = 0; k < r.step_count; ++k) ++recommended[r.steps[k].stretch];
  for (std::size_t k = 0; k < r.excluded_count; ++k) ++excluded[r.excluded[k].stretch];
}

void Tally::merge(const Tally& o) {
  records += o.records;
  for (std::size_t i = 0; i < by_status.size(); ++i) by_status[i] += o.by_status[i];
  for (std::size_t i = 0; i < by_urgency.size(); ++i) by_urgency[i] += o.by_urgency[i];
  for (std::size_t i = 0; i < rule_fired.size(); ++i) rule_fired[i] += o.rule_fired[i];
  for (std::size_t i = 0; i < recommended.size(); ++i) {
    recommended[i] += o.recommended[i];
    excluded[i] += o.excluded[i];
  }
  if (o.seconds.size() > seconds.size()) seconds.resize(o.seconds.size(), 0);
  for (std::size_t i = 0; i < o.seconds.size(); ++i) seconds[i] += o.seconds[i];
  for (std::size_t i = 0; i < steps.size(); ++i) steps[i] += o.steps[i];
}

std::int64_t quantile(const std::uint64_t* histogram, std::size_t size, double q) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < size; ++i) total += histogram[i];
  if (total == 0) return -1;
  // Nearest rank: the smallest value with at least ceil(q * total) values at or below it.
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < size; ++i) {
    seen += histogram[i];
    if (seen >= rank) return static_cast<std::int64_t>(i);
  }
  return static_cast<std::int64_t>(size) - 1;
}

std::int64_t quantile(const std::vector<std::uint64_t>& histogram, double q) {
  return quantile(histogram.data(), histogram.size(), q);
}

std::string error_kind(std::string_view message) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\'') {
      if (!quoted) out += "'…";
      quoted = !quoted;
      if (!quoted) out += '\'';
      continue;
    }
    if (quoted) continue;
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != 'N') out += 'N';
      continue;
    }
    out += c;
  }
  return out;
}

namespace {

void keep_first(std::vector<ErrorPlace>& first, ErrorPlace place) {
  const auto at = std::lower_bound(first.begin(), first.end(), place.order,
                                   [](const ErrorPlace& p, std::uint64_t order) { return p.order < order; });
  if (static_cast<std::size_t>(at - first.begin()) >= ErrorTable::kPlaces) return;
  first.insert(at, std::move(place));
  if (first.size() > ErrorTable::kPlaces) first.pop_back();
}

}  // namespace

void ErrorTable::add(const std::string& message, ErrorPlace place) {
  Kind& kind = kinds[error_kind(message)];
  ++kind.count;
  auto it = kind.messages.find(message);
  if (it == kind.messages.end()) {
    if (kind.messages.size() >= kMessages) {
      ++kind.other;
      return;
    }
    it = kind.messages.emplace(message, Message{}).first;
  }
  ++it->second.count;
  keep_first(it->second.first, std::move(place));
}

void ErrorTable::merge(const ErrorTable& o) {
  for (const auto& [name, theirs] : o.kinds) {
    Kind& kind = kinds[name];
    kind.count += theirs.count;
    kind.other += theirs.other;
    for (const auto& [message, m] : theirs.messages) {
      auto it = kind.messages.find(message);
      if (it == kind.messages.end()) {
        if (kind.messages.size() >= kMessages) {
          kind.other += m.count;
          continue;
        }
        it = kind.messages.emplace(message, Message{}).first;
      }
      it->second.count += m.count;
      for (const ErrorPlace& p : m.first) keep_first(it->second.first, p);
    }
  }
}

BatchSummary::BatchSummary(const Engine& engine, const GroupBy* by)
    : engine_(&engine), by_(by), all_(engine.rules().size(), engine.kb().stretches.size()) {
  if (by_ != nullptr) {
    labels_ = by_->labels();
    groups_.assign(labels_.size(), all_);
  }
}

namespace {
constexpr std::string_view kNotGiven = "not given";
}

// A column's group of that text, made when first met.
std::size_t BatchSummary::column_group(std::string_view label) {
  for (std::size_t g = 0; g < labels_.size(); ++g) {
    if (labels_[g] == label) return g;
  }
  labels_.emplace_back(label);
  groups_.emplace_back(engine_->rules().size(), engine_->kb().stretches.size());
  return labels_.size() - 1;
}

void BatchSummary::add(const Profile& profile, const Result& result, std::string_view column) {
  all_.add(result, *engine_);
  if (by_ == nullptr) return;
  if (by_->column() >= 0) {
    const std::string_view text = trim(column);
    groups_[column_group(text.empty() ? kNotGiven : text)].add(result, *engine_);
    return;
  }
  by_->groups_of(profile, group_scratch_);
  for (const std::size_t g : group_scratch_) groups_[g].add(result, *engine_);
}

void BatchSummary::add_error(const std::string& message, ErrorPlace place) {
  ++errors_;
  error_table_.add(message, std::move(place));
}

void BatchSummary::merge(const BatchSummary& o) {
  all_.merge(o.all_);
  if (by_ != nullptr && by_->column() >= 0) {
    for (std::size_t g = 0; g < o.groups_.size(); ++g) groups_[column_group(o.labels_[g])].merge(o.groups_[g]);
    // Label order, "not given" last: the same whatever the jobs.
    std::vector<std::size_t> order(groups_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::pair(labels_[a] == kNotGiven, labels_[a]) < std::pair(labels_[b] == kNotGiven, labels_[b]);
    });
    std::vector<Tally> groups;
    std::vector<std::string> labels;
    for (const std::size_t i : order) {
      groups.push_back(std::move(groups_[i]));
      labels.push_back(std::move(labels_[i]));
    }
    groups_ = std::move(groups);
    labels_ = std::move(labels);
  } else {
    for (std::size_t g = 0; g < groups_.size() && g < o.groups_.size(); ++g) groups_[g].merge(o.groups_[g]);
  }
  errors_ += o.errors_;
  blank_rows_ += o.blank_rows_;
  error_table_.merge(o.error_table_);
}

}  // namespace limber
