#include "deadbolt/decide.h"

#include <cctype>
#include <utility>

#include "deadbolt/contact_address.h"
#include "deadbolt/for_size.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

// Handles shorter than this are not matched as words of a search: "sam" or
// "jo" would block every search that mentions the word.
constexpr std::size_t kMinSearchHandle = 4;
constexpr std::size_t kMaxSearchHandle = 64;
// What people type before a handle in a search: "from:janedoe", "@janedoe".
constexpr std::string_view kHandleWordPrefixes[] = {"from:", "to:", "@"};

// Index keys beside the accounts' own, kept in the one account index so that
// the snapshot carries them: a listed number as written without its country
// code ("phone~5551234567", and after its trunk prefix, "phone~05551234567"),
// and a co-parent's open channel ("coparent~whatsapp~<person>").
constexpr std::string_view kNationalKey = "phone~";
constexpr std::string_view kCoparentKey = "coparent~";

std::string_view bare_handle(std::string_view h) {
  if (!h.empty() && h[0] == '@') h.remove_prefix(1);
  return h;
}

}  // namespace

void Engine::load(Blocklist list) {
  list_ = std::move(list);
  build_index();
}

std::string Engine::account_key(int platform, Capture capture, std::string_view handle) const {
  std::string key;
  if (!append_account_key(Catalog::get(), platform, capture, handle, key)) key.clear();
  return key;
}

void Engine::clear_index() {
  accounts_.clear();
  refs_.clear();
  first_words_.clear();
  keywords_.clear();
  keyword_tails_.clear();
  handle_words_.clear();
  people_names_.clear();
  extra_hosts_.clear();
  identifier_.clear_hosts();
}

void Engine::add_keyword(int person, std::string words) {
  if (words.empty()) return;
  const auto index = static_cast<std::uint32_t>(keywords_.size());
  const std::string_view first = std::string_view(words).substr(0, words.find(' '));
  const std::uint32_t head = first_words_.insert(first, index);
  keywords_.push_back({person, std::move(words), KeyIndex::kMissing});
  keyword_tails_.push_back(index);
  if (head != index) {  // chained behind the entries that share this first word, in list order
    keywords_[keyword_tails_[head]].next = index;
    keyword_tails_[head] = index;
  }
}

void Engine::add_extra_host(std::string host, int site) {
  identifier_.add_host(host, site);
  extra_hosts_.emplace_back(std::move(host), site);
}

void Engine::build_index() {
  const Catalog& catalog = Catalog::get();
  clear_index();
  full_list_ = true;
  std::string lower;
  for (std::size_t p = 0; p < list_.people.size(); ++p) {
    const Person& person = list_.people[p];
    people_names_.push_back(person.name);
    for (std::size_t a = 0; a < person.accounts.size(); ++a) {
      const Account& account = person.accounts[a];
      const auto ref = static_cast<std::uint32_t>(refs_.size());
      refs_.push_back({static_cast<int>(p), static_cast<int>(a)});
      const std::string_view handle = bare_handle(account.handle);
      // A handle may be written as a name in one URL and as an id in another
      // (facebook.com/100012345 and profile.php?id=100012345): index both forms.
      if (account.capture == Capture::federated) {
        key_.clear();
        if (append_account_key(catalog, account.platform, Capture::federated, account.handle, key_))
          accounts_.insert(key_, ref);
        // The account's home instance shows it at /@user: serve that host.
        lower.clear();
        append_ascii_lower(lower, handle.substr(handle.find('@') + 1));
        std::string_view prefix;
        if (catalog.find_site(lower, prefix) < 0)
          for (std::size_t s = 0; s < catalog.sites().size(); ++s)
            if (catalog.sites()[s].platform == account.platform) {
              add_extra_host(lower, static_cast<int>(s));
              break;
            }
      } else {
        key_.clear();
        if (append_account_key(catalog, account.platform, Capture::handle, handle, key_)) accounts_.insert(key_, ref);
        key_.clear();
        if (is_id(handle) && append_account_key(catalog, account.platform, Capture::id, handle, key_))
          accounts_.insert(key_, ref);
      }
      const std::uint8_t flags = catalog.platforms()[static_cast<std::size_t>(account.platform)].flags;
      if (flags & kPhone) {
        key_.clear();
        append_phone_digits(handle, key_);
        const std::string_view national = national_number(key_);
        if (national.size() >= kMinNationalDigits) {
          const std::string digits(national);
          accounts_.insert(std::string(kNationalKey) + digits, ref);
          accounts_.insert(std::string(kNationalKey).append(trunk_prefix(key_)).append(digits), ref);
        }
      }
      if (flags & (kEmail | kPhone)) continue;  // searched for by their own rules, not as words
      lower.clear();
      append_handle_lower(lower, handle);
      if (lower.size() >= kMinSearchHandle) handle_words_.insert(lower, static_cast<std::uint32_t>(p));
    }
    if (!person.coparent_channel.empty()) {
      const auto ref = static_cast<std::uint32_t>(refs_.size());
      refs_.push_back({static_cast<int>(p), -1});
      accounts_.insert(std::string(kCoparentKey) + person.coparent_channel + "~" + std::to_string(p), ref);
    }
    for (const std::string& keyword : person.keywords) {
      std::string words;
      fold_words(keyword, words);
      add_keyword(static_cast<int>(p), std::move(words));
    }
  }
}

