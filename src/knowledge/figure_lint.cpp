// `limber lint` for figures: every form of every stretch has one, each
// figure belongs to a stretch and form that exist, it shows the equipment
// the form cannot be done without, and its poses do not contradict the
// words of the steps (a rounded back where they say keep it long).
#include <fmt/format.h>
#include <algorithm>
#include <regex>

#include "base/text.h"
#include "knowledge/figure.h"
#include "knowledge/lint.h"

namespace limber {

namespace {

// A phrase of the steps and what every (or some) held pose must then show.
struct WordCheck {
  const char* pattern;  // ECMAScript, matched case-insensitively on the steps
  const char* says;     // for the message
  bool every;           // every held pose (else: at least one pose)
  bool (*ok)(const Pose&);
  const char* hint;
};

bool max_knee_at_most(const Pose& p, double v) {
  return std::min(p.leg_near.mid, p.leg_far.mid) <= v;
}

const WordCheck kWordChecks[] = {
    {R"(\bback (long|tall)\b|\blong back\b|\bkeep(ing)? (your|the) back (straight|flat)|without rounding)",
     "a long back", true, [](const Pose& p) { return p.spine <= 12; },
     "spine (the upper trunk on the lower) at most 12 degrees in every held pose"},
    {R"(round (your|the) (back|spine)|\broll (down|back up)\b|\bcurl\b)", "a rounded back", false,
     [](const Pose& p) { return p.spine >= 20; }, "spine 20 degrees or more in at least one pose"},
    {R"(without arching|not arch|n't arch)", "no arched lower back", true, [](const Pose& p) { return p.spine >= -5; },
     "spine no less than -5 degrees in every held pose"},
    {R"(knees? (soft|slightly bent)|soft knees|not locked)", "soft knees", true,
     [](const Pose& p) { return p.leg_near.mid >= 4 && p.leg_far.mid >= 4; }, "knee 4 degrees or more"},
    {R"(\blegs? (out )?straight|straight (leg|out)|straighten (the|your) (raised )?knee|(back|bottom) leg straight)",
     "a straight leg", false, [](const Pose& p) { return max_knee_at_most(p, 10); },
     "knee at most 10 degrees for one leg in at least one pose"},
    {R"(chin (toward|to|move toward) (your|the) (chest|collarbone)|lower your chin|tuck your chin)",
     "the chin lowered toward the chest", false, [](const Pose& p) { return p.neck >= 20; },
     "neck 20 degrees or more in at least one pose"},
};

const char* prop_for(std::string_view equipment) {
  if (equipment == "pullup_bar") return "bar";
  return equipment.data();
}

}  // namespace

void lint_figures(const KnowledgeBase& kb, std::vector<LintIssue>& issues) {
  auto error = [&](Location where, std::string message, std::string hint = {}) {
    issues.push_back({true, std::move(where), std::move(message), std::move(hint)});
  };
  std::vector<std::string> ids;
  for (const Stretch& s : kb.stretches) ids.push_back(s.id);
  for (const auto& fig : kb.figures) {
    const int index = kb.stretch_index(fig->stretch);
    if (index < 0) {
      error(
          fig->where,
          fmt::format("the figure is of '{}', which is not a stretch{}", fig->stretch, did_you_mean(fig->stretch, ids)),
          "`limber list stretches` shows every id");
      continue;
    }
    const Stretch& s = kb.stretches[static_cast<std::size_t>(index)];
    std::vector<std::string> forms{"base"};
    for (const Variant& v : s.variants) forms.push_back(v.id);
    for (const FigureForm& f : fig->forms) {
      if (std::find(forms.begin(), forms.end(), f.form) == forms.end()) {
        error(f.form_where, fmt::format("'{}' has no variant '{}'{}", s.id, f.form, did_you_mean(f.form, forms)),
              fmt::format("its forms: {}", join(forms)));
      }
    }
  }
  for (const Stretch& s : kb.stretches) {
    auto check_form = [&](const Variant* v) {
      const std::string form_id = v != nullptr ? v->id : "base";
      const std::string label =
          v != nullptr ? fmt::format("the variant '{}' of '{}'", v->id, s.id) : fmt::format("'{}'", s.id);
      const FigureForm* f = s.figure != nullptr ? s.figure->form(form_id) : nullptr;
      if (f == nullptr) {
        error(v != nullptr ? v->where : s.where, fmt::format("{} has no figure", label),
              fmt::format("add `- form: {}` with its poses to catalogue/figures/{}.yaml (catalogue/README.md)", form_id,
                          s.id));
        return;
      }
      // The equipment it cannot be done without is in the picture.
      const std::vector<std::string>& needs = v != nullptr && v->needs ? *v->needs : s.needs;
      for (const std::string& e : needs) {
        const char* prop = prop_for(e);
        const bool shown = std::any_of(f->props.begin(), f->props.end(), [&](const Prop& p) { return p.kind == prop; });
        if (!shown) {
          error(f->where, fmt::format("{} needs a {} but its figure shows none", label, e),
                fmt::format("add `{}` to the form's props", prop));
        }
      }
      // The poses against the words of the steps.
      std::string words = v != nullptr ? v->text + "\n" : std::string();
      const std::vector<std::string>& steps = v != nullptr && !v->steps.empty() ? v->steps : s.steps;
      for (const std::string& step : steps) words += step + "\n";
      for (const WordCheck& c : kWordChecks) {
        const std::regex re(c.pattern, std::regex::ECMAScript | std::regex::icase);
        if (!std::regex_search(words, re)) continue;
        if (c.every) {
          for (const Pose& p : f->poses) {
            if (p.ghost || c.ok(p)) continue;
            error(p.where, fmt::format("the steps of {} say {}, but this pose does not show it", label, c.says),
                  c.hint);
          }
        } else if (std::none_of(f->poses.begin(), f->poses.end(), c.ok)) {
          error(f->where, fmt::format("the steps of {} say {}, but no pose of its figure shows it", label, c.says),
                c.hint);
        }
      }
    };
    check_form(nullptr);
    for (const Variant& v : s.variants) check_form(&v);
  }
}

}  // namespace limber
