// URL model: a WHATWG-conformant parser for http(s) URLs, reduced to what
// matching needs (host, path, query). Userinfo and port are parsed and
// dropped. Output views point into the input when it is already in
// serialised form (the common case, no copy), else into the parser's own
// buffer, which is reused across calls so that a warm parser does not
// allocate. Either way they are valid while the input and the parser are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace deadbolt {

struct Url {
  std::string_view scheme;    // "http" or "https"
  std::string_view host;      // serialised host: lower case, IDNA to ASCII, IPv4/IPv6 canonical
  std::string_view path;      // serialised pathname, starts with '/', dot segments resolved
  std::string_view query;     // serialised query without '?'; empty when absent
  std::string_view fragment;  // serialised fragment without '#'; kept only for hash-bang routes
  bool has_query = false;
  // The path holds no '%': the fast path (a URL already serialised) looked
  // at each of its bytes. False when not known.
  bool plain_path = false;
};

// Longest input the core will look at. Browsers cap URLs at 2 MB; nothing
// that names a profile is longer than this, so longer input is refused early,
// unless only its query or fragment runs past it: those are cut to it.
inline constexpr std::size_t kMaxUrlLength = 64 * 1024;

class UrlParser {
 public:
  // Parses `input` (absolute, or relative to `base` when given) as a WHATWG
  // URL. Returns false for anything that is not a valid http(s) URL.
  bool parse(std::string_view input, Url& out, const Url* base = nullptr);

 private:
  bool parse_any(std::string_view input, Url& out, const Url* base);
  std::string buf_;    // serialised components, back to back
  std::string host_;   // scratch for host parsing
  std::string clean_;  // input without tabs and newlines, when it had any
};

// Host parsing per WHATWG for special schemes. Appends the serialised host to
// `out`; returns false on failure. `scratch` is reused working memory.
bool parse_host(std::string_view input, std::string& out, std::string& scratch);

}  // namespace deadbolt