int Engine::listed_person(int platform, Capture capture, std::string_view handle) {
  key_.clear();
  if (!append_account_key(Catalog::get(), platform, capture, handle, key_)) return -1;
  const std::uint32_t ref = accounts_.find(key_);
  return ref == KeyIndex::kMissing ? -1 : refs_[ref].person;
}

int Engine::person_of_key(std::string_view key) const {
  const std::uint32_t ref = accounts_.find(key);
  return ref == KeyIndex::kMissing ? -1 : refs_[ref].person;
}

DEADBOLT_FOR_SIZE int Engine::person_for_phone_digits(std::string_view digits, bool plus) {
  if (digits.size() < kMinNationalDigits || digits.size() > kMaxPhoneDigits + 2) return -1;
  std::string_view international = digits;
  if (!plus && international.substr(0, 2) == "00") international.remove_prefix(2);  // international prefix
  key_.assign("phone:");
  key_.append(international.data(), international.size());
  std::uint32_t ref = accounts_.find(key_);
  if (ref == KeyIndex::kMissing && !plus) {
    key_.assign(kNationalKey);
    key_.append(digits.data(), digits.size());
    ref = accounts_.find(key_);
  }
  return ref == KeyIndex::kMissing ? -1 : refs_[ref].person;
}

bool Engine::match_contact_search(std::string_view text) {
  const Catalog& catalog = Catalog::get();
  // Email addresses: any word with an '@' in it, in any case.
  const int email = catalog.email_platform();
  for (std::size_t at = text.find('@'); email >= 0 && at != std::string_view::npos; at = text.find('@', at + 1)) {
    auto address_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             std::string_view(".!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
    };
    std::size_t start = at, end = at + 1;
    while (start > 0 && address_char(text[start - 1])) --start;
    while (end < text.size() && address_char(text[end])) ++end;
    std::string_view address = text.substr(start, end - start);
    while (!address.empty() && (address.back() == '.' || address.back() == '-')) address.remove_suffix(1);
    const int person = listed_person(email, Capture::handle, address);
    if (person >= 0) {
      verdict_.person = person;
      return true;
    }
  }
  const int person = person_in_phone_runs(text);
  if (person < 0) return false;
  verdict_.person = person;
  return true;
}

int Engine::person_in_phone_runs(std::string_view text) {
  // Each run of digits and the separators people write them with ("+1
  // (555) 123-4567", "555.123.4567"), compared whole: as the international
  // number, or as its national number (with or without its trunk prefix),
  // so that a longer or a different number is not mistaken for it.
  if (Catalog::get().phone_platform() < 0) return -1;
  for (std::size_t i = 0; i < text.size();) {
    if (!(text[i] >= '0' && text[i] <= '9') && text[i] != '+' && text[i] != '(') {
      ++i;
      continue;
    }
    std::size_t end = i, scan = i;
    words_.clear();
    bool plus = false;
    while (scan < text.size()) {
      const char c = text[scan];
      if (c >= '0' && c <= '9') {
        words_ += c;
        end = scan + 1;  // the run ends after its last digit
      } else if (c == '+' && words_.empty()) {
        plus = true;
      } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')) {
        break;
      }
      ++scan;
    }
    // A run glued to letters ("abc5551234567") is part of a word, not a number.
    const bool glued = (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) ||
                       (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])));
    const int person = glued ? -1 : person_for_phone_digits(words_, plus);
    if (person >= 0) return person;
    // On after the run's last digit; a run of separators alone is passed
    // whole (from any byte of it, the same scan would find no digit either:
    // stepping one byte would make a page's "((((…" quadratic).
    i = end > i ? end : scan;
  }
  return -1;
}

