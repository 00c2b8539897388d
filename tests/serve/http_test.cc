// Request parsing, target mapping (traversal attempts are refused),
// content types and the live-reload injection.
#include "serve/http.h"

#include <gtest/gtest.h>

#include "serve/live_reload.h"

namespace kapstok::serve {
namespace {

TEST(HttpTest, ParsesARequestLine) {
  Request r;
  ASSERT_EQ(ParseRequest("GET /kenmerken/x/?q=1 HTTP/1.1\r\nHost: a\r\n\r\n", &r), ParseResult::kOk);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/kenmerken/x/?q=1");
  EXPECT_EQ(r.version, "HTTP/1.1");
}

TEST(HttpTest, WaitsForTheBlankLine) {
  Request r;
  EXPECT_EQ(ParseRequest("GET / HTTP/1.1\r\nHost: a\r\n", &r), ParseResult::kIncomplete);
}

TEST(HttpTest, RefusesMalformedRequestLines) {
  Request r;
  EXPECT_EQ(ParseRequest("GET /\r\n\r\n", &r), ParseResult::kBad);
  EXPECT_EQ(ParseRequest("GET / HTTP/2\r\n\r\n", &r), ParseResult::kBad);
  EXPECT_EQ(ParseRequest("GET  / HTTP/1.1\r\n\r\n", &r), ParseResult::kBad);
  EXPECT_EQ(ParseRequest("get / HTTP/1.1\r\n\r\n", &r), ParseResult::kBad);
  EXPECT_EQ(ParseRequest("GET / x HTTP/1.1\r\n\r\n", &r), ParseResult::kBad);
}

std::string Mapped(std::string_view target) {
  std::string path;
  return MapTarget(target, &path) ? path : "<refused>";
}

TEST(HttpTest, MapsTargetsToSitePaths) {
  EXPECT_EQ(Mapped("/"), "index.html");
  EXPECT_EQ(Mapped("/kenmerken/eigen-kracht/"), "kenmerken/eigen-kracht/index.html");
  EXPECT_EQ(Mapped("/assets/style.css?v=2#x"), "assets/style.css");
  EXPECT_EQ(Mapped("/zoeken/?q=../../etc"), "zoeken/index.html");
  EXPECT_EQ(Mapped("/caf%C3%A9/"), "caf\xC3\xA9/index.html");
  EXPECT_EQ(Mapped("//a//b"), "a/b");
  EXPECT_EQ(Mapped("/kenmerken"), "kenmerken");
}

TEST(HttpTest, RefusesTraversalAndOddBytes) {
  for (const char* t : {"/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd",
                        "/%2E%2E%2Fetc%2Fpasswd", "/a/./b", "/..", "/a\\..\\b", "/a%5c..%5cb",
                        "/a%00.html", "/a%0d%0aX: y", "etc/passwd", "", "/%", "/%4", "/%zz",
                        "http://example.org/"})
    EXPECT_EQ(Mapped(t), "<refused>") << t;
}

TEST(HttpTest, ContentTypesByExtension) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/app.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("search/index.json"), "application/json");
  EXPECT_EQ(ContentTypeFor("sitemap.xml"), "application/xml");
  EXPECT_EQ(ContentTypeFor("img/a.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("fonts/x.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("a.d/README"), "application/octet-stream");
}

TEST(HttpTest, ResponseHeadSaysNoStoreAndClose) {
  EXPECT_EQ(ResponseHead(404, "text/plain", 3),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");
}

TEST(LiveReloadTest, InjectsBeforeTheLastBodyEnd) {
  std::string out = InjectLiveReload("<p>&lt;/body&gt;</p></body></html>", {});
  EXPECT_EQ(out.find("<p>&lt;/body&gt;</p><script>"), 0u);
  EXPECT_NE(out.find("EventSource('/_kapstok/events')"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 14), "</body></html>");
  EXPECT_EQ(out.find("kapstok-errors"), std::string::npos);
}

TEST(LiveReloadTest, OverlayEscapesDiagnostics) {
  std::string out = InjectLiveReload(
      "<body></body>", {"content/a.md:2:8: error: unknown <script>alert(1)</script> & more"});
  EXPECT_NE(out.find("id=\"kapstok-errors\""), std::string::npos);
  EXPECT_NE(out.find("unknown &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), std::string::npos);
  EXPECT_EQ(out.find("<script>alert"), std::string::npos);
}

}  // namespace
}  // namespace kapstok::serve
