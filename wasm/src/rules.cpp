#include "deadbolt/rules.h"

#include <algorithm>
#include <cstdlib>

#include "deadbolt/contact_address.h"
#include "deadbolt/json_writer.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

using T = PatternSegment::Type;

// A handle's non-ASCII bytes ("josé") are written in the rules as the
// browser writes them in the URL it matches: percent-encoded (a urlFilter
// must be ASCII, and a regex would never meet the raw byte).

// A handle in a urlFilter: ASCII as it is.
void append_url_text(std::string& out, std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) append_percent_escape(out, static_cast<unsigned char>(c));
    else out += c;
  }
}

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      append_percent_escape(out, static_cast<unsigned char>(c));
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      out += '\\';
    out += c;
  }
}

bool is_digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

// A literal segment's alternatives, as written in the catalog (lower case,
// as every link spells them). Case-insensitive literals would double the
// regex's size; an upper-case variant is left to the navigation listeners.
void append_literal(std::string& out, std::string_view alternatives) {
  const bool several = alternatives.find('|') != std::string_view::npos;
  if (several) out += "(?:";
  bool first = true;
  while (true) {
    const auto bar = alternatives.find('|');
    if (!first) out += '|';
    append_escaped(out, alternatives.substr(0, bar));
    first = false;
    if (bar == std::string_view::npos) break;
    alternatives.remove_prefix(bar + 1);
  }
  if (several) out += ')';
}

// A letter beyond ASCII of a handle compared without case, in each case the
// core takes for it (lower_code_point), percent-encoded: "п" and "П" as
// "%D0%[B9]F" where the two differ in one hex digit (a class costs RE2 what a
// letter does), "р" and "Р" as "(?:%D1%80|%D0%A0)" where they differ more. A
// "(?i:" around it makes only ASCII letters match either case: here, the hex.
void append_letter_cases(std::string& out, std::int32_t cp) {
  const std::int32_t lower = lower_code_point(cp);
  std::string forms[3];
  std::size_t n = 0;
  const auto add_form = [&](std::int32_t form) {
    char utf8[4];
    append_escaped(forms[n++], std::string_view(utf8, encode_utf8(form, utf8)));
  };
  add_form(lower);
  // The other letters lower_code_point() takes to it, found by asking it:
  // none lies further than kMaxLowerDistance.
  for (std::int32_t form = std::max(0x80, lower - kMaxLowerDistance); form <= lower + kMaxLowerDistance && n < 3;
       ++form)
    if (form != lower && lower_code_point(form) == lower) add_form(form);
  if (n == 2 && forms[0].size() == forms[1].size()) {
    std::size_t differ = 0, at = 0;
    for (std::size_t i = 0; i < forms[0].size(); ++i)
      if (forms[0][i] != forms[1][i]) ++differ, at = i;
    if (differ == 1) {
      out.append(forms[0], 0, at);
      ((out += '[') += forms[0][at]) += forms[1][at];
      out += ']';
      out.append(forms[0], at + 1);
      return;
    }
  }
  if (n > 1) out += "(?:";
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += '|';
    out += forms[i];
  }
  if (n > 1) out += ')';
}

// The handle as the platform compares it: case-insensitive unless the
// platform says otherwise, with `letter_cases` also its letters beyond ASCII
// (else those as listed). Where dots do not count (Facebook), the handle as
// listed and its dotless form: "jane.doe.77" and "janedoe77".
void append_handle(std::string& out, const PlatformSpec& p, std::string_view handle, bool letter_cases) {
  const bool ci = !(p.flags & kCaseSensitive);
  out += ci ? "(?i:" : "(?:";
  if (ci && letter_cases) {
    for (std::size_t i = 0; i < handle.size();) {
      const std::size_t at = i;
      const std::int32_t cp = decode_utf8(handle, i);
      if (cp < 0x80) append_escaped(out, handle.substr(at, i - at));  // ASCII, or a byte that is not UTF-8
      else append_letter_cases(out, cp);
    }
  } else {
    append_escaped(out, handle);
  }
  if ((p.flags & kIgnoreDots) && handle.find('.') != std::string_view::npos) {
    out += '|';
    for (char c : handle)
      if (c != '.') out += c;
  }
  out += ')';
}

constexpr int kMaxPrefixWords = 3;
constexpr std::size_t kMaxLiteralAlternatives = 4;

// "(?:instagram\.com|instagr\.am)": a site's hosts; "name.*" stands for every
// country domain, as Catalog::find_site reads them.
std::string hosts_alternation(std::string_view hosts) {
  std::string out = "(?:";
  bool first = true;
  for_each_word(hosts, [&](std::string_view h) {
    if (!first) out += '|';
    first = false;
    if (h.size() > 2 && h.substr(h.size() - 2) == ".*") {
      append_escaped(out, h.substr(0, h.size() - 2));
      // The country domains as they are spelt (".de", ".com", ".co.uk",
      // ".com.au"): a part of what find_site accepts, and cheaper in RE2.
      out += "\\.[a-z]{2,3}(?:\\.[a-z]{2})?";
    } else {
      append_escaped(out, h);
    }
  });
  return out + ')';
}

