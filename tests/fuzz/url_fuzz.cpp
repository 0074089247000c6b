// libFuzzer: the URL parser on any bytes. It must not crash, read out of
// bounds or hang, and what it accepts must parse again to the same thing.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "deadbolt/url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  deadbolt::UrlParser parser, again;
  deadbolt::Url url, url2;
  if (!parser.parse(input, url)) return 0;
  // The serialised form is a fixed point: parsing it gives it back.
  std::string href = std::string(url.scheme) + "://" + std::string(url.host) + std::string(url.path);
  if (url.has_query) href += "?" + std::string(url.query);
  if (!again.parse(href, url2) || url2.host != url.host || url2.path != url.path || url2.query != url.query)
    std::abort();
  return 0;
}
