#include "deadbolt/blocklist_json.h"

#include <cmath>
#include <cstdint>

#include "deadbolt/contact_address.h"
#include "deadbolt/decide.h"
#include "deadbolt/json_writer.h"
#include "deadbolt/profile_input.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

using json = nlohmann::ordered_json;

// A DOM-building SAX handler that refuses deep nesting (a hostile import
// must not exhaust the stack) and keeps the parser's error message.
class BoundedDomParser : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  explicit BoundedDomParser(json& result) : json_sax_dom_parser(result, false) {}
  bool start_object(std::size_t n) { return ++depth_ <= kMaxJsonDepth && json_sax_dom_parser::start_object(n); }
  bool start_array(std::size_t n) { return ++depth_ <= kMaxJsonDepth && json_sax_dom_parser::start_array(n); }
  bool end_object() {
    --depth_;
    return json_sax_dom_parser::end_object();
  }
  bool end_array() {
    --depth_;
    return json_sax_dom_parser::end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const Exception& ex) {
    error_position_ = position;
    error_ = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: …"
    // -> "line 1, column 2: …": the library's tag means nothing to a person.
    const auto at = error_.find(" at line ");
    if (at != std::string::npos) error_.erase(0, at + 4);
    return false;
  }
  int depth() const { return depth_; }
  std::size_t error_position() const { return error_position_; }
  const std::string& error() const { return error_; }

 private:
  int depth_ = 0;
  std::size_t error_position_ = 0;
  std::string error_;
};

std::string in_quotes(std::string_view s) {
  std::string out = "\"";
  for (char c : s.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (s.size() > 80) out += "…";
  out += '"';
  return out;
}

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true or false";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

// Validation state: the path being looked at, and the first error.
struct Validator {
  const Catalog& catalog;
  Identifier& identifier;
  BlocklistError& error;

  bool fail(const std::string& path, std::string message) {
    error.path = path;
    error.message = std::move(message);
    return false;
  }

  // A string member; `required` decides whether absence is an error.
  bool string_field(const json& obj, const char* key, const std::string& path, bool required, std::string& out) {
    const auto it = obj.find(key);
    if (it == obj.end()) return required ? fail(path, std::string("missing \"") + key + "\"") : true;
    if (!it->is_string()) return fail(path + "." + key, std::string("must be a string, not ") + type_name(*it));
    out = it->get_ref<const std::string&>();
    return true;
  }

  bool account(const json& obj, const std::string& path, Account& out) {
    if (!obj.is_object()) return fail(path, std::string("must be an object, not ") + type_name(obj));
    std::string platform_id, handle, url;
    if (!string_field(obj, "platform", path, false, platform_id)) return false;
    if (!string_field(obj, "handle", path, false, handle)) return false;
    if (!string_field(obj, "url", path, false, url)) return false;
    out.source = obj;
    if (!platform_id.empty() || !handle.empty()) {
      if (platform_id.empty()) return fail(path, "missing \"platform\" (or give the profile's \"url\")");
      if (handle.empty()) return fail(path, "missing \"handle\" (or give the profile's \"url\")");
      std::string id;
      append_ascii_lower(id, trim(platform_id));
      if (id == "twitter") id = "x";
      out.platform = catalog.platform_index(id);
      if (out.platform < 0 || (catalog.platforms()[static_cast<std::size_t>(out.platform)].flags & kSearchEngine))
        return fail(path + ".platform", "unknown platform " + in_quotes(platform_id));
      return handle_field(trim(handle), path + ".handle", out);
    }
    if (url.empty()) return fail(path, "needs \"platform\" and \"handle\", or \"url\"");
    Identity identity;
    if (!identifier.identify(url, identity) || identity.kind == Kind::search)
      return fail(path + ".url", in_quotes(url) + " is not a profile Deadbolt recognises");
    out.platform = identity.platform;
    out.capture = identity.capture;
    out.handle.assign(identity.handle.data(), identity.handle.size());
    return true;
  }

  bool handle_field(std::string_view handle, const std::string& path, Account& out) {
    if (normalise_handle(catalog, out.platform, handle, out.capture, out.handle)) return true;
    const std::uint8_t flags = catalog.platforms()[static_cast<std::size_t>(out.platform)].flags;
    if (flags & kEmail) return fail(path, in_quotes(handle) + " is not an email address: " + email_problem(handle));
    if (flags & kPhone) return fail(path, in_quotes(handle) + " is not a phone number: " + phone_problem(handle));
    const bool federated = catalog.platforms()[static_cast<std::size_t>(out.platform)].flags & kFederated;
    return fail(path, in_quotes(handle) + (federated ? " is not valid: " : " is not a valid handle: ") +
                          describe_handle_rule(catalog, out.platform));
  }

  // An optional array of strings, each with letters or digits to match
  // (name keywords, the names a person is saved under).
  bool word_list(const json& obj, const char* key, const std::string& path, std::vector<std::string>& out) {
    const auto it = obj.find(key);
    if (it == obj.end()) return true;
    const std::string list_path = path + "." + key;
    if (!it->is_array()) return fail(list_path, std::string("must be an array, not ") + type_name(*it));
    std::string folded;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& word = (*it)[i];
      const std::string word_path = list_path + "[" + std::to_string(i) + "]";
      if (!word.is_string()) return fail(word_path, std::string("must be a string, not ") + type_name(word));
      folded.clear();
      fold_words(word.get_ref<const std::string&>(), folded);
      if (folded.empty()) return fail(word_path, "has no letters or digits to match");
      out.push_back(word.get<std::string>());
    }
    return true;
  }

  bool person(const json& obj, const std::string& path, Person& out) {
    if (!obj.is_object()) return fail(path, std::string("must be an object, not ") + type_name(obj));
    if (!string_field(obj, "name", path, true, out.name)) return false;
    if (trim(out.name).empty()) return fail(path + ".name", "must not be empty");
    out.source = obj;
    if (!word_list(obj, "keywords", path, out.keywords)) return false;
    // "names": how the person is saved in the user's phone or inboxes
    // ("Janey", "J ❤️"), matched whole in inbox rows (inbox.h). Optional.
    if (!word_list(obj, "names", path, out.names)) return false;
    if (const auto it = obj.find("coparent"); it != obj.end()) {
      // {"channel": id}; other members of the object are kept like any unknown field.
      if (!it->is_object()) return fail(path + ".coparent", std::string("must be an object, not ") + type_name(*it));
      std::string channel;
      if (!string_field(*it, "channel", path + ".coparent", true, channel)) return false;
      if (!is_coparent_channel(channel))
        return fail(path + ".coparent.channel",
                    "unknown channel " + in_quotes(channel) +
                        " (one of email, whatsapp, messenger, instagram, telegram, linkedin)");
      out.coparent_channel = channel;
    }
    if (const auto it = obj.find("accounts"); it != obj.end()) {
      if (!it->is_array()) return fail(path + ".accounts", std::string("must be an array, not ") + type_name(*it));
      out.accounts.resize(it->size());
      for (std::size_t i = 0; i < it->size(); ++i)
        if (!account((*it)[i], path + ".accounts[" + std::to_string(i) + "]", out.accounts[i])) return false;
    }
    return true;
  }
};

}  // namespace

