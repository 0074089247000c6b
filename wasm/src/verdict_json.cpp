#include "deadbolt/verdict_json.h"

#include "deadbolt/json_writer.h"

namespace deadbolt {

namespace {

// The fields of identity_json, into an object `w` has open.
void write_identity(JsonWriter& w, const Identity& id) {
  const bool found = id.found() && id.platform >= 0;
  const auto* p = found ? &Catalog::get().platforms()[static_cast<std::size_t>(id.platform)] : nullptr;
  w.key("platform");
  p ? w.string(p->id) : w.null();
  w.key("platformName");
  p ? w.string(p->name) : w.null();
  w.key("handle").string_or_null(found ? id.handle : std::string_view());
  w.key("kind");
  id.found() ? w.string(kind_name(id.attempt())) : w.null();
}

}  // namespace

std::string identity_json(const Identity& id) {
  JsonWriter w;
  w.begin_object();
  write_identity(w, id);
  w.end_object();
  return w.take();
}

std::string address_key(std::string_view url) {
  UrlParser parser;
  Url parsed;
  if (!parser.parse(url, parsed)) return std::string(url);
  std::string address(parsed.host);
  address += parsed.path;
  if (parsed.has_query) address.append("?").append(parsed.query);
  return address;
}

std::string verdict_json(const Engine& engine, const Verdict& v, std::string_view url) {
  JsonWriter w;
  w.begin_object();
  w.key("verdict").string(v.block ? "block" : "allow");
  write_identity(w, v.identity);
  w.key("person");
  v.person >= 0 ? w.string(engine.person_name(v.person)) : w.null();
  w.key("personIndex").number(v.person);
  w.key("address").string(address_key(url));
  // Messages: the channel ("whatsapp"), whether it is a co-parent's open
  // one, and the text the link would have prefilled (for an unsent letter).
  const bool message = v.identity.kind == Kind::message;
  w.key("channel").string_or_null(message ? v.identity.channel : std::string_view());
  w.key("coparentChannel").boolean(v.coparent_channel);
  w.key("draft").string_or_null(message ? v.identity.draft : std::string_view());
  w.end_object();
  return w.take();
}

}  // namespace deadbolt
