// The platform catalog: every platform Deadbolt knows and every URL shape
// that shows one of its accounts. Data only; catalog.cpp compiles it.
//
// Platforms: id, display name, characters allowed in a handle besides ASCII
// letters and digits, minimum and maximum length, flags.
//
// Sites: a family of hosts that share URL shapes.
//   hosts     registrable domains; "name.*" matches every country domain
//             (google.de, google.co.uk, google.com.br).
//   prefixes  subdomain labels allowed before a host ("" always is);
//             {cc} = any two letters, {locale} = xx-xx, * = any one label.
//   reserved  words that are never handles on this site (compared in lower case).
//   shapes    "kind:pattern", tried in order, first match wins. A pattern is
//             path segments, then optionally "?name=capture" or "?name|name":
//               literal   a word, or words separated by '|'; case-insensitive
//               {h} @{h} {@h}  a handle; '@' required / optional
//               {id}      a case-sensitive id;  {n}  a number
//               @{fed} {fed}   a federated handle: user or user@instance
//               {any}     any one segment;  *  any further segments
//               {url}     the rest of the URL is a wrapped URL
//               {url1}    this segment alone, percent-decoded, is a wrapped URL
//               {b64url}  this segment alone, base64url-decoded (RFC 4648 §5,
//                         '+' '/' and padding accepted too), is a wrapped URL
//               {q}       this segment is search text
//             {url}, {url1} and {b64url} may follow a literal prefix within
//             the segment ("RU={url1}"), and {url1} / {b64url} may capture a
//             parameter ("?u=a1{b64url}"). A "*" before further segments
//             skips any number of segments ("/*/RU={url1}").
//             For search, redirect, archive and proxy shapes, "?a|b" names the
//             parameter that holds the search text or the wrapped URL; "?*"
//             means the whole query is the wrapped URL. Kind "none" marks a
//             shape that is known not to name anyone.
//             Messages: kind "message.<channel>" (the channel a co-parent may
//             keep open); {phone} a phone number and {to} a list of email
//             addresses (every parameter named, ',' or ';' between addresses)
//             are accounts of the `phone` and `email` platforms on any site;
//             {mailto} is a mailto: URL (RFC 6068); "&a|b={draft}" after the
//             first parameter names where the message's text is ("?&text={draft}"
//             when there is no first); "#@{h}" captures from the fragment.
#include "deadbolt/catalog.h"