bool Engine::match_search(std::string_view text) {
  // Name keywords: whole words, in order, anywhere in the folded query.
  words_.clear();
  fold_words(text, words_);
  const std::string_view words = words_;
  for (std::size_t start = 0; start < words.size();) {
    std::size_t end = find_char(words, ' ', start);
    if (end == std::string_view::npos) end = words.size();
    for (std::uint32_t e = first_words_.find(words.substr(start, end - start)); e != KeyIndex::kMissing;
         e = keywords_[e].next) {
      const std::string& kw = keywords_[e].words;
      if (words.compare(start, kw.size(), kw) == 0 &&
          (start + kw.size() == words.size() || words[start + kw.size()] == ' ')) {
        verdict_.person = keywords_[e].person;
        return true;
      }
    }
    start = end + 1;
  }
  // Listed handles typed into a search: "janedoe", "@janedoe", "from:janedoe".
  if (handle_words_.size() == 0) return false;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = start;
    while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != ',' && text[end] != '(' &&
           text[end] != ')')
      ++end;
    std::string_view word = text.substr(start, end - start);
    for (std::string_view p : kHandleWordPrefixes)
      if (istarts_with(word, p)) word.remove_prefix(p.size());
    while (!word.empty() && (word.back() == '.' || word.back() == '!' || word.back() == '?' || word.back() == ':'))
      word.remove_suffix(1);
    if (word.size() >= kMinSearchHandle && word.size() <= kMaxSearchHandle) {
      char lower[kMaxSearchHandle];
      bool ascii = true;
      for (std::size_t i = 0; i < word.size(); ++i) {
        lower[i] = ascii_lower(word[i]);
        ascii &= static_cast<unsigned char>(word[i]) < 0x80;
      }
      std::string_view folded(lower, word.size());
      if (!ascii) {  // "Пандекс" typed for "@пандекс": as the handle was indexed (key_ is free here)
        key_.clear();
        append_handle_lower(key_, word);
        folded = key_;
      }
      const std::uint32_t person = handle_words_.find(folded);
      if (person != KeyIndex::kMissing) {
        verdict_.person = static_cast<int>(person);
        return true;
      }
    }
    start = end + 1;
  }
  return false;
}

DEADBOLT_FOR_SIZE bool Engine::decide_recipients() {
  // "Jane <jane@x.com>, sam@y.com; kim@z.com": blocked when any is listed.
  // Those the person keeps open as a co-parent's channel do not block.
  const std::string_view list = verdict_.identity.handle;
  const int email = Catalog::get().email_platform();
  int open_person = -1;
  for (std::size_t start = 0; start < list.size();) {
    std::size_t end = list.find_first_of(",; \t", start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    start = end + 1;
    if (const auto lt = item.find('<'); lt != std::string_view::npos) {
      item.remove_prefix(lt + 1);
      item = item.substr(0, item.find('>'));
    }
    while (!item.empty() && static_cast<unsigned char>(item.front()) <= 0x20) item.remove_prefix(1);
    while (!item.empty() && static_cast<unsigned char>(item.back()) <= 0x20) item.remove_suffix(1);
    const int person = listed_person(email, Capture::handle, item);
    if (person < 0) continue;
    verdict_.person = person;
    verdict_.identity.handle = item;
    verdict_.identity.capture = Capture::handle;
    apply_coparent();
    if (!verdict_.coparent_channel) return true;
    open_person = person;
  }
  if (open_person >= 0) {  // only a co-parent on their open channel
    verdict_.person = open_person;
    verdict_.coparent_channel = true;
  }
  return false;
}

DEADBOLT_FOR_SIZE bool Engine::coparent_open(int person, std::string_view channel) {
  if (person < 0 || channel.empty()) return false;
  key_.assign(kCoparentKey);
  key_ += channel;
  key_ += '~';
  key_ += std::to_string(person);
  return accounts_.find(key_) != KeyIndex::kMissing;
}

DEADBOLT_FOR_SIZE void Engine::apply_coparent() {
  verdict_.coparent_channel = false;
  if (verdict_.identity.kind != Kind::message || verdict_.person < 0) return;
  key_.assign(kCoparentKey);
  key_ += verdict_.identity.channel;
  key_ += '~';
  key_ += std::to_string(verdict_.person);
  verdict_.coparent_channel = accounts_.find(key_) != KeyIndex::kMissing;
}

const Verdict& Engine::decide(std::string_view url) {
  // Field by field: identify() resets the identity, and a whole new Verdict
  // would be zeroed and copied on every decision.
  verdict_.block = false;
  verdict_.person = -1;
  verdict_.coparent_channel = false;
  if (!identifier_.identify(url, verdict_.identity)) return verdict_;
  const Identity& identity = verdict_.identity;
  if (identity.kind == Kind::search) {
    verdict_.block = match_search(identity.search) || match_contact_search(identity.search);
    return verdict_;
  }
  if (identity.capture == Capture::recipients) {
    verdict_.block = decide_recipients();
    return verdict_;
  }
  key_.clear();
  if (append_account_key(Catalog::get(), identity.platform, identity.capture, identity.handle, key_)) {
    const std::uint32_t ref = accounts_.find(key_);
    if (ref != KeyIndex::kMissing) {
      verdict_.person = refs_[ref].person;
      apply_coparent();
      verdict_.block = !verdict_.coparent_channel;
    }
  }
  return verdict_;
}

std::size_t Engine::index_memory_bytes() const {
  std::size_t bytes = accounts_.memory_bytes() + first_words_.memory_bytes() + handle_words_.memory_bytes();
  bytes += refs_.capacity() * sizeof(AccountRef) + keywords_.capacity() * sizeof(KeywordEntry);
  bytes += incoming_.capacity() * sizeof(std::uint64_t);
  return bytes;
}

}  // namespace deadbolt
