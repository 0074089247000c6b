// The fediverse instances a person reads on (instances.h): what they type is
// read into a host, catalogued hosts are told apart, and pages on an added
// instance are read with the Mastodon web UI's markup, where a listed
// account is recognised in its links and its "@acct" line, on its home
// instance and viewed through another.
#include <gtest/gtest.h>

#include "deadbolt/instances.h"
#include "deadbolt/items.h"

namespace {

TEST(Instances, ReadsWhatThePersonTypes) {
  EXPECT_EQ(deadbolt::read_instance("social.example").host, "social.example");
  EXPECT_EQ(deadbolt::read_instance("  https://Social.Example:8443/home ").host, "social.example");
  EXPECT_EQ(deadbolt::read_instance("@me@social.example").host, "social.example");
  EXPECT_EQ(deadbolt::read_instance("social.example.").host, "social.example");
  for (const char* bad : {"", "nonsense", "1.2.3.4", "a b.example", "@me", "ftp://social.example/", "[::1]"}) {
    const auto read = deadbolt::read_instance(bad);
    EXPECT_TRUE(read.host.empty()) << bad;
    EXPECT_EQ(read.error, "not-a-host") << bad;
  }
  EXPECT_EQ(deadbolt::read_instance("mastodon.social").error, "covered");
  EXPECT_EQ(deadbolt::read_instance("https://www.instagram.com/").error, "other-platform");
}

TEST(Instances, ListedHostsOnly) {
  EXPECT_TRUE(deadbolt::instance_listed("social.example", "other.example\nsocial.example"));
  EXPECT_TRUE(deadbolt::instance_listed("social.example", "Social.Example"));
  EXPECT_FALSE(deadbolt::instance_listed("evil-social.example", "social.example"));
  EXPECT_FALSE(deadbolt::instance_listed("a.social.example", "social.example"));
  EXPECT_FALSE(deadbolt::instance_listed("social.example", ""));
}

TEST(Instances, AnAddedInstanceGetsTheWebUiMarkup) {
  EXPECT_EQ(deadbolt::feed_markup_for_page("social.example", ""), nullptr);
  const auto* markup = deadbolt::feed_markup_for_page("social.example", "social.example");
  ASSERT_NE(markup, nullptr);
  EXPECT_EQ(markup->platform, deadbolt::instance_platform());
  // The catalog's own hosts keep their own markup.
  EXPECT_EQ(deadbolt::feed_markup_for_page("www.instagram.com", "www.instagram.com")->platform, "instagram");
}

class InstanceItems : public ::testing::Test {
 protected:
  void SetUp() override {
    deadbolt::BlocklistError error;
    ASSERT_TRUE(engine.load(R"({"version":1,"people":[{"name":"Jane","accounts":[
      {"platform":"mastodon","handle":"@jane@other.example"},
      {"platform":"mastodon","handle":"@bob@social.example"}]}]})",
                            error))
        << error.to_string();
    decider.refresh();
    decider.set_instances("social.example");
  }
  bool link(std::string_view href) {
    decider.begin("https://social.example/home");
    decider.link(href, true);
    return decider.verdict().hide;
  }
  bool account_line(std::string_view text) {
    decider.begin("https://social.example/home");
    decider.attribute("#text", text);
    return decider.verdict().hide;
  }
  deadbolt::Engine engine;
  deadbolt::ItemDecider decider{engine};
};

TEST_F(InstanceItems, AListedAccountOnANonCataloguedInstance) {
  // Mastodon's own links: "/@acct" (acct "user@host" for remote accounts),
  // the account's URL on its home instance, and mentions.
  EXPECT_TRUE(link("/@jane@other.example"));
  EXPECT_TRUE(link("/@jane@other.example/113456789"));
  EXPECT_TRUE(link("https://other.example/@jane"));
  EXPECT_TRUE(link("https://social.example/@jane@other.example"));
  EXPECT_TRUE(link("/@bob"));    // a local account of the instance, listed as @bob@social.example
  EXPECT_FALSE(link("/@jane"));  // another jane: social.example's own
  EXPECT_FALSE(link("/@friend@other.example"));
  EXPECT_FALSE(link("https://third.example/@jane"));
  // ".display-name__account" reads "@acct".
  EXPECT_TRUE(account_line(" @jane@other.example "));
  EXPECT_TRUE(account_line("@bob"));
  EXPECT_FALSE(account_line("@jane"));
  EXPECT_FALSE(account_line("jane@other.example"));  // not the account line's form
}

}  // namespace
