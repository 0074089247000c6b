// WHATWG URL parsing for the special schemes http and https: the states of
// https://url.spec.whatwg.org/#concept-basic-url-parser that such URLs can
// reach, flattened into straight-line code.
#include "deadbolt/url.h"

#include <cstdint>
#include <cstring>

#include "deadbolt/for_size.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

bool is_slash(char c) { return c == '/' || c == '\\'; }

// Bytes that end an authority or a path segment.
constexpr ByteSet kDelimiters([](unsigned char c) { return c == '/' || c == '\\' || c == '?' || c == '#'; });
bool is_delimiter(char c) { return kDelimiters(static_cast<unsigned char>(c)); }
bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Percent-encode sets, and the bytes that end the fast path's runs, are
// ByteSets (text.h).
constexpr bool fragment_set(unsigned char c) {
  return c < 0x21 || c > 0x7E || c == '"' || c == '<' || c == '>' || c == '`';
}
constexpr bool query_set(unsigned char c) {
  return c < 0x21 || c > 0x7E || c == '"' || c == '#' || c == '<' || c == '>' || c == '\'';
}
constexpr bool path_set(unsigned char c) {
  return query_set(c) || c == '?' || c == '^' || c == '`' || c == '{' || c == '}';
}
constexpr ByteSet in_path_set(path_set);
constexpr ByteSet in_query_set(query_set);
constexpr ByteSet in_fragment_set(fragment_set);

// Appends `in`, percent-encoding the bytes in `set`; runs of plain bytes are
// appended whole.
void append_encoded(std::string& out, std::string_view in, const ByteSet& set) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (!set(c)) continue;
    out.append(in.data() + run, i - run);
    append_percent_escape(out, c);
    run = i + 1;
  }
  out.append(in.data() + run, in.size() - run);
}

bool iequals_pct2e(std::string_view s, std::size_t i) {
  return s.size() >= i + 3 && s[i] == '%' && s[i + 1] == '2' && (s[i + 2] | 0x20) == 'e';
}
bool is_single_dot(std::string_view s) { return s == "." || (s.size() == 3 && iequals_pct2e(s, 0)); }
bool is_double_dot(std::string_view s) {
  if (s == "..") return true;
  if (s.size() == 4) return (s[0] == '.' && iequals_pct2e(s, 1)) || (iequals_pct2e(s, 0) && s[3] == '.');
  return s.size() == 6 && iequals_pct2e(s, 0) && iequals_pct2e(s, 3);
}

void pop_segment(std::string& buf, std::size_t path_start) {
  const auto slash = buf.rfind('/');
  if (slash != std::string::npos && slash >= path_start) buf.resize(slash);
}

// Path state: consumes segments from `in` up to '?', '#' or the end and
// appends them to `buf` as "/segment" each. Returns where it stopped.
std::size_t parse_path(std::string_view in, std::size_t p, std::string& buf, std::size_t path_start) {
  for (;;) {
    std::size_t end = p;
    while (end < in.size() && !is_delimiter(in[end])) ++end;
    const std::string_view segment = in.substr(p, end - p);
    const bool slash_follows = end < in.size() && is_slash(in[end]);
    if (is_double_dot(segment)) {
      pop_segment(buf, path_start);
      if (!slash_follows) buf += '/';
    } else if (is_single_dot(segment)) {
      if (!slash_follows) buf += '/';
    } else {
      buf += '/';
      append_encoded(buf, segment, in_path_set);
    }
    if (!slash_follows) return end;
    p = end + 1;
  }
}

// The fast path: a URL already in the form the standard would serialise it
// to (what a browser hands an extension: lower-case scheme and host, nothing
// to percent-encode, no dot segments, no port, no userinfo) parses to views
// into the input itself, with no copy. Anything else takes the full path.
constexpr bool not_plain_host(unsigned char c) {
  return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');
}

// One lookup a byte on the fast path: the path's plain bytes (not to encode,
// not '\\', '%', '?', '#'; '.' is checked for a dot segment), the query's
// (not to encode, not '#').
constexpr bool fast_path_stop(unsigned char c) {
  return path_set(c) || c == '\\' || c == '%' || c == '?' || c == '#' || c == '.';
}
constexpr bool fast_query_stop(unsigned char c) { return query_set(c) || c == '#'; }
constexpr ByteSet kNotPlainHost(not_plain_host);
constexpr ByteSet kFastPathStop(fast_path_stop);
constexpr ByteSet kFastQueryStop(fast_query_stop);

