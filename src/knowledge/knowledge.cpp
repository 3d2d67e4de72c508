#include "knowledge/knowledge.h"

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>

#include "base/text.h"

namespace limber {

int KnowledgeBase::stretch_index(std::string_view id) const {
  const auto it = std::lower_bound(stretches.begin(), stretches.end(), id,
                                   [](const Stretch& s, std::string_view v) { return s.id < v; });
  return it != stretches.end() && it->id == id ? static_cast<int>(it - stretches.begin()) : -1;
}

const SourceDoc* KnowledgeBase::source(std::string_view id) const {
  for (const SourceDoc& d : sources) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

const StretchFigure* KnowledgeBase::figure(std::string_view stretch_id) const {
  for (const auto& f : figures) {
    if (f->stretch == stretch_id) return f.get();
  }
  return nullptr;
}

std::string read_file(const std::filesystem::path& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw UsageError(Location{path.string(), 0, 0, {}}, "is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UsageError(Location{path.string(), 0, 0, {}}, fmt::format("cannot read: {}", std::strerror(errno)),
                     "check the path and its permissions");
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw UsageError(Location{path.string(), 0, 0, {}}, "read error");
  return text;
}

namespace {

struct File {
  std::string name;  // shown in messages
  std::string text;
  int layer = 0;           // 0 = built in, then one per folder: a later layer overrides
  std::string_view nodes;  // built in: the tree parsed at build time, if any
};

std::vector<File> files_in(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    throw UsageError(Location{dir.string(), 0, 0, {}}, "does not exist", "give a folder of .yaml files");
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    throw UsageError(Location{dir.string(), 0, 0, {}}, "is not a folder", "give a folder of .yaml files");
  }
  std::vector<std::filesystem::path> paths;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) paths.push_back(it->path());
  }
  if (ec) throw UsageError(Location{dir.string(), 0, 0, {}}, fmt::format("cannot list: {}", ec.message()));
  std::sort(paths.begin(), paths.end());
  std::vector<File> out;
  for (const auto& p : paths) out.push_back({p.string(), read_file(p), 0, {}});
  return out;
}

yaml::Node parse(const yaml::Source& source, std::string_view nodes) {
  if (!nodes.empty()) return yaml::deserialize(nodes);
  yaml::Node doc = yaml::parse_one(source);
  if (doc.is_null())
    throw Error(Location{source.name(), 0, 0, {}}, "the file is empty", "every knowledge file holds one YAML mapping");
  return doc;
}

// profile.yaml, and history.yaml: the history facts, in the same format.
bool is_profile_schema(const std::string& name) {
  const auto file = std::filesystem::path(name).filename();
  return file == "profile.yaml" || file == "history.yaml";
}
bool is_sources(const std::string& name) {
  return std::filesystem::path(name).filename() == "sources.yaml";
}

template <typename T>
void merge_by_id(std::vector<T>& into, T item) {
  for (T& existing : into) {
    if (existing.id == item.id) {
      existing = std::move(item);
      return;
    }
  }
  into.push_back(std::move(item));
}

}  // namespace

