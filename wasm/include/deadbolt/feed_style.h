// The feed's user style sheet: hides, in the page's own first layout, the
// feed items whose own links are a listed person's profile.
//
// The content script hides an item after the page has laid it out (its
// mutation callback runs after the page's task, and an infinite scroll reads
// its height in that task), so every frame that brings a listed item lays
// the feed out twice. A style sheet in force before the page's layout hides
// the commonest case at once: a link written exactly as the platform writes
// profile links (FeedMarkup::profile_hrefs). Everything else (other link
// forms, identities without a link, quotes, mentions off, the fallback)
// stays the content script's, which decides every item as before; the
// sheet only ever hides what the core hides too. It is inserted as a user
// style sheet (scripting.insertCSS, origin USER), which a page cannot read.
#pragma once

#include <string>

#include "deadbolt/decide.h"
#include "deadbolt/items.h"

namespace deadbolt {

// The style sheet for a page with `markup`, the listed accounts those of
// `engine` (the feed index), or "" when it would hide nothing or could not be
// exact. Exact means: a rule hides an item only when a link of the item's
// own is a listed account's profile link; so it hides only items with no
// item inside them, all of whose links are their own (a comment's links
// are the comment's, not its post's: such posts are left to the content
// script). So it is "" for platforms whose item
// selectors use :has() (not allowed inside :has(), so nesting could not be
// told), whose keys are not handles as written (dots ignored, user@instance),
// and without profile_hrefs. Items the content script keeps in view as
// spacers (inline visibility) are left to it.
std::string feed_style(const Engine& engine, const FeedMarkup& markup);

}  // namespace deadbolt