bool parse_fast(std::string_view in, Url& out) {
  std::size_t p;
  if (in.size() > 8 && same_text(in.substr(0, 8), "https://")) {
    out.scheme = std::string_view("https");
    p = 8;
  } else if (in.size() > 7 && same_text(in.substr(0, 7), "http://")) {
    out.scheme = std::string_view("http");
    p = 7;
  } else {
    return false;
  }
  const std::size_t host_start = p;
  p = find_byte_in(in, p, kNotPlainHost);
  if (p == host_start || (p < in.size() && in[p] != '/' && in[p] != '?' && in[p] != '#')) return false;
  out.host = in.substr(host_start, p - host_start);
  // One byte ("https://."): the full path (the label test below reads two).
  if (out.host.size() < 2) return false;
  // A host ending in a number is an IPv4 address to normalise: full path.
  const auto last_dot = out.host.find_last_of('.', out.host.size() - 2);
  const char last_label = out.host[last_dot == std::string_view::npos ? 0 : last_dot + 1];
  if (last_label >= '0' && last_label <= '9') return false;
  if (out.host.front() == '.') return false;

  const std::size_t path_start = p;
  for (;; ++p) {
    p = find_byte_in(in, p, kFastPathStop);
    if (p == in.size() || in[p] == '?' || in[p] == '#') break;
    if (in[p] != '.' || in[p - 1] == '/') return false;  // to encode, or maybe a dot segment
  }
  out.path = p == path_start ? std::string_view("/") : in.substr(path_start, p - path_start);
  out.plain_path = true;  // a '%' would have stopped the scan above
  out.has_query = p < in.size() && in[p] == '?';
  out.query = {};
  if (out.has_query) {
    const std::size_t query_start = ++p;
    p = find_byte_in(in, p, kFastQueryStop);
    if (p < in.size() && in[p] != '#') return false;
    out.query = in.substr(query_start, p - query_start);
  }
  out.fragment = {};
  if (p < in.size()) {
    const std::size_t fragment_start = ++p;
    for (; p < in.size(); ++p)
      if (in_fragment_set(static_cast<unsigned char>(in[p]))) return false;
    out.fragment = in.substr(fragment_start);
  }
  return true;
}

}  // namespace

bool UrlParser::parse(std::string_view in, Url& out, const Url* base) {
  if (in.size() > kMaxUrlLength) {
    // What names a person comes before the query: a query or fragment padded
    // past the limit is cut to it (a listed profile stays listed); any
    // other input that long is refused.
    if (in.find_first_of("?#") >= kMaxUrlLength) return false;
    in = in.substr(0, kMaxUrlLength);
  }
  if (parse_fast(in, out)) return true;
  out.plain_path = false;  // parse_fast may have set it before it gave up
  return parse_any(in, out, base);
}