// The match patterns for a site's hosts and every subdomain: what a rule of
// that site needs site access for. A country-domain wildcard ("google.*")
// has no match pattern short of every site.
std::string hosts_origins(std::string_view hosts) {
  std::string out;
  for_each_word(hosts, [&](std::string_view h) {
    if (!out.empty()) out += ' ';
    if (h.size() > 2 && h.substr(h.size() - 2) == ".*") out += "<all_urls>";
    else out += "*://*." + std::string(h) + "/*";
  });
  return out;
}

// Gives the rules appended since `from` their origins.
void set_origins(RuleSet& set, std::size_t from, const std::string& origins) {
  for (std::size_t i = from; i < set.rules.size(); ++i) set.rules[i].origins = origins;
}

std::vector<std::string> host_regexes(const Site& site, const SiteSpec& spec) {
  const std::string hosts = hosts_alternation(spec.hosts) + "\\.?(?::\\d+)?";
  std::string words;
  int word_count = 0;
  std::vector<std::string> out;
  for (std::string_view p : site.prefixes) {
    if (p.empty()) continue;
    // The catalog lists the common subdomains first; the rarer ones (Facebook's
    // "free", "touch", …) are left to the navigation listeners to keep every
    // regex within Chrome's budget.
    const bool token = p == "{cc}" || p == "{locale}" || p == "*";
    if (!token && word_count == kMaxPrefixWords) continue;
    if (p == "{cc}") out.push_back("^https?://[a-z]{2}\\." + hosts);
    else if (p == "{locale}") out.push_back("^https?://[a-z]{2}[-_][a-z]{2}\\." + hosts);
    else if (p == "*") out.push_back("^https?://[^./?#:@]+\\." + hosts);
    else {
      words += words.empty() ? "" : "|";
      append_escaped(words, p);
      ++word_count;
    }
  }
  out.insert(out.begin(), "^https?://" + (words.empty() ? std::string() : "(?:(?:" + words + ")\\.)?") + hosts);
  return out;
}

// The path part of one shape for one account, or "" when the shape cannot
// name this account (a numeric shape and a non-numeric handle, say).
// `letter_cases`: as append_handle.
std::string path_regex(const Catalog& catalog, const Site& site, const Shape& shape, const Account& account,
                       bool letter_cases = true) {
  const PlatformSpec& p = catalog.platforms()[static_cast<std::size_t>(account.platform)];
  std::string_view handle = account.handle;
  if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
  auto capture = [&](T type, std::string_view prefix, std::string& out) -> bool {
    std::string_view h = handle;
    if (const auto arrow = prefix.find('>'); arrow != std::string_view::npos) {
      // "UU>UC{id}": the listed "UC…" written as "UU…".
      const std::string_view to = prefix.substr(arrow + 1);
      if (h.substr(0, to.size()) != to) return false;
      append_escaped(out, prefix.substr(0, arrow));
      h.remove_prefix(to.size());
    } else if (!prefix.empty() && prefix[0] == '*') {
      out += "[^/?#]+";  // "*-{n}": anything, then the last "-" (the capture below has none)
      append_escaped(out, prefix.substr(1));
    } else {
      append_escaped(out, prefix);  // lower case, as the catalog writes it and links do
    }
    switch (type) {
      case T::handle:
      case T::at_handle:
      case T::opt_at_handle:
        if (account.capture == Capture::federated || !catalog.valid_handle(account.platform, h)) return false;
        if (site.reserved.size() > 0) {
          std::string lower;
          append_ascii_lower(lower, h);
          if (site.reserved.find(lower) != KeyIndex::kMissing) return false;
        }
        if (type == T::at_handle) out += '@';
        if (type == T::opt_at_handle) out += "@?";
        append_handle(out, p, h, letter_cases);
        return true;
      case T::id:
        if (!is_id(h)) return false;
        append_escaped(out, h);
        return true;
      case T::number:
        if (!is_digits(h) || h.size() > 24) return false;
        append_escaped(out, h);
        return true;
      default: return false;  // federated handles get rules of their own
    }
  };
  std::string out;
  bool captured = false, open_ended = false;
  for (const PatternSegment& seg : shape.segments) {
    if (seg.type == T::rest) {
      if (&seg != &shape.segments.back()) return {};  // "*" then more segments: left to the listeners
      open_ended = true;
      break;
    }
    out += "/+";
    switch (seg.type) {
      case T::literal:
        if (static_cast<std::size_t>(std::count(seg.text.begin(), seg.text.end(), '|')) >= kMaxLiteralAlternatives)
          return {};  // YouTube's legacy channel tabs: too many words for one rule
        append_literal(out, seg.text);
        break;
      case T::any: out += "[^/?#]+"; break;
      case T::number:
        if (captured) {  // a post number after the account: any number
          out += "[0-9]+";
          break;
        }
        [[fallthrough]];
      case T::handle:
      case T::at_handle:
      case T::opt_at_handle:
      case T::id:
        if (captured || !capture(seg.type, seg.text, out)) return {};
        captured = true;
        break;
      default: return {};
    }
  }
  if (shape.query_capture != T::literal) {
    // "?id=N" as the first parameter: rules stay a subset of decide(), which
    // reads the first parameter of that name.
    if (captured || shape.query_name.find('|') != std::string_view::npos || !shape.query_json_key.empty()) return {};
    out += "/*\\?";
    append_escaped(out, shape.query_name);
    out += '=';
    if (!capture(shape.query_capture, shape.query_prefix, out)) return {};
    out += "(?:[&#].*)?$";
    return out;
  }
  if (!captured || !shape.query_name.empty() || shape.whole_query) return {};
  out += open_ended ? "(?:[/?#].*)?$" : "/*(?:[?#].*)?$";
  return out;
}

