#pragma once

#include <string>
#include <string_view>

namespace deadbolt {

// The fediverse instances a person reads their feed on. Anyone can run one,
// so no catalog can list them: the person adds theirs in the settings, the
// extension registers its feed scripts there, and the core serves those
// hosts with the markup of the fediverse web UI (feed_catalog_data.cpp,
// instance_web_ui()).
struct InstanceReading {
  std::string host;        // lower case, no port, no trailing dot; empty on error
  std::string_view error;  // "" | "not-a-host" | "covered" (the catalog's own) | "other-platform"
};

// Reads what the person typed: "social.example", "https://social.example/home",
// or their own handle "@me@social.example".
InstanceReading read_instance(std::string_view text);

// Is `host` (as a parsed URL holds it) one of `instances` ('\n'-separated hosts)?
bool instance_listed(std::string_view host, std::string_view instances);

}  // namespace deadbolt
