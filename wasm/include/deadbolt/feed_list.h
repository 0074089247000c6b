// The people who asked to be hidden in feeds: a person whose "feeds" field is
// false keeps their profile blocked but their posts shown. Read from the
// list's JSON, so part of the lists library; the feeds engine is loaded with
// feed_list()'s result.
#pragma once

#include "deadbolt/blocklist.h"

namespace deadbolt {

bool hidden_in_feeds(const Person& person);
Blocklist feed_list(const Blocklist& list);

}  // namespace deadbolt
