#include "print/endnotes.h"

#include <gtest/gtest.h>

namespace kapstok::print {
namespace {

const std::string kPage = "https://example.org/handboek/kenmerken/eigen-kracht/";

TEST(ResolveUrlTest, ResolvesRelativeLinksAgainstThePage) {
  EXPECT_EQ(ResolveUrl(kPage, "../../competenties/x/"),
            "https://example.org/handboek/competenties/x/");
  EXPECT_EQ(ResolveUrl(kPage, "sub/"), "https://example.org/handboek/kenmerken/eigen-kracht/sub/");
  EXPECT_EQ(ResolveUrl(kPage, "./a.pdf"), "https://example.org/handboek/kenmerken/eigen-kracht/a.pdf");
  EXPECT_EQ(ResolveUrl(kPage, "../"), "https://example.org/handboek/kenmerken/");
  EXPECT_EQ(ResolveUrl(kPage, "../../../../.."), "https://example.org/");
  EXPECT_EQ(ResolveUrl(kPage, "/x/y"), "https://example.org/x/y");
  EXPECT_EQ(ResolveUrl(kPage, "//cdn.example.net/z"), "https://cdn.example.net/z");
  EXPECT_EQ(ResolveUrl(kPage, "../b/?q=1#top"), "https://example.org/handboek/kenmerken/b/?q=1#top");
  EXPECT_EQ(ResolveUrl("https://example.org", "a"), "https://example.org/a");
}

TEST(ResolveUrlTest, KeepsAbsoluteUrls) {
  EXPECT_EQ(ResolveUrl(kPage, "https://www.movisie.nl/"), "https://www.movisie.nl/");
  EXPECT_EQ(ResolveUrl(kPage, "mailto:info@example.org"), "mailto:info@example.org");
}

TEST(EndnotesTest, NumbersLinksAndMakesThemAbsolute) {
  Endnotes notes;
  std::string html = notes.Rewrite(
      "<p>Zie <a href=\"../../competenties/x/\">X</a> en <a href=\"https://www.movisie.nl/\" "
      "title=\"M\">Movisie</a>.</p>",
      kPage);
  EXPECT_EQ(html,
            "<p>Zie <a href=\"https://example.org/handboek/competenties/x/\">X</a>"
            "<sup class=\"endnote-ref\">1</sup> en <a href=\"https://www.movisie.nl/\" "
            "title=\"M\">Movisie</a><sup class=\"endnote-ref\">2</sup>.</p>");
  ASSERT_EQ(notes.urls().size(), 2u);
  EXPECT_EQ(notes.urls()[0], "https://example.org/handboek/competenties/x/");
  EXPECT_EQ(notes.urls()[1], "https://www.movisie.nl/");
}

TEST(EndnotesTest, SameUrlKeepsItsNumberAcrossCalls) {
  Endnotes notes;
  notes.Rewrite("<a href=\"a/\">A</a>", kPage);
  std::string html = notes.Rewrite("<a href=\"https://example.org/handboek/kenmerken/eigen-kracht/a/\">again</a>"
                                   "<a href=\"b/\">B</a>", kPage);
  EXPECT_EQ(html,
            "<a href=\"https://example.org/handboek/kenmerken/eigen-kracht/a/\">again</a>"
            "<sup class=\"endnote-ref\">1</sup>"
            "<a href=\"https://example.org/handboek/kenmerken/eigen-kracht/b/\">B</a>"
            "<sup class=\"endnote-ref\">2</sup>");
  EXPECT_EQ(notes.urls().size(), 2u);
}

TEST(EndnotesTest, LeavesAnchorsAndNonLinksAlone) {
  Endnotes notes;
  const std::string in =
      "<abbr title=\"x\">Wmo</abbr> <a href=\"#top\">boven</a> <a id=\"x\">doel</a> "
      "<aside>a</aside>";
  EXPECT_EQ(notes.Rewrite(in, kPage), in);
  EXPECT_TRUE(notes.urls().empty());
}

TEST(EndnotesTest, DropsJavascriptLinksButKeepsTheirText) {
  Endnotes notes;
  EXPECT_EQ(notes.Rewrite("<a href=\"javascript:alert(1)\">klik</a>", kPage), "klik");
  EXPECT_TRUE(notes.urls().empty());
}

TEST(EndnotesTest, KeepsMarkupInsideTheLinkText) {
  Endnotes notes;
  EXPECT_EQ(notes.Rewrite("<A HREF=\"x/\"><em>nadruk</em></A>!", kPage),
            "<A HREF=\"https://example.org/handboek/kenmerken/eigen-kracht/x/\"><em>nadruk</em>"
            "</a><sup class=\"endnote-ref\">1</sup>!");
}

TEST(EndnotesTest, UnterminatedTagIsCopiedUnchanged) {
  Endnotes notes;
  EXPECT_EQ(notes.Rewrite("<p><a href=\"x/\">open", kPage), "<p><a href=\"x/\">open");
  EXPECT_EQ(notes.Rewrite("<a href=\"x", kPage), "<a href=\"x");
}

TEST(RebaseSourcesTest, RelativeImagesWorkFromThePrintPage) {
  EXPECT_EQ(RebaseSources("<img src=\"a.png\" alt=\"A\"><img alt=\"\" src=\"../../img/b.png\">",
                          "kenmerken/x/", "kenmerken/x/handout/"),
            "<img src=\"../../../kenmerken/x/a.png\" alt=\"A\">"
            "<img alt=\"\" src=\"../../../img/b.png\">");
  EXPECT_EQ(RebaseSources("<img src=\"a.png\">", "kenmerken/x/", "handboek/"),
            "<img src=\"../kenmerken/x/a.png\">");
}

TEST(RebaseSourcesTest, LeavesAbsoluteAndDataSourcesAlone) {
  const std::string in =
      "<img src=\"https://e.org/a.png\"><img src=\"/b.png\"><img src=\"data:image/png;base64,AA\">"
      "<p>src=\"x\"</p>";
  EXPECT_EQ(RebaseSources(in, "kenmerken/x/", "kenmerken/x/handout/"), in);
}

}  // namespace
}  // namespace kapstok::print