constexpr int kMaxRegexCost = 88;  // see regex_cost()

void add(RuleSet& set, std::string regex, int person, int account) {
  if (regex_cost(regex) > kMaxRegexCost) return;  // too long for Chrome: the listeners cover it
  set.rules.push_back({std::move(regex), true, person, account, {}});
}

int strict_cost(std::string_view re);
void add_strict(RuleSet& set, std::string regex, int person, int account);

// What may stand just before or after an address in a compose window's To,
// Cc or Bcc: the start of the value, a list separator or "Name <…>", raw or
// percent-encoded (decide() splits on the same).
// (A rule names the address first in its parameter; lists are left to the
// listeners, as RE2's budget allows no more.)
constexpr std::string_view kBeforeAddress = "";
constexpr std::string_view kAfterAddress = "(?:[,;&#]|$)";
// Parameters before the one that names the address (no '#': not the fragment).
constexpr std::string_view kEarlierParams = "(?:[0-9A-Za-z%=._~+-]*&)*";

// A listed address as it may be written: case-insensitive, '@' raw or as
// %40; for Gmail any dots in the local part and an optional +tag, on either
// of its two domains.
std::string address_regex(std::string_view address) {
  std::string key;
  if (!append_email_key(address, key)) return {};
  const auto at = key.rfind('@');
  const std::string_view local = std::string_view(key).substr(0, at), domain = std::string_view(key).substr(at + 1);
  std::string out = "(?i:";
  if (domain == "gmail.com") {
    // As listed (other spellings of the mailbox are left to the listeners), and any +tag.
    const std::string_view listed = address.substr(0, address.rfind('@'));
    std::string lower;
    append_ascii_lower(lower, listed.substr(0, listed.find('+')));
    if (istarts_with(lower, "mailto:")) lower.erase(0, 7);
    append_escaped(out, lower);
    out += ")(?:\\+[a-z0-9._-]*)?(?:@|%40)gmail\\.com";  // domains are written in lower case
    return out;
  }
  append_escaped(out, local);
  out += ")(?:@|%40)";
  append_escaped(out, domain);
  return out;
}

// Rules for a listed email address or phone number: the message and compose
// links that name it (wa.me, WhatsApp's send page, Telegram's phone links;
// Gmail, Outlook and Yahoo compose windows). Written here rather than from
// the catalog's shapes because these name the account in a query list; the
// shapes in catalog_data.cpp are what decide() reads, and the rule tests hold
// every rule to it.
void contact_rules(const Account& account, std::string_view open_channel, int person, int index, RuleSet& out) {
  const PlatformSpec& p = Catalog::get().platforms()[static_cast<std::size_t>(account.platform)];
  if (p.flags & kPhone) {
    std::string digits;
    if (!append_phone_digits(account.handle, digits)) return;
    std::size_t from = out.rules.size();
    if (open_channel != "telegram")  // a co-parent's open channel gets no rule
      add_strict(
          out,
          "^https?://(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)/+(?:\\+|%2[Bb])" + digits + "/*(?:[?#].*)?$",
          person, index);
    set_origins(out, from, "*://*.t.me/* *://*.telegram.me/* *://*.telegram.dog/*");
    if (open_channel == "whatsapp") return;
    from = out.rules.size();
    add_strict(out, "^https?://wa\\.me/+" + digits + "/*(?:[?#].*)?$", person, index);
    set_origins(out, from, "*://*.wa.me/*");
    from = out.rules.size();
    // The number as the first parameter, as WhatsApp writes its links.
    add_strict(
        out,
        "^https?://(?:(?:api|web|www)\\.)?whatsapp\\.com/+send/*\\?phone=(?:\\+|%2[Bb])?" + digits + "(?:[&#].*)?$",
        person, index);
    set_origins(out, from, "*://*.whatsapp.com/*");
    return;
  }
  if (!(p.flags & kEmail) || open_channel == "email") return;
  const std::string address = address_regex(account.handle);
  if (address.empty()) return;
  const std::string tail = std::string(kEarlierParams) + "to=" + std::string(kBeforeAddress) + address +
                           std::string(kAfterAddress);
  const std::string gmail = "^https?://mail\\.google\\.com/mail/(?:u/[0-9]+/)?\\?";
  std::size_t from = out.rules.size();
  add_strict(out, gmail + tail, person, index);
  // Gmail's Cc and Bcc; and a Gmail address written with its other domain.
  add_strict(out, gmail + std::string(kEarlierParams) + "(?:cc|bcc)=" + address + std::string(kAfterAddress), person,
             index);
  if (const auto gm = address.rfind("gmail\\.com"); gm != std::string::npos && address.compare(gm - 1, 1, ")") == 0)
    add_strict(out,
               gmail + std::string(kEarlierParams) + "to=" + address.substr(0, gm) + "googlemail\\.com" +
                   std::string(kAfterAddress),
               person, index);
  set_origins(out, from, "*://*.mail.google.com/*");
  from = out.rules.size();
  add_strict(out, "^https?://outlook\\.(?:live|office)\\.com/mail/(?:0/)?deeplink/compose/*\\?" + tail, person, index);
  set_origins(out, from, "*://*.outlook.live.com/* *://*.outlook.office.com/*");
  from = out.rules.size();
  add_strict(out, "^https?://compose\\.mail\\.yahoo\\.com/*\\?" + tail, person, index);
  set_origins(out, from, "*://*.compose.mail.yahoo.com/*");
}

