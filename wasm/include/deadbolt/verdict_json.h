// A verdict as the shell reads it, in JSON: the one description of a verdict
// that both WebAssembly builds (the embind API and the decider's C exports)
// hand to JavaScript. Written with JsonWriter: the decider has no JSON library.
#pragma once

#include <string>
#include <string_view>

#include "deadbolt/decide.h"

namespace deadbolt {

// {platform, platformName, handle, kind}: what a URL shows, listed or not.
std::string identity_json(const Identity& id);

// The address a URL names as the core reads it: host, path and query, no
// scheme, port or fragment (equal addresses, same page); the URL itself when
// it is not one.
std::string address_key(std::string_view url);

// {verdict, platform, platformName, handle, kind, person, personIndex,
// address, channel, coparentChannel, draft} for `verdict`, which `engine` made for `url`.
std::string verdict_json(const Engine& engine, const Verdict& verdict, std::string_view url);

}  // namespace deadbolt
