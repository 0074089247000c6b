// The peer suite: 341 URL cases from three open-source profile-URL parsers
// (tests/data/peer-profile-urls.tsv). Deadbolt must agree with at
// least 90% of them, and every disagreement must be listed, with its reason,
// in tests/data/peer-disagreements.tsv — no more, no fewer.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "deadbolt/identity.h"
#include "test_support.h"

namespace deadbolt {
namespace {

struct Row {
  std::string url, platform, handle;
};

std::string our_platform_id(const std::string& peer) {
  if (peer == "dev_to") return "devto";
  if (peer == "lemmy_world") return "lemmy";
  return peer;
}

// Does Deadbolt's reading of `url` agree with the peer's expectation?
bool agrees(Identifier& identifier, const Row& row, std::string& ours) {
  const Catalog& catalog = Catalog::get();
  Identity id;
  const bool found = identifier.identify(row.url, id) && !id.handle.empty();
  ours = found ? std::string(catalog.platforms()[static_cast<std::size_t>(id.platform)].id) + " " +
                     std::string(id.handle) + " " + std::string(kind_name(id.kind))
               : "-";
  if (row.handle == "-") return !found;
  if (!found) return false;
  const int platform = catalog.platform_index(our_platform_id(row.platform));
  if (platform != id.platform) return false;
  std::string peer_handle = row.handle;
  if (catalog.platforms()[static_cast<std::size_t>(platform)].flags & kFederated) {
    // The peer names the bare user; the account is user@instance.
    std::string host = row.url.substr(row.url.find("//") + 2);
    host = host.substr(0, host.find('/'));
    if (host.rfind("www.", 0) == 0) host = host.substr(4);
    peer_handle = "@" + peer_handle + "@" + host;
  }
  std::string a, b;
  return append_account_key(catalog, platform, id.capture, id.handle, a) &&
         append_account_key(catalog, platform, id.capture, peer_handle, b) && a == b;
}

TEST(PeerSuite, AgreesWithNinetyPercentAndListsEveryDisagreement) {
  const auto rows = test::read_tsv(test::test_data("peer-profile-urls.tsv"));
  ASSERT_GE(rows.size(), 300u) << "missing tests/data/peer-profile-urls.tsv";
  std::map<std::pair<std::string, std::string>, std::string> listed;
  for (const auto& cols : test::read_tsv(test::test_data("peer-disagreements.tsv"))) {
    ASSERT_GE(cols.size(), 3u) << "peer-disagreements.tsv rows are: url, platform, reason";
    EXPECT_FALSE(cols[2].empty()) << "no reason given for " << cols[0];
    listed[{cols[0], cols[1]}] = cols[2];
  }
  Identifier identifier;
  int agree = 0;
  std::set<std::pair<std::string, std::string>> disagreements;
  for (const auto& cols : rows) {
    ASSERT_GE(cols.size(), 3u);
    const Row row{cols[0], cols[1], cols[2]};
    std::string ours;
    if (agrees(identifier, row, ours)) {
      ++agree;
      EXPECT_EQ(listed.count({row.url, row.platform}), 0u)
          << "listed as a disagreement but agrees: " << row.url << " (" << row.platform << ")";
    } else {
      disagreements.insert({row.url, row.platform});
      EXPECT_EQ(listed.count({row.url, row.platform}), 1u)
          << "unlisted disagreement: " << row.url << "\t" << row.platform << "\tpeer: " << row.handle
          << "\tdeadbolt: " << ours;
    }
  }
  for (const auto& [key, reason] : listed)
    EXPECT_EQ(disagreements.count(key), 1u) << "listed disagreement not in the suite: " << key.first;
  const double rate = 100.0 * agree / static_cast<double>(rows.size());
  std::printf("[ PEER ] agreement: %d of %zu rows (%.1f%%), %zu disagreements listed\n", agree, rows.size(), rate,
              disagreements.size());
  EXPECT_GE(rate, 90.0);
}

}  // namespace
}  // namespace deadbolt