// What separates words of a search as a search box writes them and as
// fold_words() reads them: '+' (a space in a form), "%20" (a space in a
// typed or linked URL) and "%22" (a quote mark). An apostrophe does not
// separate words (fold_words: O'Brien == OBrien) and a possessive ends one
// ("Jane Doe's" is "Jane Doe"): a search that starts with the keyword's
// possessive has rules of its own (kPossessive), made with the room the
// accounts and keywords leave; quotes made of apostrophes and possessives
// later in a search are left to the navigation listeners (each form in the
// one rule would cost the longer names their rules), as are rarer gaps
// ("%2C", "%2B").
constexpr std::string_view kWordGap = "(?:\\+|%20)+";
// A gap before the keyword: also an opening quote mark.
constexpr std::string_view kGapBefore = "(?:\\+|%2[02])";
// After the keyword: the end of the parameter, or a gap and anything else
// (to the end: the redirect hands the block page the whole URL).
constexpr std::string_view kAfterKeyword = "(?:(?:[+&#]|%2[02]).*)?$";
// A word-final possessive as fold_words() drops it: an apostrophe (as typed,
// or a phone's U+2019) and an s, before the end or a gap.
constexpr std::string_view kPossessive = "%(?:27|E2%80%99)[sS]";
// RE2 refuses these shapes from about 95; a margin for Chrome's newer RE2.
constexpr int kMaxKeywordCost = 90;

