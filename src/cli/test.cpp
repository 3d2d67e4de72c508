#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/common.h"
#include "engine/expect.h"

namespace limber::cli {

namespace {

std::vector<std::string> case_files(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        const auto ext = it->path().extension();
        if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml" || ext == ".json"))
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

}  // namespace

Command setup_test(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::vector<std::string> cases;
    bool verbose = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("test", "Check profiles with an `expect:` block against the rules");
  sub->add_option("cases", o->cases, "Case files (YAML, one or more documents each) or folders of them")->required();
  sub->add_flag("-v,--verbose", o->verbose, "Print every case, not only failures");
  sub->footer("Example:\n  limber test tests/cases");
  return {sub, [o, &global] {
            auto engine = load_engine(global);
            const bool color = global.terminal(stdout).color();
            std::size_t passed = 0;
            std::size_t failed = 0;
            std::string out;
            for (const std::string& file : case_files(o->cases)) {
              const std::string name = file == "-" ? "<stdin>" : file;
              yaml::Source src(name, yaml::strip_bom(read_file(file)));
              yaml::Checker check(src);
              std::vector<yaml::Node> docs;
              try {
                docs = yaml::parse_all(src);
              } catch (const Error& e) {
                out += e.render(color);
                ++failed;
                continue;
              }
              for (const yaml::Node& doc : docs) {
                const std::string label = fmt::format("{}:{}", name, doc.line);
                try {
                  const yaml::Node* expect_node = nullptr;
                  const Profile profile = parse_profile(doc, check, engine->schema(), &expect_node);
                  if (expect_node == nullptr)
                    check.fail(doc, "a test case needs an `expect:` block",
                               "e.g. expect: { status: ok, includes: [cat-cow] }");
                  const Expectation expect = parse_expectation(*expect_node, check, *engine);
                  Result result;
                  engine->evaluate(profile, result);
                  const Answer answer = make_answer(*engine, profile, result);
                  const std::vector<std::string> failures = check_expectation(expect, answer);
                  const std::string id = profile.id.empty() ? std::string() : " (" + profile.id + ")";
                  if (failures.empty()) {
                    ++passed;
                    if (o->verbose) out += fmt::format("PASS {}{}\n", label, id);
                  } else {
                    ++failed;
                    out += fmt::format("FAIL {}{}\n", label, id);
                    for (const std::string& f : failures) out += "  " + f + "\n";
                  }
                } catch (const Error& e) {
                  ++failed;
                  out += fmt::format("FAIL {}\n", label);
                  out += e.render(color);
                }
              }
            }
            out += fmt::format("{} passed, {} failed\n", passed, failed);
            write_output("", out);
            return failed == 0 ? kExitOk : kExitFailed;
          }};
}

}  // namespace limber::cli