// Every other input: built for size (a browser hands an extension URLs in
// serialised form, which parse_fast takes).
DEADBOLT_FOR_SIZE bool UrlParser::parse_any(std::string_view in, Url& out, const Url* base) {
  std::size_t b = 0, e = in.size();
  while (b < e && static_cast<unsigned char>(in[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(in[e - 1]) <= 0x20) --e;
  in = in.substr(b, e - b);
  if (std::memchr(in.data(), '\t', in.size()) || std::memchr(in.data(), '\n', in.size()) ||
      std::memchr(in.data(), '\r', in.size())) {
    clean_.clear();
    for (char c : in)
      if (c != '\t' && c != '\n' && c != '\r') clean_ += c;
    in = clean_;
  }

  // Scheme.
  std::size_t p = 0;
  std::string_view scheme;
  if (!in.empty() && is_alpha(in[0])) {
    std::size_t i = 1;
    while (i < in.size() && (is_alpha(in[i]) || is_digit(in[i]) || in[i] == '+' || in[i] == '-' || in[i] == '.')) ++i;
    if (i < in.size() && in[i] == ':') {
      scheme = in.substr(0, i);
      p = i + 1;
    }
  }
  const bool has_scheme = !scheme.empty();
  if (has_scheme) {
    if (scheme.size() == 4 && (scheme[0] | 0x20) == 'h' && (scheme[1] | 0x20) == 't' && (scheme[2] | 0x20) == 't' &&
        (scheme[3] | 0x20) == 'p')
      scheme = "http";
    else if (scheme.size() == 5 && (scheme[0] | 0x20) == 'h' && (scheme[1] | 0x20) == 't' &&
             (scheme[2] | 0x20) == 't' && (scheme[3] | 0x20) == 'p' && (scheme[4] | 0x20) == 's')
      scheme = "https";
    else return false;  // not a scheme Deadbolt looks at
  } else if (base == nullptr) {
    return false;
  } else {
    scheme = base->scheme;
  }

  buf_.clear();
  buf_ += scheme;
  const std::size_t host_start = buf_.size();
  std::size_t host_end = 0, path_start = 0;

  // With a base of the same scheme, only two leading slashes start a new
  // authority (special relative or authority state); otherwise the base's
  // host is kept (relative state).
  const bool own_authority = base == nullptr || scheme != base->scheme ||
                             (p + 1 < in.size() && is_slash(in[p]) && is_slash(in[p + 1]));
  bool base_query = false;

  if (own_authority) {
    while (p < in.size() && is_slash(in[p])) ++p;
    std::size_t end = p;
    while (end < in.size() && !is_delimiter(in[end])) ++end;
    std::string_view authority = in.substr(p, end - p);
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);  // userinfo is never an identity
    // Host and port: the first ':' outside brackets starts the port.
    std::size_t colon = std::string_view::npos;
    bool in_brackets = false;
    for (std::size_t i = 0; i < authority.size(); ++i) {
      if (authority[i] == '[') in_brackets = true;
      else if (authority[i] == ']') in_brackets = false;
      else if (authority[i] == ':' && !in_brackets) {
        colon = i;
        break;
      }
    }
    const std::string_view host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      std::uint32_t port = 0;
      for (char c : authority.substr(colon + 1)) {
        if (!is_digit(c)) return false;
        port = port * 10 + static_cast<std::uint32_t>(c - '0');
        if (port > 65535) return false;
      }
    }
    if (host.empty()) return false;
    if (!parse_host(host, buf_, host_)) return false;
    host_end = path_start = buf_.size();
    p = end;
    if (p < in.size() && is_slash(in[p])) ++p;
    p = parse_path(in, p, buf_, path_start);
  } else {
    buf_ += base->host;
    host_end = path_start = buf_.size();
    if (p < in.size() && is_slash(in[p])) {
      p = parse_path(in, p + 1, buf_, path_start);
    } else if (p == in.size() || in[p] == '?' || in[p] == '#') {
      buf_ += base->path;
      base_query = p == in.size() || in[p] == '#';  // same document: the base's query stays
    } else {
      buf_ += base->path;
      pop_segment(buf_, path_start);
      p = parse_path(in, p, buf_, path_start);
    }
  }
  const std::size_t path_end = buf_.size();
  bool has_query = false;
  if (base_query) {
    has_query = base->has_query;
    buf_ += base->query;
  } else if (p < in.size() && in[p] == '?') {
    has_query = true;
    std::size_t end = in.find('#', p + 1);
    if (end == std::string_view::npos) end = in.size();
    append_encoded(buf_, in.substr(p + 1, end - p - 1), in_query_set);
    p = end;
  }
  const std::size_t query_end = buf_.size();
  if (p < in.size() && in[p] == '#') append_encoded(buf_, in.substr(p + 1), in_fragment_set);

  const char* d = buf_.data();
  out.scheme = std::string_view(d, host_start);
  out.host = std::string_view(d + host_start, host_end - host_start);
  out.path = std::string_view(d + path_start, path_end - path_start);
  out.query = std::string_view(d + path_end, query_end - path_end);
  out.fragment = std::string_view(d + query_end, buf_.size() - query_end);
  out.has_query = has_query;
  return true;
}

}  // namespace deadbolt