// Rules for a name keyword ("Jane Doe"): its words, whole, in order, in the
// search parameter of the search shapes of the engines the catalog marks
// kSearchRules; with `possessive`, its possessive instead ("Jane Doe's"),
// at the start of the search only.
// The parameter may come after others (Firefox's Google search writes
// "?client=…&q=", DuckDuckGo's "?t=…&q=", Yahoo's "?fr=…&p="), but not after
// an earlier one of the same name: decide() reads the first.
void keyword_rules(const Catalog& catalog, std::string_view keyword, int person, bool possessive, RuleSet& out) {
  std::string words;
  fold_words(keyword, words);
  if (words.empty()) return;
  for (char c : words)
    if (static_cast<unsigned char>(c) >= 0x80) return;  // folded non-ASCII has many spellings: the listeners decide
  // Earlier words of the search, the last followed by a gap; then the keyword.
  // A possessive's rules only where the search starts with the name ("jane
  // doe's new …"): the earlier words would cost most names their rules.
  std::string text;
  if (!possessive) text.append("(?:[^&#]*").append(kGapBefore).append(")?");
  text += "(?i:";
  for (char c : words) {
    if (c == ' ') {
      text += ")";
      text += kWordGap;
      text += "(?i:";
    } else {
      append_escaped(text, std::string_view(&c, 1));
    }
  }
  text += ')';
  if (possessive) text += kPossessive;
  text += kAfterKeyword;
  const auto& sites = catalog.sites();
  const auto& specs = site_table();
  for (std::size_t s = 0; s < sites.size(); ++s) {
    // The engines the catalog marks (the rest are left to the navigation listeners).
    if (!(specs[s].flags & kSearchRules)) continue;
    const Site& site = sites[s];
    for (const Shape& shape : site.shapes) {
      if (shape.kind != Kind::search || shape.query_name.empty() || shape.query_capture != T::literal) continue;
      std::string path;
      bool ok = true;
      for (const PatternSegment& seg : shape.segments) {
        if (seg.type == T::rest) path += "(?:/[^?#]*)?";
        else if (seg.type == T::literal && seg.text.find('|') == std::string_view::npos) {
          path += "/+";
          append_escaped(path, seg.text);
        } else ok = false;
      }
      // decide() reads the first parameter of the first name that is there:
      // a rule names only the first, as the first of that name.
      const std::string_view name = shape.query_name.substr(0, shape.query_name.find('|'));
      const char first = name.empty() ? '\0' : name[0];
      if (!ok || first < 'a' || first > 'z') continue;
      // Earlier parameters: any whose name starts with another lower-case
      // letter (those of the same first letter are left to the listeners).
      std::string param = "/*\\?(?:[";
      if (first > 'a') param += first == 'b' ? std::string("a") : std::string("a-") + static_cast<char>(first - 1);
      if (first < 'z') param += first == 'y' ? std::string("z") : static_cast<char>(first + 1) + std::string("-z");
      param += "][^#&]*&)*";
      append_escaped(param, name);
      param += '=';
      // The engine's hosts with "www." only: the shortest form within RE2's budget.
      std::string regex = "^https?://(?:www\\.)?" + hosts_alternation(specs[s].hosts) + path + param + text;
      // Chrome compiles regex rules with RE2 in Latin-1, where a letter under
      // (?i:…) and a negated class cost one instruction each: for these
      // shapes regex_cost() is RE2's count within a few (rules_test.cpp
      // holds every length to RE2 with Chrome's options).
      if (regex_cost(regex) > kMaxKeywordCost) continue;  // a long name: the listeners cover it
      const std::size_t from = out.rules.size();
      out.rules.push_back({std::move(regex), true, person, -1, {}});
      set_origins(out, from, hosts_origins(specs[s].hosts));
    }
  }
}

// RE2's own count for the rules below, closer than regex_cost(): a letter
// under (?i:…) is a class of two, and a class spends one instruction per
// range. Measured against RE2's program size for these shapes.
int strict_cost(std::string_view re) {
  int extra = 0, ci_depth = 0, depth = 0;
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '(') {
      ++depth;
      if (re.substr(i, 4) == "(?i:") ci_depth = depth;
    } else if (c == ')') {
      if (depth == ci_depth) ci_depth = 0;
      --depth;
    } else if (c == '[') {
      const auto close = re.find(']', i + 2);
      for (std::size_t j = i + 2; j < close; ++j) extra += re[j] == '-' && j + 1 < close;
      i = close;
    } else if (ci_depth && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      ++extra;
    }
  }
  return regex_cost(re) + extra;
}

void add_strict(RuleSet& set, std::string regex, int person, int account) {
  if (strict_cost(regex) > kMaxRegexCost) return;  // the listeners cover it
  set.rules.push_back({std::move(regex), true, person, account, {}});
}

// Rules for one account; appended to `out`.
void account_rules(const Catalog& catalog, const Account& account, std::string_view open_channel, int person, int index,
                   RuleSet& out) {
  const auto& sites = catalog.sites();
  const auto& specs = site_table();
  if (catalog.platforms()[static_cast<std::size_t>(account.platform)].flags & (kEmail | kPhone)) {
    contact_rules(account, open_channel, person, index, out);
    return;
  }
  if (account.capture == Capture::federated) {
    // @user@instance: its home instance at /@user, and any host showing
    // /@user@instance (how other instances show it).
    std::string_view h = account.handle;
    if (!h.empty() && h[0] == '@') h.remove_prefix(1);
    const auto at = h.find('@');
    const std::string_view user = h.substr(0, at), instance = h.substr(at + 1);
    std::string any = "^https?://[^/?#]+/+(?i:@";
    append_escaped(any, user);
    any += '@';
    append_escaped(any, instance);
    any += ")/*(?:[0-9]+/*)?(?:[?#].*)?$";
    std::size_t from = out.rules.size();
    add(out, std::move(any), person, index);
    set_origins(out, from, "<all_urls>");  // any instance
    if (catalog.platforms()[static_cast<std::size_t>(account.platform)].id == "mastodon") {
      std::string home = "^https?://(?:www\\.)?(?i:";
      append_escaped(home, instance);
      home += ")\\.?(?::\\d+)?/+(?i:@";
      append_escaped(home, user);
      home += ")(?:[/?#].*)?$";
      from = out.rules.size();
      add(out, std::move(home), person, index);
      std::string origin = "*://*.";
      append_ascii_lower(origin, instance);
      set_origins(out, from, origin + "/*");
    }
    return;
  }
  for (std::size_t s = 0; s < sites.size(); ++s) {
    const Site& site = sites[s];
    if (site.platform != account.platform) continue;
    std::vector<std::string> hosts;  // built once a shape of this site applies
    const std::size_t from = out.rules.size();
    for (const Shape& shape : site.shapes) {
      // Posts sit under profiles; messages (m.me/<them>, ig.me/m/<them>) are pages of their own.
      if (shape.kind != Kind::profile && shape.kind != Kind::story && shape.kind != Kind::message) continue;
      if (shape.kind == Kind::message && shape.channel == open_channel) continue;  // a co-parent's open channel
      if (shape.endpoint) continue;  // the apps' own requests: block rules of their own
      const std::string path = path_regex(catalog, site, shape, account);
      if (path.empty()) continue;
      if (hosts.empty()) hosts = host_regexes(site, specs[s]);
      std::string as_listed;  // a long handle's letters beyond ASCII in each case may not fit one rule
      for (const std::string& host : hosts) {
        std::string regex = host + path;
        if (regex_cost(regex) > kMaxRegexCost) {
          if (as_listed.empty()) as_listed = path_regex(catalog, site, shape, account, false);
          regex = host + as_listed;  // the other cases are left to the navigation listeners
        }
        add(out, std::move(regex), person, index);
      }
    }
    if ((site.flags & kSubdomainHandle) && account.capture == Capture::handle) {
      std::string_view handle = account.handle;
      if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
      std::string lower;
      append_ascii_lower(lower, handle);
      if (catalog.valid_handle(account.platform, handle) && site.reserved.find(lower) == KeyIndex::kMissing &&
          !catalog.prefix_allowed(site, lower) && lower.find('.') == std::string::npos) {
        std::string sub = "^https?://(?i:";
        append_escaped(sub, handle);
        sub += ")\\." + hosts_alternation(specs[s].hosts);
        sub += "\\.?(?::\\d+)?(?:[/?#].*)?$";
        add(out, std::move(sub), person, index);
      }
    }
    set_origins(out, from, hosts_origins(specs[s].hosts));
  }
}

