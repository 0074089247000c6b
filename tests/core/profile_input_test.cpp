// "Add a profile": a pasted link or a typed handle, read back before saving.
#include <gtest/gtest.h>

#include "deadbolt/profile_input.h"

namespace deadbolt {
namespace {

std::string read(const std::string& text, const std::string& platform = "") {
  Identifier identifier;
  const ProfileInput in = read_profile_input(identifier, text, platform);
  if (!in.ok()) return "error: " + in.error;
  return std::string(Catalog::get().platforms()[in.platform].id) + " " + in.handle;
}

TEST(ProfileInput, LinksAreReadBack) {
  EXPECT_EQ(read("https://www.instagram.com/janedoe/"), "instagram janedoe");
  EXPECT_EQ(read("  instagram.com/janedoe  "), "instagram janedoe");
  EXPECT_EQ(read("www.tiktok.com/@jane.doe/video/1"), "tiktok jane.doe");
  EXPECT_EQ(read("https://l.facebook.com/l.php?u=https%3A%2F%2Fx.com%2Fjanedoe_x"), "x janedoe_x");
  EXPECT_EQ(read("https://www.facebook.com/profile.php?id=100012345678901"), "facebook 100012345678901");
  EXPECT_EQ(read("https://mastodon.social/@jane@example.town"), "mastodon @jane@example.town");
}

TEST(ProfileInput, HandlesNeedTheirPlatform) {
  EXPECT_EQ(read("@janedoe", "instagram"), "instagram janedoe");
  EXPECT_EQ(read("jane.doe.77", "facebook"), "facebook jane.doe.77");
  EXPECT_EQ(read("@jane@example.town"), "mastodon @jane@example.town") << "a fediverse handle names its platform";
  EXPECT_EQ(read("UCddiUEpeqJcYeBxX1IVBKvQ", "youtube"), "youtube UCddiUEpeqJcYeBxX1IVBKvQ");
  EXPECT_EQ(read("janedoe"), "error: Pick the platform for this handle.");
  EXPECT_EQ(read("jane doe", "instagram"),
            "error: That isn't a handle: Instagram handles use letters, digits, '.', '_'; 1 to 30 characters.");
  EXPECT_EQ(read("jane", "stackoverflow"), "error: That isn't a handle: Stack Overflow accounts are numbers.");
  EXPECT_EQ(read("jane", "myspace"), "error: Deadbolt doesn't know that platform.");
  EXPECT_EQ(read("jane", "google"), "error: Deadbolt doesn't know that platform.");
  EXPECT_EQ(read("   "), "error: Paste a link to their profile, or pick the platform and type their handle.");
}

TEST(ProfileInput, LinksThatAreNotProfiles) {
  EXPECT_EQ(read("https://www.instagram.com/explore/"),
            "error: That link isn't a profile Deadbolt recognises. Pick the platform and type their handle instead.");
  EXPECT_EQ(read("https://www.google.com/search?q=jane").substr(0, 6), "error:");
  EXPECT_EQ(read(std::string(5000, 'a') + "/x").substr(0, 6), "error:");
}

}  // namespace
}  // namespace deadbolt
