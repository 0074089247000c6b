// Native decision speed, with Google Benchmark: every decision is timed on
// its own so that the median and the 99th percentile can be reported, the
// clock's own cost measured and taken off.
//
//   deadbolt_bench DIR [google-benchmark flags]   (DIR from bench/corpus.mjs)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "deadbolt/decide.h"

namespace {

using Clock = std::chrono::steady_clock;
std::string g_dir;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> urls = [] {
    std::vector<std::string> out;
    std::istringstream in(read_file(g_dir + "/corpus.txt"));
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }();
  return urls;
}

deadbolt::Engine& engine(long accounts) {
  static std::map<long, std::unique_ptr<deadbolt::Engine>> engines;
  auto& e = engines[accounts];
  if (!e) {
    e = std::make_unique<deadbolt::Engine>();
    deadbolt::BlocklistError error;
    if (!e->load(read_file(g_dir + "/list-" + std::to_string(accounts) + ".json"), error)) {
      std::fprintf(stderr, "bench: list-%ld.json: %s\n", accounts, error.to_string().c_str());
      std::exit(2);
    }
  }
  return *e;
}

// The median cost of reading the clock twice, taken off every sample.
double clock_overhead_ns() {
  std::vector<double> s(20000);
  for (auto& v : s) {
    const auto a = Clock::now();
    const auto b = Clock::now();
    v = std::chrono::duration<double, std::nano>(b - a).count();
  }
  std::nth_element(s.begin(), s.begin() + s.size() / 2, s.end());
  return s[s.size() / 2];
}

void report(benchmark::State& state, std::vector<double>& samples) {
  std::sort(samples.begin(), samples.end());
  const auto at = [&](double q) {
    return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))];
  };
  state.counters["median_ns"] = at(0.5);
  state.counters["p99_ns"] = at(0.99);
  double sum = 0;
  for (double v : samples) sum += v;
  state.counters["mean_ns"] = sum / static_cast<double>(samples.size());
}

template <typename Fn>
void timed(benchmark::State& state, Fn fn) {
  static const double overhead = clock_overhead_ns();
  const auto& urls = corpus();
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(state.max_iterations));
  std::size_t i = 0;
  for (auto _ : state) {
    const auto a = Clock::now();
    fn(urls[i]);
    const auto b = Clock::now();
    samples.push_back(std::max(0.0, std::chrono::duration<double, std::nano>(b - a).count() - overhead));
    if (++i == urls.size()) i = 0;
  }
  report(state, samples);
}

void BM_Decide(benchmark::State& state) {
  deadbolt::Engine& e = engine(state.range(0));
  for (int warm = 0; warm < 2000; ++warm) benchmark::DoNotOptimize(e.decide(corpus()[warm % corpus().size()]).block);
  timed(state, [&](const std::string& url) { benchmark::DoNotOptimize(e.decide(url).block); });
  state.counters["index_bytes"] = static_cast<double>(e.index_memory_bytes());
}

void BM_ParseUrl(benchmark::State& state) {
  deadbolt::UrlParser parser;
  deadbolt::Url url;
  timed(state, [&](const std::string& s) { benchmark::DoNotOptimize(parser.parse(s, url)); });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: deadbolt_bench DIR [benchmark flags]   (DIR holds corpus.txt and list-*.json)\n");
    return 64;
  }
  g_dir = argv[1];
  const long iterations = std::getenv("DEADBOLT_BENCH_ITERATIONS") ? std::atol(std::getenv("DEADBOLT_BENCH_ITERATIONS"))
                                                                   : static_cast<long>(corpus().size());
  benchmark::RegisterBenchmark("decide", BM_Decide)->Arg(10)->Arg(1000)->Arg(100000)->Iterations(iterations);
  benchmark::RegisterBenchmark("parse_url", BM_ParseUrl)->Iterations(iterations);
  argv[1] = argv[0];
  int n = argc - 1;
  benchmark::Initialize(&n, argv + 1);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