// The resource types an app's own request for a person arrives as. Not
// main_frame: a page opened on such a URL is taken to the block page by the
// navigation listeners (a blocked top-level request would show an error).
// No endpoint shape is an image by handle (an avatar by name): one would
// show the person on any page that loads it, and want every initiator.
constexpr std::string_view kEndpointResourceTypes = "xmlhttprequest sub_frame image media script ping other";

// One urlFilter for an endpoint shape and a host: "||host" (any subdomain),
// the path with "*" for {any}, then the handle, ended by "^" (a separator or
// the end: "janedoe" never matches "janedoe2"); a handle in the query is
// looked for anywhere in it ("*name=handle^"), since the apps put other
// parameters first; a handle in a JSON parameter as the apps encode it.
void endpoint_filter(const Catalog& catalog, const Shape& shape, std::string_view host, const Account& account,
                     const FilterRule& rule, std::vector<FilterRule>& out) {
  std::string_view handle = account.handle;
  if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
  auto handle_fits = [&](T type, std::string_view prefix) {
    if (prefix.find_first_of(">*") != std::string_view::npos) return false;
    switch (type) {
      case T::handle:
      case T::at_handle:
      case T::opt_at_handle:
        return account.capture != Capture::federated && catalog.valid_handle(account.platform, handle);
      case T::id: return is_id(handle);
      case T::number: return is_digits(handle) && handle.size() <= 24;
      default: return false;
    }
  };
  // Characters a urlFilter gives meaning to cannot be matched literally.
  if (handle.find_first_of("*^|") != std::string_view::npos) return;
  std::string f = "||";
  f += host;
  bool captured = false;
  for (const PatternSegment& seg : shape.segments) {
    if (seg.type == T::rest || captured) break;  // what follows the handle: the "^" below stands for it
    f += '/';
    switch (seg.type) {
      case T::literal:
        if (seg.text.find('|') != std::string_view::npos) return;
        f += seg.text;
        break;
      case T::any: f += '*'; break;
      case T::handle:
      case T::at_handle:
      case T::opt_at_handle:
      case T::id:
      case T::number:
        if (!handle_fits(seg.type, seg.text)) return;
        f += seg.text;
        if (seg.type == T::at_handle) f += '@';
        append_url_text(f, handle);
        captured = true;
        break;
      default: return;
    }
  }
  if (!captured) {
    if (shape.query_capture == T::literal || !handle_fits(shape.query_capture, shape.query_prefix)) return;
    if (shape.query_name.find('|') != std::string_view::npos) return;
    f += '*';
    if (!shape.query_json_key.empty()) {
      // {"screen_name":"jane"} as the apps send it: %22screen_name%22%3A%22jane%22,
      // ':' raw or encoded (urlFilters ignore case: %3a too).
      for (std::string_view colon : {std::string_view("%3A"), std::string_view(":")}) {
        std::string g = f;
        g += "%22";
        g += shape.query_json_key;
        g += "%22";
        g += colon;
        g += "%22";
        append_url_text(g, handle);
        g += "%22";
        out.push_back(rule);
        out.back().url_filter = std::move(g);
      }
      return;
    }
    f += shape.query_name;
    f += '=';
    f += shape.query_prefix;
    append_url_text(f, handle);
  }
  f += '^';
  out.push_back(rule);
  out.back().url_filter = std::move(f);
}

}  // namespace

