// libFuzzer: blocklist loading and snapshots on any bytes. A list that loads
// must survive a round trip; a snapshot must load back to the same snapshot.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/decide.h"
#include "deadbolt/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  deadbolt::Engine engine;
  deadbolt::BlocklistError error;
  if (!engine.load(input, error)) {
    if (error.message.empty()) std::abort();  // every refusal says why
    deadbolt::Engine from_snapshot;
    (void)from_snapshot.load_snapshot(input);  // any bytes as a snapshot: refused or loaded, never a crash
    return 0;
  }
  const std::string saved = deadbolt::serialize_blocklist(engine.blocklist());
  deadbolt::Engine again;
  if (!again.load(saved, error) || deadbolt::serialize_blocklist(again.blocklist()) != saved) std::abort();
  const std::string snapshot = engine.snapshot();
  deadbolt::Engine fast;
  if (!fast.load_snapshot(snapshot) || fast.snapshot() != snapshot) std::abort();
  (void)deadbolt::rules_json(deadbolt::compile_rules(engine.blocklist()), "chrome-extension://x/b.html");
  return 0;
}