const json* source_json(const KeptSource& source) { return std::any_cast<json>(&source); }

json& source_json(KeptSource& source) {
  if (json* kept = std::any_cast<json>(&source)) return *kept;
  return source.emplace<json>(json::object());
}

bool parse_json(std::string_view text, json& out, std::string& error) {
  json root;
  BoundedDomParser parser(root);
  const bool ok = json::sax_parse(text.begin(), text.end(), &parser);
  if (!ok) {
    if (parser.depth() > kMaxJsonDepth) error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    else if (!parser.error().empty())
      error = "not valid JSON (byte " + std::to_string(parser.error_position()) + ", " + parser.error() + ")";
    else error = "not valid JSON";
    return false;
  }
  out = std::move(root);
  return true;
}

bool parse_blocklist(std::string_view text, Identifier& identifier, Blocklist& out, BlocklistError& error) {
  error = {};
  if (text.size() > kMaxBlocklistBytes)
    return error.message = "larger than " + std::to_string(kMaxBlocklistBytes / (1024 * 1024)) +
                           " MiB: not a Deadbolt blocklist",
           false;
  json root;
  if (!parse_json(text, root, error.message)) return false;
  Validator v{Catalog::get(), identifier, error};
  if (!root.is_object()) return v.fail("$", std::string("must be an object, not ") + type_name(root));
  const auto version = root.find("version");
  if (version == root.end()) return v.fail("$", "missing \"version\" (this Deadbolt reads version 1)");
  if (!version->is_number_integer() || version->get<long long>() != 1)
    return v.fail("$.version", "unsupported version " + dump_json(*version) + " (this Deadbolt reads version 1)");
  const auto people = root.find("people");
  if (people == root.end()) return v.fail("$", "missing \"people\"");
  if (!people->is_array()) return v.fail("$.people", std::string("must be an array, not ") + type_name(*people));
  Blocklist list;
  list.people.resize(people->size());
  for (std::size_t i = 0; i < people->size(); ++i)
    if (!v.person((*people)[i], "$.people[" + std::to_string(i) + "]", list.people[i])) return false;
  root.erase("people");
  list.source = std::move(root);
  out = std::move(list);
  return true;
}