void endpoint_filters(const Account& account, int person, int index, std::vector<FilterRule>& out) {
  const Catalog& catalog = Catalog::get();
  const PlatformSpec& platform = catalog.platforms()[static_cast<std::size_t>(account.platform)];
  if (platform.flags & (kEmail | kPhone)) return;
  // The pages whose requests are looks (catalog_data.cpp: the app's own, and
  // the web clients of an open API): a request another site's page sends is
  // no look (it cannot read the answer), and a block would tell that page
  // who is listed. A platform with no such pages gets no endpoint rule.
  const AppSpec* app = app_spec(platform.id);
  const bool cs = platform.flags & kCaseSensitive;
  const auto& specs = site_table();
  // A urlFilter ignores the case of ASCII letters only. The apps ask for a
  // handle as the platform writes it, which may not be the case it was
  // listed in ("josé-garcía" for "JOSÉ-GARCÍA"): its letters beyond ASCII
  // lowered, too.
  Account lowered;
  if (!cs && account.capture == Capture::handle) {
    std::string lower;
    append_handle_lower(lower, account.handle);
    if (!iequals(lower, account.handle)) {  // it differs beyond ASCII
      lowered = account;
      lowered.handle = std::move(lower);
    }
  }
  for (std::size_t s = 0; s < catalog.sites().size(); ++s) {
    const Site& site = catalog.sites()[s];
    if (site.platform != account.platform) continue;
    for (const Shape& shape : site.shapes) {
      if (!shape.endpoint) continue;
      // A frame is a look on whatever page frames it, so its rule keeps every
      // initiator. What that page can tell of a blocked frame is less than
      // of a failed fetch: a cross-origin frame fires its load event either
      // way and its document is not readable (timing and frame counting
      // remain: SECURITY.md).
      if (!shape.frame && (app == nullptr || app->domains.empty())) continue;
      const FilterRule rule{{}, cs, person, index, shape.frame ? nullptr : app, shape.frame};
      for_each_word(specs[s].hosts, [&](std::string_view host) {
        if (host.size() > 2 && host.substr(host.size() - 2) == ".*") return;  // every country domain: too many
        endpoint_filter(catalog, shape, host, account, rule, out);
        if (!lowered.handle.empty()) endpoint_filter(catalog, shape, host, lowered, rule, out);
      });
    }
  }
}

// Chrome compiles each regex rule with RE2 within 2 KB: about 105 program
// instructions. This counts instructions the way RE2 spends them (a literal
// or class: one; '?', '*', '+', '|': one; {n}: n copies), a little high, and
// rules over kMaxRegexCost are not emitted: the navigation listeners block
// those pages instead. tests/core/rules_test.cpp checks the estimate
// against RE2 itself.
int regex_cost(std::string_view re) {
  int cost = 0, last_atom = 1;
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '(') {
      if (i + 2 < re.size() && re[i + 1] == '?') i += re[i + 2] == 'i' ? 3 : 2;  // (?: and (?i:
      continue;
    }
    if (c == ')') continue;
    if (c == '?' || c == '*' || c == '+' || c == '|') {
      ++cost;
      continue;
    }
    if (c == '{') {  // {n} repeats the last atom n times
      const auto close = re.find('}', i);
      const int n = std::atoi(std::string(re.substr(i + 1, close - i - 1)).c_str());
      cost += last_atom * (n - 1);
      i = close;
      continue;
    }
    if (c == '[') {
      i = re.find(']', i + 2);
      last_atom = 1;
      ++cost;
      continue;
    }
    if (c == '\\') ++i;
    last_atom = 1;
    ++cost;
  }
  return cost;
}

