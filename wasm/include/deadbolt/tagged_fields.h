// Tagged fields: how the content scripts hand an item or an inbox row to the
// decider in one string, without JSON. Fields are NUL-separated, each starting
// with a tag byte; the first field is the page ('P'). A NUL inside a field
// (only JavaScript could put one there) splits it; the worst that does is
// misread that one field.
#pragma once

#include <cstddef>
#include <string_view>

namespace deadbolt {

/**
 * Calls `on_field(tag, value)` for each non-empty field of `in`, in order,
 * until it returns false. No allocation: values view `in`.
 */
template <class OnField>
void for_each_tagged_field(std::string_view in, OnField&& on_field) {
  for (std::size_t start = 0; start < in.size();) {
    std::size_t end = in.find('\0', start);
    if (end == std::string_view::npos) end = in.size();
    const std::string_view field = in.substr(start, end - start);
    start = end + 1;
    if (field.empty()) continue;
    if (!on_field(field[0], field.substr(1))) return;
  }
}

/**
 * The fields of one item or row: `begin(page)` with the first field, which
 * must be the page ('P'; a first field that is not, or a page `begin`
 * refuses, ends the reading there), then `on_field(tag, value)` for each
 * later field until it returns false. Returns whether the page was taken.
 */
template <class Begin, class OnField>
bool for_each_field_of_page(std::string_view in, Begin&& begin, OnField&& on_field) {
  bool started = false;
  for_each_tagged_field(in, [&](char tag, std::string_view value) {
    if (started) return on_field(tag, value);
    started = tag == 'P' && begin(value);  // the page URL comes first, once
    return started;
  });
  return started;
}

}  // namespace deadbolt