std::string serialize_blocklist(const Blocklist& list, int indent) {
  const json* kept = source_json(list.source);
  json root = kept && kept->is_object() ? *kept : json::object();
  root["version"] = 1;
  json people = json::array();
  for (const Person& p : list.people) {
    const json* kept_person = source_json(p.source);
    json person = kept_person && kept_person->is_object() ? *kept_person : json::object();
    person["name"] = p.name;
    if (!p.keywords.empty() || person.contains("keywords")) person["keywords"] = p.keywords;
    if (!p.names.empty() || person.contains("names")) person["names"] = p.names;
    // The open channel as it is now (an edit may have opened or closed it);
    // other members of "coparent" survive while it stays.
    if (p.coparent_channel.empty()) {
      person.erase("coparent");
    } else {
      if (!person["coparent"].is_object()) person["coparent"] = json::object();
      person["coparent"]["channel"] = p.coparent_channel;
    }
    json accounts = json::array();
    for (const Account& a : p.accounts) {
      const json* kept_account = source_json(a.source);
      json account = kept_account && kept_account->is_object() ? *kept_account : json::object();
      if (!account.contains("url")) {
        account["platform"] = Catalog::get().platforms()[static_cast<std::size_t>(a.platform)].id;
        account["handle"] = a.handle;
      }
      accounts.push_back(std::move(account));
    }
    person["accounts"] = std::move(accounts);
    people.push_back(std::move(person));
  }
  root["people"] = std::move(people);
  return dump_json(root, indent);
}

// Defined here, not in decide.cpp: loading from JSON is the lists library's;
// the decider loads snapshots only.
bool Engine::load(std::string_view text, BlocklistError& error) {
  Blocklist list;
  if (!parse_blocklist(text, identifier_, list, error)) return false;
  load(std::move(list));
  return true;
}

namespace {

// What nlohmann's dump(indent, ' ', false, replace) writes, byte for byte
// (tests/core/json_writer_test.cpp), with the strings escaped by
// append_json_string: nlohmann's own serializer brings printf into the
// wasm for one "\\u%04x", and the list core has a size budget.
template <typename Json>
class Dumper {
 public:
  Dumper(std::string& out, int indent) : out_(out), indent_(indent) {}

  void value(const Json& v, int depth) {
    switch (v.type()) {
      case nlohmann::detail::value_t::object:
        container(v, depth, '{', '}', [&](auto it) {
          append_json_string(out_, it.key());
          out_ += indent_ >= 0 ? ": " : ":";
        });
        return;
      case nlohmann::detail::value_t::array: container(v, depth, '[', ']', [](auto) {}); return;
      case nlohmann::detail::value_t::string:
        append_json_string(out_, v.template get_ref<const typename Json::string_t&>());
        return;
      case nlohmann::detail::value_t::boolean: out_ += v.template get<bool>() ? "true" : "false"; return;
      case nlohmann::detail::value_t::number_integer: out_ += std::to_string(v.template get<std::int64_t>()); return;
      case nlohmann::detail::value_t::number_unsigned: out_ += std::to_string(v.template get<std::uint64_t>()); return;
      case nlohmann::detail::value_t::number_float: {
        const double x = v.template get<double>();
        if (!std::isfinite(x)) {
          out_ += "null";  // as nlohmann: JSON has no NaN or infinity
          return;
        }
        char digits[64];
        out_.append(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, x));
        return;
      }
      case nlohmann::detail::value_t::discarded: out_ += "<discarded>"; return;
      case nlohmann::detail::value_t::binary:  // never parsed from JSON text
      case nlohmann::detail::value_t::null: out_ += "null"; return;
    }
  }

 private:
  template <typename Before>
  void container(const Json& v, int depth, char open, char close, Before before) {
    out_ += open;
    if (v.empty()) {
      out_ += close;
      return;
    }
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) out_ += ',';
      first = false;
      newline(depth + 1);
      before(it);
      value(*it, depth + 1);
    }
    newline(depth);
    out_ += close;
  }

  void newline(int depth) {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent_) * static_cast<std::size_t>(depth), ' ');
  }

  std::string& out_;
  const int indent_;
};

template <typename Json>
std::string dump(const Json& value, int indent) {
  std::string out;
  Dumper<Json>(out, indent).value(value, 0);
  return out;
}

}  // namespace

std::string dump_json(const nlohmann::json& value, int indent) { return dump(value, indent); }
std::string dump_json(const nlohmann::ordered_json& value, int indent) { return dump(value, indent); }

}  // namespace deadbolt
