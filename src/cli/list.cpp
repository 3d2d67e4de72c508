#include <fmt/format.h>

#include "base/text.h"
#include "cli/common.h"
#include "engine/describe.h"
#include "render/figure.h"

namespace limber::cli {

Command setup_list(CLI::App& app, const GlobalOptions& global) {
  auto what = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("list", "List the stretches, their forms, the rules or profile fields");
  sub->add_option("what", *what, "stretches, forms (every stretch and variant, with its figure), rules or fields")
      ->required()
      ->check(one_of({"stretches", "forms", "rules", "fields"}));
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
            } else if (*what == "forms") {
              // One line per form: stretch id, form id (base or the variant), figure or not, name.
              std::size_t missing = 0;
              for (const Stretch& s : kb.stretches) {
                auto row = [&](const Variant* v) {
                  const bool fig = has_figure(s, v);
                  if (!fig) ++missing;
                  out += fmt::format("{:<28} {:<18} {:<9} {}\n", s.id, v != nullptr ? v->id : "base",
                                     fig ? "figure" : "no-figure", v != nullptr ? v->name : s.name);
                };
                row(nullptr);
                for (const Variant& v : s.variants) row(&v);
              }
              if (missing > 0) out += fmt::format("\n{} forms have no figure (`limber lint` says where).\n", missing);
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
                for (const std::string& line : wrap("when " + describe_condition(*engine, i), width - 4))
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
  struct Options {
    std::string id;
    bool figure = false;
    std::string variant;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("show", "Show one stretch in full");
  sub->add_option("stretch", o->id, "Stretch id (see `limber list stretches`)")->required();
  sub->add_flag("--figure", o->figure, "Print the stretch's figure as SVG instead");
  sub->add_option("--variant", o->variant, "With --figure: the figure of this variant")->type_name("ID");
  sub->footer(
      "Examples:\n"
      "  limber show cat-cow\n"
      "  limber show cat-cow --figure --variant seated > seated-cat-cow.svg");
  return {sub, [o, &global] {
            const std::string* id = &o->id;
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
            if (!o->variant.empty() && !o->figure) {
              throw UsageError("--variant goes with --figure", "limber show ID --figure --variant VARIANT");
            }
            if (o->figure) {
              const Variant* variant = nullptr;
              if (!o->variant.empty()) {
                const int v = s.variant_index(o->variant);
                if (v < 0) {
                  std::vector<std::string> ids;
                  for (const Variant& x : s.variants) ids.push_back(x.id);
                  throw UsageError(
                      fmt::format("'{}' has no variant '{}'{}", s.id, o->variant, did_you_mean(o->variant, ids)),
                      ids.empty() ? std::string("it has no variants") : fmt::format("its variants: {}", join(ids)));
                }
                variant = &s.variants[static_cast<std::size_t>(v)];
              }
              write_output("", figure_svg(s, variant));
              return kExitOk;
            }
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
