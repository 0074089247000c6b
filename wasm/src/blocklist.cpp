#include "deadbolt/blocklist.h"

namespace deadbolt {

bool is_coparent_channel(std::string_view id) {
  for (std::string_view c : kCoparentChannels)
    if (c == id) return true;
  return false;
}

std::size_t Blocklist::account_count() const {
  std::size_t n = 0;
  for (const Person& p : people) n += p.accounts.size();
  return n;
}

}  // namespace deadbolt