KnowledgeBase load_knowledge(const LoadOptions& options) {
  std::vector<File> rule_files;
  std::vector<File> catalogue_files;
  if (options.builtin) {
    const std::span<const BuiltinNodes> parsed = builtin_nodes();
    for (const BuiltinFile& f : builtin_files()) {
      const std::string path = f.path;
      std::string_view nodes;
      for (const BuiltinNodes& n : parsed) {
        if (path == n.path) nodes = std::string_view(n.data, n.size);
      }
      if (path.starts_with("rules/")) rule_files.push_back({path, f.text, 0, nodes});
      if (path.starts_with("catalogue/")) catalogue_files.push_back({path, f.text, 0, nodes});
    }
  }
  int layer = 0;
  for (const auto& dir : options.rule_dirs) {
    ++layer;
    for (File& f : files_in(dir)) {
      f.layer = layer;
      rule_files.push_back(std::move(f));
    }
  }
  for (const auto& dir : options.catalogue_dirs) {
    for (File& f : files_in(dir)) catalogue_files.push_back(std::move(f));
  }

  // Runs one file's loading; with options.errors, an error is recorded
  // there and loading goes on with the next file.
  auto each = [&](auto&& load) {
    if (options.errors == nullptr) return load();
    try {
      load();
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      options.errors->add(e);
    }
  };
  std::function<void(const Error&)> on_error;
  if (options.errors != nullptr) on_error = [&](const Error& e) { options.errors->add(e); };

  KnowledgeBase kb;
  // The schema first: the catalogue's vocabularies come from it.
  // profile.yaml files before history.yaml files, so the questions keep their order.
  for (const bool history : {false, true}) {
    for (const File& f : rule_files) {
      if (!is_profile_schema(f.name)) continue;
      if ((std::filesystem::path(f.name).filename() == "history.yaml") != history) continue;
      each([&] {
        yaml::Source src(f.name, yaml::strip_bom(f.text));
        yaml::Checker check(src);
        const std::size_t before = kb.schema.fields.size();
        load_schema(parse(src, f.nodes), check, kb.schema);
        if (history) {
          for (std::size_t i = before; i < kb.schema.fields.size(); ++i) {
            if (!kb.schema.fields[i].history) {
              throw Error(kb.schema.fields[i].where,
                          fmt::format("the field '{}' in history.yaml needs `history: true`", kb.schema.fields[i].name),
                          "history.yaml holds only history facts; profile fields go in profile.yaml");
            }
          }
        }
      });
      kb.files.push_back(f.name);
    }
  }
  if (kb.schema.fields.empty() && options.errors != nullptr && !options.errors->empty()) return kb;
  if (kb.schema.fields.empty()) {
    throw UsageError("no profile schema was loaded", "--no-builtin needs a --rules folder with a profile.yaml");
  }
  kb.schema.resolve_core_fields();

  for (const File& f : catalogue_files)
    each([&] {
      yaml::Source src(f.name, yaml::strip_bom(f.text));
      yaml::Checker check(src);
      const yaml::Node doc = parse(src, f.nodes);
      if (is_sources(f.name)) {
        for (SourceDoc& d : parse_sources(doc, check)) merge_by_id(kb.sources, std::move(d));
      } else if (is_figure_file(f.name)) {
        auto fig = std::make_shared<StretchFigure>(parse_figure(doc, check));
        const std::string stem = std::filesystem::path(f.name).stem().string();
        if (stem != fig->stretch) {
          check.fail(*doc.find("stretch"),
                     fmt::format("the figure of '{}' is in a file named '{}'", fig->stretch, stem),
                     fmt::format("rename the file to {}.yaml or the stretch to '{}'", fig->stretch, stem));
        }
        auto same = std::find_if(kb.figures.begin(), kb.figures.end(),
                                 [&](const auto& other) { return other->stretch == fig->stretch; });
        if (same != kb.figures.end()) {
          *same = std::move(fig);
        } else {
          kb.figures.push_back(std::move(fig));
        }
      } else {
        Stretch s = parse_stretch(doc, check, kb.schema);
        const std::string stem = std::filesystem::path(f.name).stem().string();
        if (stem != s.id) {
          check.fail(*doc.find("id"), fmt::format("the stretch id '{}' does not match its file name '{}'", s.id, stem),
                     fmt::format("rename the file to {}.yaml or the id to '{}'", s.id, stem));
        }
        merge_by_id(kb.stretches, std::move(s));
      }
      kb.files.push_back(f.name);
    });
  std::sort(kb.stretches.begin(), kb.stretches.end(), [](const Stretch& a, const Stretch& b) { return a.id < b.id; });
  std::sort(kb.figures.begin(), kb.figures.end(), [](const auto& a, const auto& b) { return a->stretch < b->stretch; });
  for (Stretch& s : kb.stretches) {
    for (const auto& fig : kb.figures) {
      if (fig->stretch == s.id) s.figure = fig;
    }
  }

  // Rules: built-in files by name, then each folder's files by name. The
  // same id in a later folder replaces the rule in place; within one layer
  // it is a mistake.
  std::vector<int> rule_layer;
  for (const File& f : rule_files) {
    if (is_profile_schema(f.name)) continue;
    yaml::Source src(f.name, yaml::strip_bom(f.text));
    yaml::Checker check(src);
    std::vector<Rule> rules;
    each([&] { rules = parse_rule_file(parse(src, f.nodes), check, on_error); });
    for (Rule& r : rules) {
      auto same = std::find_if(kb.rules.begin(), kb.rules.end(), [&](const Rule& o) { return o.id == r.id; });
      if (same == kb.rules.end()) {
        kb.rules.push_back(std::move(r));
        rule_layer.push_back(f.layer);
        continue;
      }
      const auto at = static_cast<std::size_t>(same - kb.rules.begin());
      if (rule_layer[at] == f.layer) {
        each([&] {
          throw Error(r.where,
                      fmt::format("the rule id '{}' is already defined at {}:{}", r.id, same->file, same->where.line),
                      "rule ids are unique; to replace a built-in rule, put the new one in a --rules folder");
        });
        continue;
      }
      *same = std::move(r);
      rule_layer[at] = f.layer;
    }
    kb.files.push_back(f.name);
  }
  return kb;
}

}  // namespace limber
