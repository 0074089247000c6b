// Engine::snapshot() and load_snapshot(): the decision index as text, one
// record a line, fields separated by tabs ('\t', '\n' and '\\' escaped):
//
//   deadbolt-snapshot 1 <catalog fingerprint> <core digest>
//   p <name>              a person, in list order
//   k <person> <key>      an account key ("instagram:janedoe")
//   w <person> <words>    a keyword, folded
//   s <person> <word>     a handle matched as a search word
//   h <site> <host>       a host served with a site's shapes (a home instance)
#include <cstdio>
#include <cstdlib>

#include "deadbolt/core_digest.h"  // generated at build time: cmake/core_digest.cmake
#include "deadbolt/decide.h"

namespace deadbolt {
namespace {

constexpr std::string_view kMagic = "deadbolt-snapshot 1 ";

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
}

std::string unescaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c;
  }
  return out;
}

std::string fingerprint() {
  // Site indexes and key forms are only meaningful to the build that wrote
  // them: the catalog's shape is part of the header.
  const Catalog& catalog = Catalog::get();
  std::uint64_t h = KeyIndex::kHashStart;
  auto mix = [&](std::string_view s) {
    for (char c : s) h = KeyIndex::hash_step(h, static_cast<unsigned char>(c));
    h = KeyIndex::hash_step(h, 0);
  };
  for (const PlatformSpec& p : platform_table()) mix(p.id);
  for (const SiteSpec& s : site_table()) {
    mix(s.platform);
    mix(s.hosts);
    mix(s.shapes);
  }
  (void)catalog;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  // The code that computes keys matters as much as the data: a snapshot from
  // a core built from other sources is refused (kCoreSourceDigest hashes them).
  return std::string(buf) + ' ' + kCoreSourceDigest;
}

}  // namespace

std::string Engine::snapshot() const {
  std::string out(kMagic);
  out += fingerprint();
  out += '\n';
  for (const std::string& name : people_names_) {
    out += "p\t";
    append_escaped(out, name);
    out += '\n';
  }
  // Keys in insertion order, with their person.
  accounts_.for_each([&](std::string_view key, std::uint32_t ref) {
    out += "k\t" + std::to_string(refs_[ref].person) + '\t';
    append_escaped(out, key);
    out += '\n';
  });
  for (const KeywordEntry& k : keywords_) {
    out += "w\t" + std::to_string(k.person) + '\t';
    append_escaped(out, k.words);
    out += '\n';
  }
  handle_words_.for_each([&](std::string_view word, std::uint32_t person) {
    out += "s\t" + std::to_string(person) + '\t';
    append_escaped(out, word);
    out += '\n';
  });
  for (const auto& [host, site] : extra_hosts_) {
    out += "h\t" + std::to_string(site) + '\t';
    append_escaped(out, host);
    out += '\n';
  }
  return out;
}

namespace {

struct Line {
  char type;
  long number;             // person or site; -1 for 'p'
  std::string_view field;  // still escaped
};

// Splits one record line; false if it is not one.
bool parse_line(std::string_view line, Line& out) {
  if (line.size() < 3 || line[1] != '\t') return false;
  out.type = line[0];
  out.number = -1;
  out.field = line.substr(2);
  if (out.type == 'p') return true;
  const auto tab = out.field.find('\t');
  if (tab == std::string_view::npos || tab == 0 || tab > 9) return false;
  long n = 0;
  for (char c : out.field.substr(0, tab)) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  out.number = n;
  out.field = out.field.substr(tab + 1);
  return true;
}

template <typename Fn>
void for_each_line(std::string_view text, Fn fn) {
  for (std::size_t p = 0; p < text.size();) {
    std::size_t end = text.find('\n', p);
    if (end == std::string_view::npos) end = text.size();
    if (!fn(text.substr(p, end - p))) return;
    p = end + 1;
  }
}

}  // namespace

bool Engine::load_snapshot(std::string_view text) {
  const auto first_line = text.find('\n');
  if (first_line == std::string_view::npos || text.substr(0, first_line) != std::string(kMagic) + fingerprint())
    return false;
  text.remove_prefix(first_line + 1);
  // First pass: check every line, count what to reserve. A damaged snapshot
  // must leave the engine as it was.
  std::size_t people = 0, keys = 0, key_bytes = 0, words = 0, word_bytes = 0;
  const std::size_t sites = Catalog::get().sites().size();
  bool ok = true;
  for_each_line(text, [&](std::string_view raw) {
    Line line;
    ok = parse_line(raw, line);
    if (!ok) return false;
    switch (line.type) {
      case 'p': ++people; break;
      case 'k': ++keys; key_bytes += line.field.size(); ok = static_cast<std::size_t>(line.number) < people; break;
      case 'w': ok = static_cast<std::size_t>(line.number) < people; break;
      case 's': ++words; word_bytes += line.field.size(); ok = static_cast<std::size_t>(line.number) < people; break;
      case 'h': ok = static_cast<std::size_t>(line.number) < sites; break;
      default: ok = false;
    }
    return ok;
  });
  if (!ok) return false;
  // Second pass: build the index straight from the text.
  list_ = Blocklist{};
  clear_index();
  full_list_ = false;
  people_names_.reserve(people);
  refs_.reserve(keys);
  accounts_.reserve(keys, key_bytes);
  handle_words_.reserve(words, word_bytes);
  std::string scratch;
  auto field = [&](std::string_view escaped) -> std::string_view {
    if (escaped.find('\\') == std::string_view::npos) return escaped;
    scratch = unescaped(escaped);
    return scratch;
  };
  for_each_line(text, [&](std::string_view raw) {
    Line line;
    parse_line(raw, line);
    const int n = static_cast<int>(line.number);
    switch (line.type) {
      case 'p': people_names_.emplace_back(field(line.field)); break;
      case 'k':
        accounts_.insert(field(line.field), static_cast<std::uint32_t>(refs_.size()));
        refs_.push_back({n, -1});
        break;
      case 'w': add_keyword(n, std::string(field(line.field))); break;
      case 's': handle_words_.insert(field(line.field), static_cast<std::uint32_t>(n)); break;
      case 'h': add_extra_host(std::string(field(line.field)), n); break;
    }
    return true;
  });
  return true;
}

}  // namespace deadbolt
