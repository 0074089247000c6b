// What a person types into "Add a profile": a pasted link, or a handle with
// the platform picked beside it. The core reads it back ("Instagram ·
// @janedoe") before anything is saved.
#pragma once

#include <string>
#include <string_view>

#include "deadbolt/identity.h"

namespace deadbolt {

struct ProfileInput {
  int platform = -1;
  Capture capture = Capture::handle;
  std::string handle;
  std::string error;  // empty when the input names an account; English, for the CLI and logs
  // The same, for the pages to put in the person's language: "empty",
  // "too-long", "not-a-profile", "pick-platform", "unknown-platform",
  // "bad-handle" (with `platform` set, whose rule the page can describe),
  // "bad-email", "bad-phone" (`error` says what is wrong with it).
  std::string error_code;
  bool ok() const { return error.empty(); }
};

// `platform_id` may be empty when the input is a link or a @user@instance.
ProfileInput read_profile_input(Identifier& identifier, std::string_view text, std::string_view platform_id);

// Checks a handle typed for `platform` and writes it in the form the
// blocklist keeps: no leading '@' (but "@user@instance" for federated
// platforms). Numbers and ids are accepted where the platform's URLs use them.
bool normalise_handle(const Catalog& catalog, int platform, std::string_view handle, Capture& capture,
                      std::string& out);

// "Instagram handles use letters, digits, '.', '_'; 1 to 30 characters".
std::string describe_handle_rule(const Catalog& catalog, int platform);

}  // namespace deadbolt
