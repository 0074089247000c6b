// libFuzzer: decisions on any bytes against the test list, raw and through
// every wrapper shape; never a crash, and the same answer twice. The verdict
// JSON the decider hands to JavaScript is always valid JSON, and the writer
// escapes any bytes exactly as nlohmann's dump() does.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "deadbolt/decide.h"
#include "deadbolt/json_writer.h"
#include "deadbolt/verdict_json.h"

namespace {
deadbolt::Engine& engine() {
  static deadbolt::Engine e = [] {
    deadbolt::Engine out;
    std::ifstream in(DEADBOLT_TEST_DATA "/blocklist.json");
    std::stringstream s;
    s << in.rdbuf();
    deadbolt::BlocklistError error;
    if (!out.load(s.str(), error)) std::abort();
    return out;
  }();
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  deadbolt::Engine& e = engine();
  const bool first = e.decide(input).block;
  if (e.decide(input).block != first) std::abort();
  for (const char* prefix :
       {"https://www.google.com/url?q=", "https://web.archive.org/web/1/", "https://x.com/search?q="})
    (void)e.decide(prefix + input);

  const std::string verdict = deadbolt::verdict_json(e, e.decide(input), input);
  if (!nlohmann::json::accept(verdict)) std::abort();
  std::string written;
  deadbolt::append_json_string(written, input);
  if (written != nlohmann::json(input).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) std::abort();
  return 0;
}