namespace deadbolt {

const std::vector<PlatformSpec>& platform_table() {
  static const std::vector<PlatformSpec> table = {
      {"instagram", "Instagram", "._", 1, 30, 0},
      {"facebook", "Facebook", "._-", 1, 80, kIgnoreDots},
      {"x", "X", "_", 1, 15, 0},
      {"tiktok", "TikTok", "._", 2, 24, 0},
      {"snapchat", "Snapchat", "._-", 3, 15, 0},
      {"linkedin", "LinkedIn", "-_", 3, 100, kUnicode},
      // Handles in the letters of 75 languages since 2024, besides '.', '_',
      // '-' and the Latin middle dot (YouTube Help, "Handle overview",
      // support.google.com/youtube/answer/11585688, read 2026-12-06; YouTube
      // blog, "Getting a handle on international Handles", 2024-09-12).
      {"youtube", "YouTube", "._-", 1, 100, kUnicode},
      {"threads", "Threads", "._", 1, 30, 0},
      {"bluesky", "Bluesky", ".-:", 3, 253, 0},
      {"reddit", "Reddit", "_-", 3, 20, 0},
      {"pinterest", "Pinterest", "_", 3, 30, 0},
      {"tumblr", "Tumblr", "-", 1, 32, 0},
      {"mastodon", "Mastodon", "._-", 1, 255, kFederated},
      {"twitch", "Twitch", "_", 3, 25, 0},
      {"strava", "Strava", "-_", 1, 40, 0},
      {"venmo", "Venmo", "-_", 5, 30, 0},
      {"spotify", "Spotify", "._-", 1, 64, kCaseSensitive},
      {"vsco", "VSCO", "-_", 1, 30, 0},
      {"telegram", "Telegram", "_", 4, 32, 0},
      {"linktree", "Linktree", "._", 1, 30, 0},
      {"github", "GitHub", "-_", 1, 39, 0},
      {"soundcloud", "SoundCloud", "-_", 1, 50, 0},
      {"medium", "Medium", "._-", 1, 50, 0},
      {"substack", "Substack", "-_", 1, 63, 0},
      // Beyond DESIGN.md's list: platforms the peer suites cover, and a few
      // more that people watch each other on.
      {"behance", "Behance", "-_", 3, 40, 0},
      {"devto", "DEV", "_", 2, 30, 0},
      {"dribbble", "Dribbble", "-_", 2, 40, 0},
      {"exercism", "Exercism", "-_", 1, 40, 0},
      {"keybase", "Keybase", "_", 2, 16, 0},
      {"patreon", "Patreon", "-_", 1, 64, 0},
      {"vk", "VK", "._", 1, 32, 0},
      {"stackoverflow", "Stack Overflow", "", 1, 12, kNumeric},
      {"lemmy", "Lemmy", "._-", 1, 255, kFederated},
      {"letterboxd", "Letterboxd", "_", 2, 15, 0},
      {"onlyfans", "OnlyFans", "._-", 1, 40, 0},
      // Contact details as accounts (contact_address.cpp checks and folds them).
      {"email", "Email", "", 3, 254, kEmail},
      {"phone", "Phone", "", 7, 40, kPhone},
      // Web search engines: no accounts, only searches for a name.
      {"google", "Google", "", 1, 1, kSearchEngine},
      {"bing", "Bing", "", 1, 1, kSearchEngine},
      {"duckduckgo", "DuckDuckGo", "", 1, 1, kSearchEngine},
      {"yahoo", "Yahoo", "", 1, 1, kSearchEngine},
      {"yandex", "Yandex", "", 1, 1, kSearchEngine},
      {"brave", "Brave Search", "", 1, 1, kSearchEngine},
      {"ecosia", "Ecosia", "", 1, 1, kSearchEngine},
      {"startpage", "Startpage", "", 1, 1, kSearchEngine},
      {"qwant", "Qwant", "", 1, 1, kSearchEngine},
      {"baidu", "Baidu", "", 1, 1, kSearchEngine},
      // More engines people search with, by usage share (StatCounter's
      // regional tables) and as Matomo's referrer list names them.
      {"kagi", "Kagi", "", 1, 1, kSearchEngine},
      {"aol", "AOL Search", "", 1, 1, kSearchEngine},
      {"naver", "Naver", "", 1, 1, kSearchEngine},
      {"seznam", "Seznam", "", 1, 1, kSearchEngine},
      {"yahoojapan", "Yahoo! JAPAN", "", 1, 1, kSearchEngine},
      {"daum", "Daum", "", 1, 1, kSearchEngine},
      {"sogou", "Sogou", "", 1, 1, kSearchEngine},
      {"so360", "360 Search", "", 1, 1, kSearchEngine},
      {"ask", "Ask", "", 1, 1, kSearchEngine},
      {"mojeek", "Mojeek", "", 1, 1, kSearchEngine},
      {"swisscows", "Swisscows", "", 1, 1, kSearchEngine},
      {"presearch", "Presearch", "", 1, 1, kSearchEngine},
      {"youcom", "You.com", "", 1, 1, kSearchEngine},
      {"perplexity", "Perplexity", "", 1, 1, kSearchEngine},
      {"yep", "Yep", "", 1, 1, kSearchEngine},
      // People-search sites: a search for a name there is a look at them.
      {"whitepages", "Whitepages", "", 1, 1, kSearchEngine},
      {"spokeo", "Spokeo", "", 1, 1, kSearchEngine},
      {"truepeoplesearch", "TruePeopleSearch", "", 1, 1, kSearchEngine},
      {"fastpeoplesearch", "FastPeopleSearch", "", 1, 1, kSearchEngine},
      {"beenverified", "BeenVerified", "", 1, 1, kSearchEngine},
      {"pipl", "Pipl", "", 1, 1, kSearchEngine},
      {"peekyou", "PeekYou", "", 1, 1, kSearchEngine},
      {"thatsthem", "That's Them", "", 1, 1, kSearchEngine},
      {"radaris", "Radaris", "", 1, 1, kSearchEngine},
      {"familytreenow", "FamilyTreeNow", "", 1, 1, kSearchEngine},
      {"zabasearch", "ZabaSearch", "", 1, 1, kSearchEngine},
      {"instantcheckmate", "Instant Checkmate", "", 1, 1, kSearchEngine},
      {"intelius", "Intelius", "", 1, 1, kSearchEngine},
      {"truthfinder", "TruthFinder", "", 1, 1, kSearchEngine},
      {"peoplefinders", "PeopleFinders", "", 1, 1, kSearchEngine},
      {"nuwber", "Nuwber", "", 1, 1, kSearchEngine},
      {"searchpeoplefree", "SearchPeopleFree", "", 1, 1, kSearchEngine},
      {"smartbackgroundchecks", "SmartBackgroundChecks", "", 1, 1, kSearchEngine},
  };
  return table;
}

// The table keeps one field a line where an entry is long, which
// clang-format would pack.
// clang-format off
const std::vector<SiteSpec>& site_table() {
  static const std::vector<SiteSpec> table = {
      // ---- Social platforms ------------------------------------------------
      {"instagram", "instagram.com instagr.am", "www m i",
       "about accounts api developer direct explore legal p reel reels stories tv web your_activity emails "
       "challenge privacy oauth session graphql ar static lite directory topics fragment nametag create qr "
       "download press blog help terms igtv sessions highlights cdn-cgi _u _n",
       // "/_u/{h}": the universal link that opens a profile in the app, or on
       // the web without it (qainsta.com/qa/view/what-should-a-link-to-an-instagram-page-look-like).
       "story:/stories/{h}/* search:/explore/search/keyword?q search:/web/search/topsearch?query "
       // The web app's own JSON for a profile, fetched when a row or a link
       // is clicked: /api/v1/users/web_profile_info/?username= (i. and www.;
       // as instaloader and public scrapers call it, e.g. "tikapi/instagram.py",
       // seen 2026-12-04), and /api/v1/feed/user/<name>/username/.
       "profile+api:/api/v1/users/web_profile_info?username={h} profile+api:/api/v1/feed/user/{h}/username/* "
       "profile:/_u/{h}/* post:/{h}/p/* post:/{h}/reel/* post:/{h}/tv/* profile:/{h}/*",
       0},
      // Prefixes: the mobile, basic and zero-rated sites (m, mbasic, touch,
      // free, 0 and zero for Free Basics / Facebook Zero, iphone for the old
      // iPhone site) serve the same profile paths.
      {"facebook", "facebook.com fb.com", "www m mbasic web touch mobile free d {locale} 0 zero iphone",
       "watch marketplace gaming groups messages help login logout home settings notifications bookmarks "
       "events pages friends saved memories reel reels stories photo photo.php permalink.php story.php "
       "search hashtag ads business policies privacy terms legal dialog sharer sharer.php share l.php "
       "plugins pg people profile.php media tr ajax checkpoint recover reg r.php composer feeds "
       "fundraisers games jobs live places offers donate me notes pages_manager video.php watchparty "
       "login.php help.php privacy_sandbox",
       "message.messenger:/messages/t/{h} "  // Messenger on facebook.com; see the messages block
       // "/p/<Name>-<profile id>/": how Facebook addresses a profile or Page by
       // its number in the new Pages experience (sites' schema.org sameAs and
       // footer links, e.g. "https://www.facebook.com/p/Revolution-Travel-Services-100064125607997/";
       // public code search for "facebook.com/p/", 2026-12-07).
       "profile:/profile.php?id={n} profile:/people/{any}/{n}/* profile:/p/*-{n}/* story:/stories/{n}/* "
       "post:/permalink.php?id={n} post:/story.php?id={n} post:/photo.php?id={n} search:/search/*?q "
       "post:/{h}/posts/* post:/{h}/photos/* post:/{h}/videos/* post:/{h}/reels/* profile:/{h}/*",
       0},
      {"x", "x.com twitter.com", "www mobile m",
       "home explore i search settings messages notifications login logout signup compose hashtag intent "
       "share tos privacy about jobs account bookmarks lists communities premium download help oauth "
       "widgets.js following followers jobs",
       // Web Intents name an account by screen_name or by user_id
       // (developer.x.com/en/docs/x-for-websites/web-intents/overview).
       "profile:/intent/user?screen_name={h} profile:/intent/follow?screen_name={h} "
       // The web app's GraphQL query for a profile: /i/api/graphql/<queryId>/UserByScreenName?variables=
       // {"screen_name":…} (github.com/trevorhobenshield/twitter-api-client,
       // github.com/cmj/twitter-tools user/UserByScreenName.sh; 2026-12-04).
       "profile+api:/i/api/graphql/{any}/UserByScreenName?variables:screen_name={h} "
       "profile+api:/i/api/graphql/{any}/UserByRestId?variables:userId={n} "
       // Direct Message intent: /messages/compose?recipient_id=<user id>
       // (developer.x.com, Web Intents "Direct Message").
       "message.x:/messages/compose?recipient_id={n}&text={draft} "
       "profile:/intent/user?user_id={n} profile:/intent/follow?user_id={n} profile:/i/user/{n}/* "
       "search:/search?q post:/{@h}/status/* post:/{@h}/statuses/* profile:/{@h}/*",
       kHashBang},
      {"tiktok", "tiktok.com", "www m",
       "",
       // The web app's user JSON, /api/user/detail/?uniqueId=<name> (as
       // davidteather/TikTok-Api and public scrapers fetch it, 2026-12-04);
       // the creator embed /embed/@<name> (developers.tiktok.com "Embed creator profile"),
       // a frame on the embedding site.
       "profile+api:/api/user/detail?uniqueId={h} profile+frame:/embed/@{h}/* "
       "post:/@{h}/video/* post:/@{h}/photo/* profile:/@{h}/* search:/search?q search:/search/{any}?q",
       0},
      {"snapchat", "snapchat.com", "www story",
       "",
       "profile:/add/{h}/* story:/s/{h}/* profile:/@{h}/* story:/@{h}/story/*",
       0},
      {"linkedin", "linkedin.com", "www m mobile {cc}",
       "",
       "message.linkedin:/messaging/compose?recipient|recipients={id}&body={draft} "  // see the messages block
       // "/comm/in/{h}": how LinkedIn's notification e-mails link a profile.
       // Voyager, the web app's API (github.com/tomquirk/linkedin-api;
       // github.com/joshuatz/linkedin-to-jsonresume LinkedIn-Notes.md; 2026-12-04):
       // /voyager/api/identity/profiles/<vanity name>/profileView (and its
       // other views), /voyager/api/identity/dash/profiles?q=memberIdentity&memberIdentity=<name>.
       "profile+api:/voyager/api/identity/profiles/{h}/* "
       "profile+api:/voyager/api/identity/dash/profiles?memberIdentity={h} "
       "profile:/in/{h}/* profile:/mwlite/in/{h}/* profile:/comm/in/{h}/* profile:/pub/{h}/* "
       "search:/search/results/*?keywords "
       "redirect:/redir/redirect?url redirect:/safety/go?url",
       0},
      // music.youtube.com shows the same channels (/channel/UC…, /@handle).
      {"youtube", "youtube.com", "www m music",
       "watch shorts feed playlist trending gaming music premium results channel c user embed v video live "
       "account signin logout redirect attribution_link profile_redirector about t howyoutubeworks kids "
       "ads creators jobs new upload studio hashtag post source supported_browsers select_site error s yt "
       "api iframe_api podcasts oembed feeds",
       // A channel's feed (/feeds/videos.xml?channel_id=UC…|user=<name>) and
       // its uploads playlist, "UU" + the channel id's tail
       // (developers.google.com/youtube/v3/docs/channels: contentDetails.relatedPlaylists.uploads;
       // 2026-12-04): /playlist?list=UU…, also embedded (/embed/videoseries?list=UU…).
       "profile+api:/feeds/videos.xml?channel_id={id} profile+api:/feeds/videos.xml?user={h} "
       "profile:/playlist?list=UU>UC{id} profile:/embed/videoseries?list=UU>UC{id} "
       "proxy:/oembed?url "
       "redirect:/redirect?q profile:/channel/{id}/* profile:/c/{@h}/* profile:/user/{h}/* profile:/@{h}/* "
       "search:/results?search_query|q profile:/{h} "
       "profile:/{h}/videos|featured|shorts|streams|playlists|community|about|channels|podcasts|releases|"
       "store|live|posts|search|courses",
       0},
      {"threads", "threads.net threads.com", "www",
       "",
       "post:/@{h}/post/* profile:/@{h}/* search:/search?q",
       0},
      {"bluesky", "bsky.app", "",
       "",
       "post:/profile/{h}/post/* profile:/profile/{h}/* search:/search?q",
       0},
      // The AppView's XRPC methods the app calls for a profile
      // (docs.bsky.app "app.bsky.actor.getProfile", "app.bsky.feed.getAuthorFeed"; 2026-12-04).
      {"bluesky", "api.bsky.app public.api.bsky.app bsky.social", "",
       "",
       "profile+api:/xrpc/app.bsky.actor.getProfile?actor={h} profile+api:/xrpc/app.bsky.feed.getAuthorFeed?actor={h} "
       "search:/xrpc/app.bsky.actor.searchActors?q|term search:/xrpc/app.bsky.actor.searchActorsTypeahead?q|term",
       0},
      // sh.reddit.com was the redesign's preview host; same paths.
      {"reddit", "reddit.com", "www old new np m i amp sh",
       "",
       // "/r/u_<name>": the profile's own subreddit, the same account
       // (reddit.com/r/help "profile" pages, 2026-12-04).
       "profile:/user/{h}/* profile:/u/{h}/* profile:/r/u_{h}/* search:/search?q",
       0},
      {"reddit", "out.reddit.com", "", "", "redirect:/*?url", 0},
      {"pinterest", "pinterest.*", "www {cc}",
       "pin search ideas today explore settings business login logout _ categories topics news_hub resource "
       "about",
       "none:/pin/* search:/search/*?q profile:/{h}/*",
       0},
      {"tumblr", "tumblr.com", "www",
       "dashboard explore search tagged login register settings likes following inbox new blog about help "
       "policy privacy docs developers apps api assets media static safe tv www",
       "profile:/blog/view/{h}/* profile:/blog/{h}/* search:/search/{q}/* profile:/{h}/*",
       kSubdomainHandle},
      {"tumblr", "t.umblr.com", "", "", "redirect:/redirect?z", 0},
      {"mastodon",
       "mastodon.social mstdn.social mastodon.world mastodon.online mas.to fosstodon.org hachyderm.io "
       "infosec.exchange mastodon.art mstdn.jp mastodon.cloud social.vivaldi.net universeodon.com "
       "mastodon.xyz techhub.social mastodon.ie toot.community mastodon.green",
       "www",
       "",
       // The REST API's account lookup (docs.joinmastodon.org/methods/accounts/#lookup,
       // 2026-12-04): /api/v1/accounts/lookup?acct=user[@instance].
       "profile+api:/api/v1/accounts/lookup?acct={fed} search:/api/v2/search?q search:/api/v1/accounts/search?q "
       "post:/@{fed}/{n}/* profile:/@{fed}/* profile:/users/{fed}/* profile:/web/@{fed}/* search:/search?q",
       0},
      {"lemmy", "lemmy.world lemmy.ml beehaw.org lemm.ee sh.itjust.works programming.dev", "",
       "",
       "profile:/u/{fed}/* search:/search?q",
       0},
      {"twitch", "twitch.tv", "www m",
       "directory videos settings search downloads jobs p login signup turbo subscriptions wallet inventory "
       "drops friends messages store prime broadcast moderator popout embed",
       "search:/search?term profile:/popout/{h}/* profile+frame:/embed/{h}/chat profile:/{h}/*",
       0},
      // The embeddable player and chat (dev.twitch.tv/docs/embed/video-and-clips,
      // dev.twitch.tv/docs/embed/chat; 2026-12-04): player.twitch.tv/?channel=<name>,
      // embed.twitch.tv/?channel=<name>, twitch.tv/embed/<name>/chat.
      {"twitch", "player.twitch.tv embed.twitch.tv", "", "", "profile+frame:/?channel={h}", 0},
      {"strava", "strava.com", "www",
       "",
       "profile:/athletes/{h}/* profile:/pros/{h}/*",
       0},
      {"venmo", "venmo.com", "www account",
       "u account about legal signin signup login business pay card resources blog code",
       // Pay or request with the recipient in the query and a note: a
       // payment with a note is a message (venmo.com/?txn=pay&recipients=<name>&note=…,
       // account.venmo.com/pay?…, the links Venmo's own "pay" buttons and
       // public split-bill apps write, 2026-12-04).
       "message.venmo:/?recipients={@h}&note={draft} message.venmo:/pay?recipients={@h}&note={draft} "
       "profile:/u/{h}/* profile:/code?user_id={n} profile:/{h}",
       0},
      {"spotify", "spotify.com", "open play",
       "",
       "profile:/user/{id}/* profile:/artist/{id}/* profile:/{any}/user/{id}/* profile:/{any}/artist/{id}/* "
       "search:/search/{q}/*",
       0},
      {"vsco", "vsco.co", "www",
       "about user search spaces store subscribe feed studio discover explore account",
       "post:/{h}/media/* profile:/{h}/*",
       0},
      {"telegram", "t.me telegram.me telegram.dog", "www",
       "joinchat addstickers addemoji proxy socks share iv login setlanguage addtheme c s www",
       "message.telegram:/{phone} post:/s/{h}/{n}/* profile:/s/{h} post:/{h}/{n}/* profile:/{h}",
       kSubdomainHandle},
      {"linktree", "linktr.ee", "www",
       "s admin login register marketplace discover blog help",
       "profile:/{h}/*",
       0},
      {"github", "github.com", "www gist",
       "explore settings marketplace trending login pricing features about orgs organizations topics "
       "collections sponsors notifications issues pulls search new codespaces enterprise team security "
       "customer-stories readme site contact apps account dashboard logout join signup nonprofit events "
       "solutions resources copilot premium-support",
       "search:/search?q profile:/orgs/{h}/* profile:/{h} post:/{h}/{any}/*",
       0},
      {"github", "github.io", "", "www", "", kSubdomainHandle},
      {"soundcloud", "soundcloud.com", "www m",
       "discover search stream you upload pages charts stations messages notifications settings jobs imprint "
       "terms-of-use pro people popular tags signin logout mobile",
       "search:/search/*?q profile:/{h}/*",
       0},
      {"medium", "medium.com", "www",
       "m me search tag topic topics about membership plans creators policy jobs www help blog p",
       // "/r/?url=": Medium's link redirector in stories (as in every exported post's links).
       "redirect:/r?url search:/search?q post:/@{h}/{any}/* profile:/@{h}",
       kSubdomainHandle},
      {"substack", "substack.com", "www",
       "www open on api cdn support blog reader",
       "profile:/@{h}/* search:/search/{q}/*",
       kSubdomainHandle},
      {"behance", "behance.net", "www",
       "search galleries joblist assets onboarding gallery live hire about blog",
       "search:/search/*?search profile:/{h}/*",
       0},
      {"devto", "dev.to", "",
       "search t top latest settings enter about faq privacy terms code-of-conduct new dashboard readinglist "
       "notifications connect listings videos pod",
       "search:/search?q profile:/{h}/*",
       0},
      {"dribbble", "dribbble.com", "www",
       "shots search jobs designers learn session signup stories tags about pro teams",
       "search:/search/{q} profile:/{h}/*",
       0},
      {"exercism", "exercism.org exercism.io", "www", "", "profile:/profiles/{h}/*", 0},
      {"keybase", "keybase.io", "www", "docs blog download jobs account", "profile:/{h}/*", 0},
      {"patreon", "patreon.com", "www",
       "home search login signup about creators pricing explore policy legal messages settings notifications "
       "posts bepatron join product apps",
       "profile:/c/{h}/* profile:/{h}/*",
       0},
      {"vk", "vk.com vk.ru", "www m",
       "feed im search friends groups video music audio photos market apps games settings login support blog "
       "about dev away.php",
       "redirect:/away.php?to profile:/{h}/*",
       0},
      {"vk", "away.vk.com", "", "", "redirect:/away.php?to", 0},
      {"stackoverflow", "stackoverflow.com", "www", "", "profile:/users/{n}/*", 0},
      {"letterboxd", "letterboxd.com", "www",
       "film films lists members journal search settings sign-in create-account about pro legal contact apps "
       "welcome activity",
       "search:/search/{q}/* profile:/{h}/*",
       0},
      {"onlyfans", "onlyfans.com", "www", "my login about help terms privacy", "profile:/{h}/*", 0},

      // ---- Anonymous viewers and alternative front ends ---------------------
      {"instagram",
       "picuki.com picuki.site picnob.com pixwox.com gramhir.com iganony.io smihub.com greatfon.com "
       "greatfon.io",
       "www",
       "",
       "viewer:/profile/{h}/* viewer:/story/{h}/* viewer:/stories/{h}/* viewer:/v/{h}/*",
       0},
      {"instagram", "imginn.com imginn.org", "www",
       "p search about privacy terms contact tags",
       "viewer:/stories/{h}/* viewer:/tagged/{h}/* viewer:/{h}/*",
       0},
      {"instagram", "dumpor.com dumpor.io", "www", "", "viewer:/v/{h}/* search:/search?query", 0},
      {"instagram", "instanavigation.com", "www", "", "viewer:/user-profile/{h}/*", 0},
      {"instagram", "insta-stories-viewer.com", "www", "about privacy terms contact blog",
       "viewer:/{h}/*", 0},
      {"x",
       "nitter.net nitter.poast.org nitter.privacydev.net xcancel.com nitter.1d4.us nitter.it "
       "twstalker.com sotwe.com nitter.space "
       // Embed fixers that serve or forward X profiles (FixTweet/FxEmbed, BetterTwitFix).
       "fxtwitter.com vxtwitter.com fixupx.com fixvx.com twittpr.com",
       "www",
       "search settings about pic i",
       "viewer:/{@h}/*",
       0},
      {"tiktok", "urlebird.com", "www", "", "viewer:/user/{h}/*", 0},
      // X's embedded timeline, served to sites that embed a profile
      // (syndication.twitter.com/srv/timeline-profile/screen-name/<name>, as
      // publish.twitter.com's widget loads it; public scrapers, 2026-12-04):
      // the src of the frame platform.twitter.com/widgets.js puts in the
      // embedding page (as public embed components build it, 2026-12-06).
      {"x", "syndication.twitter.com syndication.x.com", "", "",
       "profile+frame:/srv/timeline-profile/screen-name/{h}/* profile+frame:/srv/timeline-profile/user-id/{n}/*", 0},
      // The v1.1 and v2 REST lookups of an account (developer.x.com docs, 2026-12-04).
      {"x", "api.twitter.com api.x.com", "", "",
       "profile+api:/1.1/users/show.json?screen_name={h} profile+api:/2/users/by/username/{h}/* "
       "profile+api:/graphql/{any}/UserByScreenName?variables:screen_name={h}",
       0},
      {"tiktok", "proxitok.pabloferreiro.es", "", "", "viewer:/@{h}/*", 0},
      {"youtube", "yewtu.be inv.nadeko.net invidious.nerdvpn.de invidious.io", "",
       "",
       "viewer:/channel/{id}/* viewer:/c/{h}/* viewer:/user/{h}/* viewer:/@{h}/*",
       0},
      {"reddit", "safereddit.com redlib.catsarch.com", "", "", "viewer:/user/{h}/* viewer:/u/{h}/*", 0},

      // ---- Search engines -------------------------------------------------
      // kSearchRules: the engines Chrome and Firefox offer as defaults in
      // most regions (their search-engine choice screens, 2024-2025) get
      // declarativeNetRequest rules for each name, so that the search never
      // reaches them; every other engine is stopped by the navigation
      // listeners (each name costs 11 rules per engine shape).
      // meet., hangouts. and chat.google.com wrap links as /linkredirect?dest=
      // (as Meet chat links are written, e.g. in github.com READMEs).
      {"google", "google.*", "www images news meet hangouts chat",
       "",
       "search:/search?q search:/webhp?q redirect:/url?q|url redirect:/imgres?imgrefurl "
       "redirect:/linkredirect?dest proxy:/amp/s/{url}",
       kSearchRules},
      {"google", "webcache.googleusercontent.com", "", "", "archive:/search?q", 0},
      // Result links are bing.com/ck/a?…&u=a1<base64url of the target>
      // (github.com/ghostery/ghostery-extension/issues/2227,
      // github.com/AirBashX/UserScript/issues/25).
      {"bing", "bing.com", "www cn",
       "",
       "redirect:/ck/a?u=a1{b64url} search:/search?q search:/images/search?q search:/videos/search?q "
       "search:/news/search?q",
       kSearchRules},
      {"duckduckgo", "duckduckgo.com", "www html lite start",
       "",
       "redirect:/l?uddg search:/html?q search:/lite?q search:/?q",
       kSearchRules},
      {"yahoo", "search.yahoo.com", "{cc}", "", "search:/search?p|q search:/search/*?p|q", kSearchRules},
      // Result links carry the target percent-encoded as a path segment:
      // r.search.yahoo.com/_ylt=…/RV=2/RE=…/RO=10/RU=<url>/RK=0/RS=…
      // (greasyfork.org/scripts/381922; github.com/serp-spider/serpextract tests).
      {"", "r.search.yahoo.com", "", "", "redirect:/*/RU={url1}", 0},
      // AOL Search is Yahoo's: search.aol.com/aol/search?q=…, and result
      // links search.aol.com/click/…/RU=<url>/RK=… (Matomo SearchEngines.yml;
      // github.com/svenjacobs/leon AolSearchSanitizerTest).
      {"aol", "search.aol.com search.aol.co.uk search.aol.it recherche.aol.fr suche.aol.de", "",
       "",
       "redirect:/click/*/RU={url1} search:/aol/search?q|query search:/search?q|query",
       0},
      // Yahoo! JAPAN (search.yahoo.co.jp/search?p=…); its result links put the
      // target after "**" or "*-" (older) or in "RU=" (serpextract tests;
      // github.com/swdyh/autopagerize_for_safari yhoo_ac.user.js).
      {"yahoojapan", "search.yahoo.co.jp", "",
       "",
       "search:/search?p|vp redirect:/r/*/RU={url1} redirect:/r/*/**{url} redirect:/r/*/*-{url}",
       0},
      {"yandex", "yandex.* ya.ru", "www", "", "search:/search?text search:/search/*?text", 0},
      {"brave", "search.brave.com", "", "", "search:/search?q", 0},
      {"ecosia", "ecosia.org", "www", "", "search:/search?q", 0},
      {"startpage", "startpage.com", "www",
       "",
       "search:/do/search?query|q search:/sp/search?query|q search:/search?q|query",
       0},
      {"qwant", "qwant.com", "www lite", "", "search:/?q", 0},
      {"baidu", "baidu.com", "www m", "", "search:/s?wd|word", 0},
      // Search URLs and their text parameter, as Matomo's referrer list
      // records them (github.com/matomo-org/searchengine-and-social-list,
      // SearchEngines.yml @ 3b3a82dc): Kagi, Naver, Seznam, Daum, Sogou, 360,
      // Ask, Mojeek, Swisscows, Presearch, You.com, Perplexity, Yep.
      {"kagi", "kagi.com", "www", "", "search:/search?q search:/images?q search:/videos?q search:/news?q", 0},
      {"naver", "search.naver.com", "m", "", "search:/search.naver?query", 0},
      {"seznam", "search.seznam.cz", "", "", "search:/?q search:/obrazky?q", 0},
      {"daum", "search.daum.net", "m", "", "search:/search?q", 0},
      {"sogou", "sogou.com", "www", "", "search:/web?query search:/sogou?query", 0},
      {"so360", "so.com so.360.cn", "www m", "", "search:/s?q", 0},
      {"ask", "ask.com", "www {cc}", "", "search:/web?q|ask|searchfor", 0},
      {"mojeek", "mojeek.com", "www", "", "search:/search?q", 0},
      {"swisscows", "swisscows.com", "www", "", "search:/web?query search:/{any}/web?query", 0},
      {"presearch", "presearch.com", "www", "", "search:/search?q", 0},
      {"youcom", "you.com", "www", "", "search:/search?q", 0},
      {"perplexity", "perplexity.ai", "www", "", "search:/search/*?q", 0},
      {"yep", "yep.com", "www", "", "search:/web?q", 0},

      // ---- People-search sites --------------------------------------------
      // Their search URLs as OSINT tools build them (public GitHub code found
      // with the search tool, 2026-12-04: lists such as
      // ("Whitepages", "https://www.whitepages.com/name/{query}"),
      // truepeoplesearch.com/results?name=…, fastpeoplesearch.com/name/jane-doe_city-st,
      // radaris.com/p/Jane/Doe/, familytreenow.com/search/genealogy/results?first=&last=).
      // {q*}: the name may run over several segments ("Jane/Doe", "Jane-Doe/City-ST").
      {"whitepages", "whitepages.com", "www", "", "search:/name/{q*} search:/search/FindPerson?name", 0},
      {"spokeo", "spokeo.com", "www", "", "search:/search?q search:/{q*}", 0},
      {"truepeoplesearch", "truepeoplesearch.com", "www", "", "search:/results?name", 0},
      {"fastpeoplesearch", "fastpeoplesearch.com", "www", "", "search:/name/{q*}", 0},
      {"beenverified", "beenverified.com", "www", "", "search:/people/{q*} search:/app/search/person?fn+ln", 0},
      {"pipl", "pipl.com", "www", "", "search:/search?q", 0},
      {"peekyou", "peekyou.com", "www", "", "search:/{q*}", 0},
      {"thatsthem", "thatsthem.com", "www", "", "search:/name/{q*}", 0},
      {"radaris", "radaris.com", "www", "", "search:/p/{q*} search:/ng/search?ff+fl", 0},
      {"familytreenow", "familytreenow.com", "www", "", "search:/search/genealogy/results?first+last", 0},
      {"zabasearch", "zabasearch.com", "www", "", "search:/people/{q*}", 0},
      {"instantcheckmate", "instantcheckmate.com", "www", "",
       "search:/search?query|q search:/results?firstName+lastName", 0},
      {"intelius", "intelius.com", "www", "", "search:/people-search/{q*} search:/results?firstName+lastName", 0},
      {"truthfinder", "truthfinder.com", "www", "", "search:/search?name search:/results?firstName+lastName", 0},
      {"peoplefinders", "peoplefinders.com", "www", "", "search:/people/{q*} search:/name/{q*}", 0},
      {"nuwber", "nuwber.com", "www", "", "search:/search?name", 0},
      {"searchpeoplefree", "searchpeoplefree.com", "www", "", "search:/find/{q*}", 0},
      {"smartbackgroundchecks", "smartbackgroundchecks.com", "www", "", "search:/people/{q*}", 0},

      // ---- Messages: links that start a chat or a mail to someone -----------
      // (kind message; the channel after the dot is what a co-parent may keep
      // open). Shapes on a platform's own host sit in its entry above:
      // facebook.com/messages/t/<user or id> (Messenger's web inbox, the link
      // of a profile's "Message" button), t.me/+<number> (Telegram's phone
      // number links, https://core.telegram.org/api/links "Phone number
      // links"), linkedin.com/messaging/compose?recipient=<member id> (the
      // "Message" button's link; LinkedIn publishes no compose URL, so only
      // an account listed by its member id matches).
      //
      // WhatsApp "Click to chat", https://faq.whatsapp.com/5913398998672934:
      // wa.me/<number> and api.whatsapp.com/send?phone=<number>, the number in
      // international form without '+', and ?text= for a prefilled message;
      // web.whatsapp.com/send?phone= is where WhatsApp Web opens the same.
      {"", "wa.me", "", "", "message.whatsapp:/{phone}?&text={draft} message.whatsapp:/send?phone={phone}&text={draft}",
       0},
      {"", "whatsapp.com", "api web www", "", "message.whatsapp:/send?phone={phone}&text={draft}", 0},
      // Messenger m.me links, https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/m-me-links
      // (m.me/<page or user name>; ids work too), and messenger.com/t/<…>,
      // Messenger's web app.
      {"facebook", "m.me", "", "j ch", "message.messenger:/{h}/*", 0},
      {"facebook", "messenger.com", "www", "", "message.messenger:/t/{h}/*", 0},
      // Instagram Direct: ig.me/m/<username>,
      // https://developers.facebook.com/documentation/business-messaging/instagram-messaging/features/ig-me-links
      {"instagram", "ig.me", "", "", "message.instagram:/m/{h}/*", 0},
      // Telegram Web opens a chat from the fragment: web.telegram.org/k/#@<username>
      // (and /a/, /z/, the other web clients); t.me/<username> is the
      // account's public page and stays a profile above.
      {"telegram", "web.telegram.org", "", "", "message.telegram:/k|a|z#@{h} message.telegram:/#@{h}", 0},
      // Webmail compose windows, addressed in To, Cc or Bcc (a list: ',' or
      // ';' between addresses). Gmail: mail.google.com/mail/[u/N/]?view=cm&to=…&su=…&body=…
      // (Gmail publishes no reference; the parameters follow RFC 6068's
      // mailto fields, "su" for the subject) and its registered mailto:
      // handler ?extsrc=mailto&url=mailto:… (navigator.registerProtocolHandler,
      // https://developer.mozilla.org/docs/Web/API/Navigator/registerProtocolHandler).
      // Any "to" on /mail/ is treated as a compose window.
      {"", "mail.google.com", "", "",
       "message.email:/mail/*?to|cc|bcc={to}&su|subject={draft}&body={draft} message.email:/mail/*?url={mailto}",
       0},
      // Outlook on the web: …/mail/deeplink/compose?to=&subject=&body= (and
      // ?mailtouri=mailto:…, the form Outlook registers as mailto: handler),
      // from Microsoft's "How to compose a new message … in Office365" note,
      // https://blogs.msdn.microsoft.com/carloshm/2016/01/16/how-to-compose-a-new-message-or-event-and-populate-fields-in-office365/
      {"", "outlook.live.com outlook.office.com outlook.office365.com", "", "",
       "message.email:/mail/deeplink/compose?to|cc|bcc={to}&subject={draft}&body={draft} "
       "message.email:/mail/{any}/deeplink/compose?to|cc|bcc={to}&subject={draft}&body={draft} "
       "message.email:/mail/deeplink/compose?mailtouri={mailto} message.email:/mail/{any}/deeplink/compose?mailtouri={mailto}",
       0},
      // Yahoo Mail: compose.mail.yahoo.com/?to=…&subject=…&body= (Yahoo's own
      // "compose" links; mailto fields as RFC 6068).
      {"", "compose.mail.yahoo.com", "", "", "message.email:/?to|cc|bcc={to}&subject={draft}&body={draft}", 0},

      // ---- Redirect links ----------------------------------------------------
      {"", "l.facebook.com lm.facebook.com l.messenger.com", "", "", "redirect:/l.php?u redirect:/?u", 0},
      {"", "l.instagram.com", "", "", "redirect:/?u", 0},
      {"", "l.threads.net l.threads.com", "", "", "redirect:/?u", 0},
      {"", "href.li", "", "", "redirect:/?*", 0},
      {"", "slack-redir.net", "", "", "redirect:/link?url", 0},
      {"", "steamcommunity.com", "", "", "redirect:/linkfilter?url|u", 0},
      {"", "safelinks.protection.outlook.com", "*", "", "redirect:/?url", 0},
      {"", "exit.sc", "", "", "redirect:/?url", 0},
      // WhatsApp's link shim: l.wl.co/l?u=<percent-encoded URL> (the Android
      // app builds it so; seen in business-profile links).
      {"", "l.wl.co", "", "", "redirect:/l?u", 0},

      // ---- Web archives and translation proxies ----------------------------
      {"", "web.archive.org wayback.archive.org", "",
       "",
       "archive:/web/{any}/{url} archive:/web/{url}",
       0},
      {"", "archive.ph archive.today archive.is archive.li archive.vn archive.md archive.fo", "",
       "",
       "archive:/newest/{url} archive:/oldest/{url} archive:/timegate/{url} archive:/{any}/{url} "
       "archive:/{url}",
       0},
      {"", "timetravel.mementoweb.org", "", "", "archive:/list/{any}/{url} archive:/memento/{any}/{url}", 0},
      {"", "translate.goog", "", "", "", kTranslateHost},
      {"", "translate.google.com translate.googleusercontent.com", "",
       "",
       "proxy:/translate?u proxy:/website?u proxy:/translate_c?u",
       0},
      {"", "12ft.io", "", "", "proxy:/proxy?q proxy:/{url}", 0},
      // AMP caches: <encoded-host>.cdn.ampproject.org/c/s/<host>/<path>, 'c'
      // a document, 's' fetched over TLS (developers.google.com/amp/cache/overview);
      // Bing's AMP cache uses the same layout on bing-amp.com.
      {"", "cdn.ampproject.org bing-amp.com", "*",
       "",
       "proxy:/c/s/{url} proxy:/c/{url} proxy:/v/s/{url} proxy:/v/{url}",
       0},
  };
  return table;
}

// Where the web apps run that send each platform's API requests, for the
// platforms with "+api" shapes (a test holds every one to an entry here).
// An app's requests carry its page as their initiator; another site's page
// cannot read what these APIs answer it, so its request shows the person
// nothing.
const AppSpec* app_spec(std::string_view platform) {
  static constexpr AppSpec table[] = {
      // The sources: the Origin the web app's requests carry, as public
      // clients of these APIs replay them ("origin: https://www.instagram.com",
      // "https://x.com", "https://www.tiktok.com"; code search of public
      // repositories, 2026-12-06); for LinkedIn and YouTube, the one site
      // each web app is (www.linkedin.com, www.youtube.com and its m. and
      // music. hosts, the site entries above).
      {"instagram", "instagram.com", ""},
      // twitter.com and its api., syndication. and platform. hosts stay the
      // app's and the embeds' (x.com since 2024; twitter.com redirects to it).
      {"x", "x.com twitter.com", ""},
      {"tiktok", "tiktok.com", ""},
      {"linkedin", "linkedin.com", ""},
      {"youtube", "youtube.com", ""},
      // Open: the AppView's public methods need no sign-in (docs.bsky.app,
      // "API Hosts and Auth"), and web clients on sites of their own read its
      // answers from the browser: a look through one of them is a look. The
      // clients: Deck Blue, Ouranos, Deer Social, SkyFeed (ATProtocol
      // community wiki, "Bluesky Third Party Clients", 2025-04-18), TOKIMEKI
      // (CrispStrobe/BlueskyStuff, "Client Applications: Web", read
      // 2026-12-06), Skythread (blue.mackuba.eu, which calls api.bsky.app).
      // A client not named here is not stopped by these rules; any page
      // could otherwise ask for a handle and learn from the refusal that it
      // is listed (SECURITY.md).
      {"bluesky", "bsky.app", "deck.blue useouranos.app deer.social skyfeed.app tokimeki.blue mackuba.eu"},
      // Every instance answers for any account, to web clients on sites of
      // their own (Elk, Phanpy), which no list could name: no domains, and so
      // no endpoint rule (a federated handle compiles none anyway: the
      // navigation listeners decide its pages).
      {"mastodon", "", ""},
  };
  for (const AppSpec& app : table)
    if (app.platform == platform) return &app;
  return nullptr;
}
// clang-format on

}  // namespace deadbolt
