// The feed's user style sheet: hides, in the page's own first layout, the
// feed items whose own links are a listed person's profile, or whose own
// author attribute names them.
//
// The content script hides an item after the page has laid it out (its
// mutation callback runs after the page's task, and an infinite scroll reads
// its height in that task), so every frame that brings a listed item lays
// the feed out twice. A style sheet in force before the page's layout hides
// the commonest cases at once: a link written exactly as the platform writes
// profile links (FeedMarkup::profile_hrefs), an identity the item carries on
// itself (Reddit's author, Bluesky's test id). Everything else (other link
// forms, identities read inside an item, quotes, mentions off, the fallback)
// stays the content script's, which decides every item as before; the sheet
// only ever hides what the core hides too. It is inserted as a user style
// sheet (scripting.insertCSS, origin USER), which a page cannot read.
#pragma once

#include <string>
#include <vector>

#include "deadbolt/decide.h"
#include "deadbolt/items.h"

namespace deadbolt {

// The style sheet for a page with `markup`, for the accounts of `people`
// (indexes into the feed index `engine`'s people), or "" when it would hide
// nothing or could not be exact. The content script names the people whose
// items it has hidden on the page so far: the browser's cost of `:has()`
// grows with every handle in it (~0.4 µs per handle for each item laid out,
// docs/BENCHMARKS.md), and most of a list's people never appear on a given
// page; a person's first item there is hidden by the content script, the
// rest in the page's own layout. Exact means: a rule hides an item only
// when the core would, so a link rule hides only items with no item inside
// them, all of whose links are their own (a comment's links are the
// comment's, not its post's: such posts are left to the content script).
// It is "" for platforms whose item
// selectors use :has() (not allowed inside :has(), so nesting could not be
// told) and whose keys are not handles as written (dots ignored,
// user@instance). Items the content script keeps in view as spacers (inline
// visibility) are left to it.
std::string feed_style(const Engine& engine, const FeedMarkup& markup, const std::vector<int>& people);

}  // namespace deadbolt
