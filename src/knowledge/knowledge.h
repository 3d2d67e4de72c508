#pragma once
// The knowledge base as loaded: profile schema, sources, stretches and
// rules, from the built-in files and any --rules / --catalogue folders.

#include <filesystem>
#include <string>
#include <vector>

#include "knowledge/catalogue.h"
#include "knowledge/figure.h"
#include "knowledge/rules.h"
#include "knowledge/schema.h"

namespace limber {

// Errors gathered instead of thrown (for lint): every error in every file,
// up to `limit`; `more` counts those past it.
struct LoadErrors {
  std::vector<Error> errors;
  std::size_t limit = 50;
  std::size_t more = 0;
  void add(const Error& e) {
    if (errors.size() < limit) {
      errors.push_back(e);
    } else {
      ++more;
    }
  }
  bool empty() const { return errors.empty() && more == 0; }
};

struct LoadOptions {
  std::vector<std::filesystem::path> rule_dirs;
  std::vector<std::filesystem::path> catalogue_dirs;
  bool builtin = true;
  // When set, a file or rule that does not load is recorded here and the
  // rest is still read; a folder that cannot be read is still thrown.
  LoadErrors* errors = nullptr;
};

struct KnowledgeBase {
  Schema schema;
  std::vector<SourceDoc> sources;
  std::vector<Stretch> stretches;  // sorted by id
  std::vector<Rule> rules;         // load order: files by name, rules in file order
  // catalogue/figures/*.yaml, sorted by stretch id; each stretch also holds its own.
  std::vector<std::shared_ptr<const StretchFigure>> figures;
  std::vector<std::string> files;  // every file read, for `lint`

  int stretch_index(std::string_view id) const;
  const SourceDoc* source(std::string_view id) const;
  const StretchFigure* figure(std::string_view stretch_id) const;
};

// Loads and validates the shape of every file. Cross-references (stretch
// ids, fields, facts) are checked when the engine compiles.
KnowledgeBase load_knowledge(const LoadOptions& options);

// A file read from disk into memory ("-" reads stdin). Throws UsageError
// when it cannot be read.
std::string read_file(const std::filesystem::path& path);

struct BuiltinFile {
  const char* path;  // "rules/desk.yaml"
  const char* text;
};
std::span<const BuiltinFile> builtin_files();

// The same files parsed at build time (yaml::serialize), by path; a file
// missing here is parsed from its text.
struct BuiltinNodes {
  const char* path;
  const char* data;
  std::size_t size;
};
std::span<const BuiltinNodes> builtin_nodes();

}  // namespace limber
