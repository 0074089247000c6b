#include "deadbolt/verdict_json.h"

namespace deadbolt {

using ojson = nlohmann::ordered_json;

ojson identity_json(const Identity& id) {
  ojson j;
  const bool found = id.found() && id.platform >= 0;
  const auto* p = found ? &Catalog::get().platforms()[static_cast<std::size_t>(id.platform)] : nullptr;
  j["platform"] = p ? ojson(std::string(p->id)) : ojson(nullptr);
  j["platformName"] = p ? ojson(std::string(p->name)) : ojson(nullptr);
  j["handle"] = found && !id.handle.empty() ? ojson(std::string(id.handle)) : ojson(nullptr);
  j["kind"] = id.found() ? ojson(std::string(kind_name(id.attempt()))) : ojson(nullptr);
  return j;
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
  ojson j;
  j["verdict"] = v.block ? "block" : "allow";
  j.update(identity_json(v.identity));
  j["person"] = v.person >= 0 ? ojson(engine.person_name(v.person)) : ojson(nullptr);
  j["personIndex"] = v.person;
  j["address"] = address_key(url);
  // Messages: the channel ("whatsapp"), whether it is a co-parent's open
  // one, and the text the link would have prefilled (for an unsent letter).
  const bool message = v.identity.kind == Kind::message;
  j["channel"] = message ? ojson(std::string(v.identity.channel)) : ojson(nullptr);
  j["coparentChannel"] = v.coparent_channel;
  j["draft"] = message && !v.identity.draft.empty() ? ojson(std::string(v.identity.draft)) : ojson(nullptr);
  return dump_json(j);
}

}  // namespace deadbolt
