// Micro-benchmarks: compiling the shipped rules, evaluating a profile,
// assembling its routine, reading a JSONL record and rendering JSON.
// scripts/bench runs these and the end-to-end batch measurements.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <random>
#include <vector>

#include "engine/answer.h"
#include "engine/engine.h"
#include "io/batch.h"
#include "random_profile.h"
#include "render/render.h"

namespace {

using namespace limber;

const Engine& engine() {
  static const Engine e(load_knowledge(LoadOptions{}));
  return e;
}

std::vector<Profile> profiles(std::size_t n) {
  std::mt19937_64 rng(1);
  std::vector<Profile> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(testing::random_profile(engine().schema(), rng));
  return out;
}

void BM_CompileShippedRules(benchmark::State& state) {
  for (auto _ : state) {
    Engine e(load_knowledge(LoadOptions{}));
    benchmark::DoNotOptimize(e.rules().size());
  }
}
BENCHMARK(BM_CompileShippedRules)->Unit(benchmark::kMillisecond);

void BM_FireRules(benchmark::State& state) {
  const auto ps = profiles(4096);
  Result r;
  std::size_t i = 0;
  for (auto _ : state) {
    engine().fire(ps[i++ & 4095], r);
    benchmark::DoNotOptimize(r.facts);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FireRules);

void BM_EvaluateAndAssemble(benchmark::State& state) {
  const auto ps = profiles(4096);
  Result r;
  std::size_t i = 0;
  for (auto _ : state) {
    engine().evaluate(ps[i++ & 4095], r);
    benchmark::DoNotOptimize(r.total_seconds);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateAndAssemble);

void BM_ReadJsonlRecord(benchmark::State& state) {
  RawRecord rec;
  rec.file = "bench.jsonl";
  rec.line = 1;
  rec.index = 1;
  rec.text =
      R"({"id":"p1","age":54,"pain_areas":["lower_back","hips"],"pain_days":30,"improving":false,"pain_intensity":5,)"
      R"("symptoms":["stiffness"],"worse_with":["sitting"],"sitting_hours":9,"history":[],"minutes":10})";
  for (auto _ : state) {
    Profile p = parse_record(rec, engine().schema());
    benchmark::DoNotOptimize(p.present);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadJsonlRecord);

// make_answer and the compact JSON line, as `limber batch --format jsonl`
// does them: one AnswerIndex and JsonRenderer, an Answer and a buffer reused.
void BM_RenderJson(benchmark::State& state) {
  auto ps = profiles(256);
  std::vector<Result> rs(ps.size());
  for (std::size_t k = 0; k < ps.size(); ++k) {
    ps[k].id = fmt::format("p{}", k);
    engine().evaluate(ps[k], rs[k]);
  }
  const AnswerIndex index(engine());
  const JsonRenderer json(engine());
  Answer answer;
  std::string line;
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::size_t k = i++ & 255;
    make_answer(index, ps[k], rs[k], answer);
    line.clear();
    json.render(answer, false, line);
    bytes += line.size();
    benchmark::DoNotOptimize(line.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_RenderJson);

}  // namespace

BENCHMARK_MAIN();
