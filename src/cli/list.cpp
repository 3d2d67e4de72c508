#include <fmt/format.h>

#include "base/text.h"
#include "cli/common.h"

namespace limber::cli {

Command setup_list(CLI::App& app, const GlobalOptions& global) {
  auto what = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("list", "List the stretches, rules or profile fields");
  sub->add_option("what", *what, "stretches, rules or fields")
      ->required()
      ->check(one_of({"stretches", "rules", "fields"}));
  sub->footer("Example:\n  limber list stretches");
  return {sub, [what, &global] {
            auto engine = load_engine(global);
            const KnowledgeBase& kb = engine->kb();
            const std::size_t width = global.terminal(stdout).width();
            std::string out;
            if (*what == "stretches") {
              for (const Stretch& s : kb.stretches) {
                out += fmt::format("{:<28} {:<11} {:<18} {}\n", s.id, s.position, s.group, join(s.areas, " "));
              }
              out += fmt::format("\n{} stretches. `limber show ID` for one in full.\n", kb.stretches.size());
            } else if (*what == "rules") {
              for (std::size_t i = 0; i < engine->rules().size(); ++i) {
                const Rule& r = engine->rule(i);
                std::vector<std::string> actions;
                if (!r.derive.empty()) actions.push_back("derive");
                if (r.include) actions.push_back("include");
                if (r.exclude) actions.push_back("exclude");
                if (r.modify) actions.push_back("modify");
                if (!r.caution.empty()) actions.push_back("caution");
                if (r.refer) actions.push_back("refer");
                if (r.stop) actions.push_back("stop");
                out += fmt::format("{:<40} {:<22} {}\n", r.id, join(actions, ","), r.file);
                for (const std::string& line : wrap("when " + engine->describe_condition(i), width - 4))
                  out += "    " + line + "\n";
              }
              out += fmt::format("\n{} rules, in evaluation order.\n", engine->rules().size());
            } else {
              for (const Field& f : kb.schema.fields) {
                out += fmt::format("{:<16} {:<8} {}\n", f.name, type_name(f.type), f.describe_allowed());
                if (f.has_default) {
                  Profile p = default_profile(kb.schema);
                  out += fmt::format("{:<25} default: {}\n", "", value_text(p, kb.schema, kb.schema.index(f.name)));
                }
              }
            }
            write_output("", out);
            return kExitOk;
          }};
}

Command setup_show(CLI::App& app, const GlobalOptions& global) {
  auto id = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("show", "Show one stretch in full");
  sub->add_option("stretch", *id, "Stretch id (see `limber list stretches`)")->required();
  sub->footer("Example:\n  limber show cat-cow");
  return {sub, [id, &global] {
            auto engine = load_engine(global);
            const KnowledgeBase& kb = engine->kb();
            const int index = kb.stretch_index(*id);
            if (index < 0) {
              std::vector<std::string> ids;
              for (const Stretch& s : kb.stretches) ids.push_back(s.id);
              throw UsageError(fmt::format("unknown stretch '{}'{}", *id, did_you_mean(*id, ids)),
                               "`limber list stretches` shows every id");
            }
            const Stretch& s = kb.stretches[static_cast<std::size_t>(index)];
            const std::size_t width = global.terminal(stdout).width();
            std::string out;
            auto para = [&](std::string_view lead, std::string_view text) {
              const auto lines = wrap(text, width - lead.size());
              for (std::size_t i = 0; i < lines.size(); ++i)
                out += (i == 0 ? std::string(lead) : std::string(lead.size(), ' ')) + lines[i] + "\n";
            };
            out += fmt::format("{} ({})\n", s.name, s.id);
            if (!s.summary.empty()) para("", s.summary);
            out += "\n";
            out += fmt::format("Kind:       {}\n", s.kind);
            out += fmt::format("Position:   {}{}\n", position_label(s.position, s.on_floor),
                               s.on_floor ? " (on the floor)" : "");
            out += fmt::format("Directions: {}\n", join(s.directions));
            out += fmt::format("Intensity:  {}{}\n", s.intensity, s.warm_up ? ", a good warm-up" : "");
            out += fmt::format("Areas:      {}\n", join(s.areas));
            para("Muscles:    ", join(s.muscles));
            out += fmt::format("Group:      {}\n", s.group);
            if (!s.demands.empty()) out += fmt::format("Demands:    {}\n", join(s.demands));
            out += fmt::format("Equipment:  needs {}; uses {}\n", s.needs.empty() ? "nothing" : join(s.needs),
                               s.uses.empty() ? "nothing" : join(s.uses));
            out += fmt::format("Dosage:     {} s x {}{} (up to {} reps)\n", s.dosage.hold_seconds, s.dosage.reps,
                               s.dosage.per_side ? " each side" : "", s.dosage.max_reps);
            out += "\nSteps:\n";
            for (std::size_t i = 0; i < s.steps.size(); ++i) para(fmt::format("  {}) ", i + 1), s.steps[i]);
            if (!s.cautions.empty()) {
              out += "\nCautions:\n";
              for (const std::string& c : s.cautions) para("  - ", c);
            }
            if (!s.variants.empty()) {
              out += "\nVariants:\n";
              for (const Variant& v : s.variants) para(fmt::format("  {}: ", v.id), v.name + ". " + v.text);
            }
            out += "\nSources:\n";
            for (const Citation& c : s.sources) {
              const SourceDoc* d = kb.source(c.doc);
              para(fmt::format("  {}: ", c.doc),
                   (d != nullptr ? d->title : std::string()) + (c.quote.empty() ? "" : " - \"" + c.quote + "\""));
            }
            write_output("", out);
            return kExitOk;
          }};
}

}  // namespace limber::cli
