// Email addresses and phone numbers as accounts: how they are checked, and
// the canonical form two spellings of one address share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace deadbolt {

// What is wrong with an email address, in words a person can act on; empty
// when it is one ("jane.doe@example.com").
std::string email_problem(std::string_view address);

// Appends the canonical form of a valid address: lower case; for Gmail
// (gmail.com and googlemail.com, one mailbox) dots and a "+tag" in the local
// part are dropped, as Gmail delivers them to the same inbox. Elsewhere dots
// and tags are kept: "jane.doe@outlook.com" is not "janedoe@outlook.com".
// Returns false (appending nothing) when `address` is not an address.
bool append_email_key(std::string_view address, std::string& out);

// What is wrong with a phone number in international form; empty when it
// is one. Spaces, dashes, dots, slashes and brackets are ignored; a leading
// '+' or "00" is the international prefix.
std::string phone_problem(std::string_view number);

// Appends the digits of a valid number in international form, without the
// '+' or "00": "+1 (555) 123-4567" -> "15551234567". False when invalid.
bool append_phone_digits(std::string_view number, std::string& out);

// How many leading digits of an international number are its country
// calling code (ITU-T E.164: 1, 2 or 3 digits; the assignment is a prefix
// code, so the digits alone tell).
std::size_t country_code_length(std::string_view digits);

// The national significant number of international digits: what people
// write without the country code ("5551234567" of "15551234567").
std::string_view national_number(std::string_view digits);

// The trunk prefix people dial before a national number in its own
// country, of international digits: "8" in Russia, Kazakhstan and
// Lithuania, "80" in Belarus, "06" in Hungary, else "0".
std::string_view trunk_prefix(std::string_view digits);

inline constexpr std::size_t kMinPhoneDigits = 7;     // shorter is a short code, not a person's number
inline constexpr std::size_t kMaxPhoneDigits = 15;    // E.164
inline constexpr std::size_t kMinNationalDigits = 7;  // matched alone in a search only from this length

}  // namespace deadbolt