RuleSet compile_rules(const Blocklist& list, std::size_t max_rules, std::size_t max_filters) {
  const Catalog& catalog = Catalog::get();
  RuleSet set;
  bool full = false;
  for (std::size_t p = 0; p < list.people.size(); ++p) {
    for (std::size_t a = 0; a < list.people[p].accounts.size(); ++a) {
      // The apps' own requests for the account: filter rules, on their own budget.
      const std::size_t before = set.filters.size();
      endpoint_filters(list.people[p].accounts[a], static_cast<int>(p), static_cast<int>(a), set.filters);
      if (set.filters.size() > max_filters) {  // all of the account's, or none
        while (set.filters.size() > before) set.filters.pop_back();
        ++set.filters_skipped;
      }
      if (full) {
        ++set.accounts_skipped;
        continue;
      }
      RuleSet one;
      account_rules(catalog, list.people[p].accounts[a], list.people[p].coparent_channel, static_cast<int>(p),
                    static_cast<int>(a), one);
      if (set.rules.size() + one.rules.size() > max_rules) {
        full = true;
        ++set.accounts_skipped;
        continue;
      }
      for (auto& r : one.rules) set.rules.push_back(std::move(r));
      ++set.accounts_covered;
    }
    for (const std::string& keyword : list.people[p].keywords) {
      if (full) {
        ++set.keywords_skipped;
        continue;
      }
      RuleSet one;
      keyword_rules(catalog, keyword, static_cast<int>(p), false, one);
      if (set.rules.size() + one.rules.size() > max_rules) {
        full = true;
        ++set.keywords_skipped;
        continue;
      }
      for (auto& r : one.rules) set.rules.push_back(std::move(r));
      ++set.keywords_covered;
    }
  }
  // Then the keywords' possessives, in the room left: never in place of an
  // account's or a keyword's own rules.
  for (std::size_t p = 0; p < list.people.size() && !full; ++p) {
    for (const std::string& keyword : list.people[p].keywords) {
      RuleSet one;
      keyword_rules(catalog, keyword, static_cast<int>(p), true, one);
      if (set.rules.size() + one.rules.size() > max_rules) {
        full = true;
        break;
      }
      for (auto& r : one.rules) set.rules.push_back(std::move(r));
    }
  }
  return set;
}

std::vector<std::string> rule_origins(const RuleSet& set) {
  std::vector<std::string> out;
  for (const CompiledRule& r : set.rules)
    if (std::find(out.begin(), out.end(), r.origins) == out.end()) out.push_back(r.origins);
  return out;
}

namespace {

// One rule as chrome.declarativeNetRequest.updateDynamicRules takes it:
// rule `index` of `set`, counting set.rules, then set.filters.
void write_rule(JsonWriter& w, const RuleSet& set, std::size_t index, int id, std::string_view substitution,
                const std::vector<std::string>& withheld) {
  w.begin_object();
  w.key("id").number(id);
  w.key("priority").number(1);
  if (index < set.rules.size()) {
    const CompiledRule& r = set.rules[index];
    w.key("action").begin_object();
    if (blocks_instead(r, withheld)) {
      w.key("type").string("block");
    } else {
      w.key("type").string("redirect");
      w.key("redirect").begin_object().key("regexSubstitution").string(substitution).end_object();
    }
    w.end_object();
    w.key("condition").begin_object();
    w.key("regexFilter").string(r.regex);
    w.key("isUrlFilterCaseSensitive").boolean(r.case_sensitive);
    w.key("resourceTypes").begin_array().string("main_frame").string("sub_frame").end_array();
    w.end_object();
  } else {
    const FilterRule& f = set.filters[index - set.rules.size()];
    w.key("action").begin_object().key("type").string("block").end_object();
    w.key("condition").begin_object();
    w.key("urlFilter").string(f.url_filter);
    w.key("isUrlFilterCaseSensitive").boolean(f.case_sensitive);
    auto words = [&](std::string_view key, std::string_view list) {
      w.key(key).begin_array();
      for_each_word(list, [&](std::string_view word) { w.string(word); });
      w.end_array();
    };
    words("resourceTypes", f.frame ? "sub_frame" : kEndpointResourceTypes);
    if (f.app != nullptr) {  // none: every page
      w.key("initiatorDomains").begin_array();
      for (std::string_view list : {f.app->domains, f.app->clients})
        for_each_word(list, [&](std::string_view word) { w.string(word); });
      w.end_array();
    }
    w.end_object();
  }
  w.end_object();
}

}  // namespace

// Written straight out (byte for byte what nlohmann's dump() wrote): building
// ~5,000 JSON objects first cost six times compiling them.
std::string rules_json(const RuleSet& set, std::string_view block_page, int first_id,
                       const std::vector<std::string>& withheld) {
  std::vector<int> ids(set.rules.size() + set.filters.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = first_id + static_cast<int>(i);
  return rules_json(set, block_page, ids, withheld);
}

std::string rules_json(const RuleSet& set, std::string_view block_page, const std::vector<int>& ids,
                       const std::vector<std::string>& withheld) {
  JsonWriter w;
  const std::string substitution = std::string(block_page) + "#\\0";
  w.begin_array();
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] > 0) write_rule(w, set, i, ids[i], substitution, withheld);
  w.end_array();
  return w.take();
}

std::string rules_json(const RuleSet& set, std::string_view block_page, const std::vector<int>& ids,
                       const std::vector<std::size_t>& which, const std::vector<std::string>& withheld) {
  JsonWriter w;
  const std::string substitution = std::string(block_page) + "#\\0";
  w.begin_array();
  for (std::size_t i : which)
    if (i < ids.size() && ids[i] > 0) write_rule(w, set, i, ids[i], substitution, withheld);
  w.end_array();
  return w.take();
}

}  // namespace deadbolt
