#include "markdown/markdown.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fake_resolver.h"
#include "markdown/cmark_util.h"
#include "markdown/passes.h"
#include "markdown/source_locator.h"

namespace kapstok::markdown {
namespace {

class MarkdownTest : public ::testing::Test {
 protected:
  MarkdownTest() {
    resolver_.links["../kenmerken/eigen-kracht-versterken.md"] =
        "../../kenmerken/eigen-kracht-versterken/";
    resolver_.links["./buurtbemiddeling.md"] = "../buurtbemiddeling/";
    resolver_.links["buurtbemiddeling.md"] = "../buurtbemiddeling/";
    resolver_.links["img/schema.png"] = "../../img/schema.png";
    resolver_.sources["movisie2013"] = Citation{"../../bronnen/movisie2013/", "Movisie, 2013"};
    resolver_.sources["baart2004"] = Citation{"../../bronnen/baart2004/", "Baart, 2004"};
    options_.path = "content/praktijkvoorbeelden/x.md";
    options_.keep_plain_text = true;
  }

  Rendered Run(std::string_view md) { return Render(md, options_, resolver_, &sink_); }

  // Parses `md` and runs the two counted passes (heading ids, citations) as
  // RenderParsed would reach them, with their work counted: for tests of
  // their complexity, which count instead of timing. (Not the whole of
  // Render: a quadratic path elsewhere would not show here.)
  PassWork RunCounted(std::string_view md, std::vector<Heading>* headings,
                      std::vector<std::string>* cited) {
    ParserPtr parser = NewGfmParser(CMARK_OPT_DEFAULT);
    NodePtr document = ParseDocument(parser.get(), md);
    cmark_consolidate_text_nodes(document.get());
    SourceLocator locator(md, options_, &sink_);
    PassWork work;
    PageContext ctx{options_, resolver_, locator, cmark_get_default_mem_allocator(), &work};
    const NodeIndex nodes = CollectNodes(document.get());
    AssignHeadingIds(nodes.headings, ctx, headings);
    ReplaceCitations(nodes.citation_texts, ctx, cited);
    return work;
  }

  // Every diagnostic, printed as the user sees it.
  std::string Printed() const {
    std::string out;
    for (const Diagnostic& d : sink_.Sorted()) out += FormatHuman(d);
    return out;
  }

  FakeResolver resolver_;
  Options options_;
  DiagnosticSink sink_;
};

TEST(AppendCollapsedTest, SqueezesEveryWhitespaceRunToOneSpaceAndKeepsOtherBytes) {
  std::string out;
  AppendCollapsed("  a\t\tb\n\r\v\fc  ", &out);
  EXPECT_EQ(out, "a b c ");  // a leading run on empty output is dropped
  AppendCollapsed(" \td", &out);
  EXPECT_EQ(out, "a b c d");  // a run after the space already there is dropped
  // Control bytes below '\t', '\x0e'-'\x1f' and UTF-8 bytes are not whitespace.
  out = "x";
  AppendCollapsed("\x01\x08 \x0e\x1f caf\xc3\xa9 \xa0", &out);
  EXPECT_EQ(out, "x\x01\x08 \x0e\x1f caf\xc3\xa9 \xa0");
}

TEST_F(MarkdownTest, KeepsThePlainTextOnlyWhenAsked) {
  Rendered kept = Run("## Kop\n\nTekst *vet*.\n");
  EXPECT_EQ(kept.plain_text, "Kop Tekst vet.");
  options_.keep_plain_text = false;
  Rendered dropped = Run("## Kop\n\nTekst *vet*.\n");
  EXPECT_EQ(dropped.plain_text, "");
  ASSERT_EQ(dropped.sections.size(), 1u);  // the sections still have the text
  EXPECT_EQ(dropped.sections[0].heading, "Kop");
  EXPECT_EQ(dropped.sections[0].text, "Tekst vet.");
}

TEST_F(MarkdownTest, RewritesRelativeLinksAndKeepsAnchors) {
  Rendered out = Run(
      "Zie [eigen kracht](../kenmerken/eigen-kracht-versterken.md#effect), "
      "[buurt](./buurtbemiddeling.md) en ![schema](img/schema.png).\n");
  EXPECT_EQ(out.html,
            "<p>Zie <a href=\"../../kenmerken/eigen-kracht-versterken/#effect\">eigen kracht</a>, "
            "<a href=\"../buurtbemiddeling/\">buurt</a> en "
            "<img src=\"../../img/schema.png\" alt=\"schema\" />.</p>\n");
  EXPECT_EQ(Printed(), "");
}

TEST_F(MarkdownTest, LeavesExternalLinksAlone) {
  Rendered out = Run("[a](https://movisie.nl/x.md) [b](mailto:info@movisie.nl) [c](//cdn.nl/y)\n");
  EXPECT_EQ(out.html,
            "<p><a href=\"https://movisie.nl/x.md\">a</a> <a href=\"mailto:info@movisie.nl\">b</a> "
            "<a href=\"//cdn.nl/y\">c</a></p>\n");
  EXPECT_EQ(Printed(), "");
}

TEST_F(MarkdownTest, ReportsBrokenLinkAtLineAndColumnAfterFrontMatter) {
  const std::string file =
      "---\n"
      "titel: Buurtbemiddeling\n"
      "---\n"
      "Eerste alinea.\n"
      "\n"
      "Zie ook [eigen kracht](../kenmerken/eigen-kracht.md) voor meer.\n";
  options_.source_text = file;
  options_.line_offset = 3;
  Rendered out = Run(std::string_view(file).substr(file.find("Eerste")));
  EXPECT_EQ(Printed(),
            "content/praktijkvoorbeelden/x.md:6:24: error: link to "
            "'../kenmerken/eigen-kracht.md' points to no page\n"
            "    Zie ook [eigen kracht](../kenmerken/eigen-kracht.md) voor meer.\n"
            "                           ^\n"
            "  did you mean '../kenmerken/eigen-kracht-versterken.md'?\n");
  // The link stays as written; the build fails on the error anyway.
  EXPECT_NE(out.html.find("href=\"../kenmerken/eigen-kracht.md\""), std::string::npos);
}

TEST_F(MarkdownTest, ReportsEachOfTwoEqualBrokenLinksAtItsOwnColumn) {
  Run("Een [a](weg.md) en\nnog [b](weg.md) en [c](weg.md).\n");
  std::vector<Diagnostic> d = sink_.Sorted();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].location.line, 1);
  EXPECT_EQ(d[0].location.column, 9);
  EXPECT_EQ(d[1].location.line, 2);
  EXPECT_EQ(d[1].location.column, 9);
  EXPECT_EQ(d[2].location.line, 2);
  EXPECT_EQ(d[2].location.column, 24);
}

TEST_F(MarkdownTest, LocatesLinksInFrontMatterValuesInTheFileLine) {
  options_.source_text = "---\nsamenvatting: Zie [x](weg.md) en [y](weg.md)\n---\nTekst.\n";
  options_.line_offset = 1;
  options_.inline_only = true;
  Run("Zie [x](weg.md) en [y](weg.md)");
  EXPECT_EQ(Printed(),
            "content/praktijkvoorbeelden/x.md:2:23: error: link to 'weg.md' points to no page\n"
            "    samenvatting: Zie [x](weg.md) en [y](weg.md)\n"
            "                          ^\n"
            "content/praktijkvoorbeelden/x.md:2:38: error: link to 'weg.md' points to no page\n"
            "    samenvatting: Zie [x](weg.md) en [y](weg.md)\n"
            "                                         ^\n");
}

TEST_F(MarkdownTest, ColumnsCountCodePointsNotBytes) {
  Run("Coördinatie: [x](weg.md)\n");
  std::vector<Diagnostic> d = sink_.Sorted();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.column, 18);
}

TEST_F(MarkdownTest, ChecksFragmentLinksAgainstHeadingsOfThePage) {
  Rendered out = Run("## Effect\n\nZie [effect](#effect) en [doel](#doelen).\n\n## Doel\n");
  EXPECT_EQ(out.html,
            "<h2 id=\"effect\">Effect</h2>\n"
            "<p>Zie <a href=\"#effect\">effect</a> en <a href=\"#doelen\">doel</a>.</p>\n"
            "<h2 id=\"doel\">Doel</h2>\n");
  EXPECT_EQ(Printed(),
            "content/praktijkvoorbeelden/x.md:3:33: warning: no heading with id 'doelen' on "
            "this page\n"
            "    Zie [effect](#effect) en [doel](#doelen).\n"
            "                                    ^\n"
            "  did you mean '#doel'?\n");
}

TEST_F(MarkdownTest, RendersKnownCitationsAsLinksInOrderOfFirstAppearance) {
  Rendered out = Run("Zo [@movisie2013] en [@baart2004; @movisie2013].\n");
  EXPECT_EQ(out.html,
            "<p>Zo (<a class=\"citation\" href=\"../../bronnen/movisie2013/\">Movisie, 2013</a>) "
            "en (<a class=\"citation\" href=\"../../bronnen/baart2004/\">Baart, 2004</a>; "
            "<a class=\"citation\" href=\"../../bronnen/movisie2013/\">Movisie, 2013</a>).</p>\n");
  EXPECT_EQ(out.citations, (std::vector<std::string>{"movisie2013", "baart2004"}));
  EXPECT_EQ(out.plain_text, "Zo (Movisie, 2013) en (Baart, 2004; Movisie, 2013).");
  EXPECT_EQ(Printed(), "");
}

TEST_F(MarkdownTest, ReportsUnknownCitationAndKeepsItAsText) {
  options_.line_offset = 4;
  Rendered out = Run("Tekst.\n\nVolgens *iedereen* [@movisie].\n");
  EXPECT_EQ(out.html, "<p>Tekst.</p>\n<p>Volgens <em>iedereen</em> [@movisie].</p>\n");
  EXPECT_TRUE(out.citations.empty());
  EXPECT_EQ(Printed(),
            "content/praktijkvoorbeelden/x.md:7:21: error: citation '@movisie' names no "
            "source\n"
            "    Volgens *iedereen* [@movisie].\n"
            "                        ^\n"
            "  did you mean 'movisie2013'?\n");
}

TEST_F(MarkdownTest, IgnoresBracketsThatAreNotCitations) {
  Rendered out = Run("Mail [@ iemand] of [zie @baart2004] of [@].\n");
  EXPECT_EQ(out.html, "<p>Mail [@ iemand] of [zie @baart2004] of [@].</p>\n");
  EXPECT_EQ(Printed(), "");
}

TEST_F(MarkdownTest, FindsCitationAfterFailedBracketsOnTheSameLine) {
  Rendered out = Run("[@a b [@c d [@baart2004] [@x y]\n");
  EXPECT_EQ(out.html,
            "<p>[@a b [@c d (<a class=\"citation\" href=\"../../bronnen/baart2004/\">Baart, "
            "2004</a>) [@x y]</p>\n");
}

// "[@a [@a [@a ... ]": searching for the "]" once per "[@" was quadratic
// (1.6 MB: ~20 s). Counted, not timed: the bytes the scan examines must grow
// with the text, 4x for 4x the text, not 16x.
TEST_F(MarkdownTest, ScansManyOpenCitationBracketsInLinearTime) {
  auto scan = [&](int brackets) {
    std::string md;
    for (int i = 0; i < brackets; ++i) md += "[@a ";
    md += "]\n";
    std::vector<Heading> headings;
    std::vector<std::string> cited;
    const PassWork work = RunCounted(md, &headings, &cited);
    EXPECT_EQ(cited.size(), 0u);
    EXPECT_LE(work.citation_bytes, 4 * md.size());  // each byte: a search, a parse
    return work.citation_bytes;
  };
  const uint64_t small = scan(100000);
  const uint64_t large = scan(400000);
  EXPECT_GE(small, 100000u);  // the scan was counted
  EXPECT_LE(large, 5 * small);
}

// cmark-gfm 0.29 needs super-linear time for links mixed with emphasis in
// one paragraph (16,000 pairs: 33 s, under a lock every thread waits on).
// Such a body is an error at its paragraph, and is not parsed.
TEST_F(MarkdownTest, RefusesAParagraphOfTooManyLinksAndEmphasisMarks) {
  options_.line_offset = 3;
  std::string md = "Intro.\n\n";
  for (int i = 0; i < 16000; ++i) md += "[a](b) *c* ";
  md += "\n";
  Rendered out = Run(md);
  EXPECT_EQ(out.html, "");
  ASSERT_EQ(sink_.Sorted().size(), 1u);
  const Diagnostic d = sink_.Sorted()[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.location.line, 6);
  EXPECT_EQ(d.location.column, 1);
  EXPECT_EQ(d.message,
            "this paragraph has too many links (16000 '[') and emphasis marks (32000 '*' or '_') "
            "to process safely");
}

// The budget is per paragraph: the same links and emphasis spread over
// paragraphs of a realistic size render, and so does a long real page.
TEST_F(MarkdownTest, RendersManyLinksAndEmphasisMarksSpreadOverParagraphs) {
  std::string md;
  for (int p = 0; p < 800; ++p) {
    for (int i = 0; i < 20; ++i) md += "[a](https://example.org) *c* _d_ ";
    md += "\n\n";
  }
  Rendered out = Run(md);
  EXPECT_EQ(Printed(), "");
  EXPECT_NE(out.html.find("<em>c</em>"), std::string::npos);
}

// Each paragraph within its own budget, but far too many of them: the page
// as a whole is refused, at its first line.
TEST_F(MarkdownTest, RefusesAPageWhoseParagraphsTogetherCostTooMuch) {
  options_.line_offset = 3;
  std::string md;
  for (int p = 0; p < 40; ++p) {
    for (int i = 0; i < 1000; ++i) md += "[a](b) *c* ";
    md += "\n\n";
  }
  Rendered out = Run(md);
  EXPECT_EQ(out.html, "");
  ASSERT_EQ(sink_.Sorted().size(), 1u);
  const Diagnostic d = sink_.Sorted()[0];
  EXPECT_EQ(d.location.line, 4);
  EXPECT_EQ(d.message,
            "this page has too many links and emphasis marks ('*' or '_') in all to process safely");
}

// Fenced code is never parsed for links or emphasis, so it costs nothing.
TEST_F(MarkdownTest, FencedCodeDoesNotCountAgainstTheBudget) {
  std::string md = "```\n";
  for (int i = 0; i < 3000; ++i) md += "a[i] = b_c * d_e;\n";
  md += "```\n";
  Rendered out = Run(md);
  EXPECT_EQ(Printed(), "");
  EXPECT_NE(out.html.find("<pre><code>"), std::string::npos);
}

TEST_F(MarkdownTest, GivesHeadingsUniqueStableIdsWithoutDiacritics) {
  Rendered out = Run("## Coördinatie\n\n## Coördinatie\n\n### Eigen kracht!\n\n## Coördinatie\n\n## ?\n");
  ASSERT_EQ(out.headings.size(), 5u);
  EXPECT_EQ(out.headings[0].id, "coordinatie");
  EXPECT_EQ(out.headings[1].id, "coordinatie-2");
  EXPECT_EQ(out.headings[2].id, "eigen-kracht");
  EXPECT_EQ(out.headings[3].id, "coordinatie-3");
  EXPECT_EQ(out.headings[4].id, "section");
  EXPECT_EQ(out.headings[2].text, "Eigen kracht!");
  EXPECT_EQ(out.headings[2].level, 3);
  EXPECT_EQ(out.headings[2].line, 5);
  EXPECT_EQ(out.html,
            "<h2 id=\"coordinatie\">Coördinatie</h2>\n<h2 id=\"coordinatie-2\">Coördinatie</h2>\n"
            "<h3 id=\"eigen-kracht\">Eigen kracht!</h3>\n"
            "<h2 id=\"coordinatie-3\">Coördinatie</h2>\n<h2 id=\"section\">?</h2>\n");
}

TEST_F(MarkdownTest, SuffixedIdSkipsIdsTakenByOtherHeadings) {
  Rendered out = Run("## A 2\n\n## A\n\n## A\n");
  EXPECT_EQ(out.headings[0].id, "a-2");
  EXPECT_EQ(out.headings[1].id, "a");
  EXPECT_EQ(out.headings[2].id, "a-3");
}

// A heading's inlines outlive its block (EmitHeadingIds frees it): the
// bare URL's link (made by the autolink extension in the second parse), the
// link's URL and the text of each must still be whole in the HTML (the ASan
// build checks that nothing is read from the freed block).
TEST_F(MarkdownTest, HeadingsWithLinksAndBareUrlsKeepTheirText) {
  Rendered out = Run("## Zie https://x.nl\n\n## [a](buurtbemiddeling.md) *c*\n\n## [a](b) *c*\n");
  ASSERT_EQ(out.headings.size(), 3u);
  EXPECT_EQ(out.headings[0].id, "zie-https-x-nl");
  EXPECT_EQ(out.headings[0].text, "Zie https://x.nl");
  EXPECT_EQ(out.headings[1].id, "a-c");
  EXPECT_EQ(out.headings[1].text, "a c");
  EXPECT_EQ(out.headings[2].id, "a-c-2");
  EXPECT_EQ(out.html,
            "<h2 id=\"zie-https-x-nl\">Zie <a href=\"https://x.nl\">https://x.nl</a></h2>\n"
            "<h2 id=\"a-c\"><a href=\"../buurtbemiddeling/\">a</a> <em>c</em></h2>\n"
            "<h2 id=\"a-c-2\"><a href=\"b\">a</a> <em>c</em></h2>\n");
}

// n equal headings: counting their suffixes from 2 each time tried n^2/2
// ids (20,000 headings: minutes). Counted, not timed: the suffixed ids tried
// must grow with the headings, 4x for 4x the headings, not 16x; also when
// headings of their own have taken the suffixes first.
TEST_F(MarkdownTest, NumbersManyEqualHeadingsInLinearTime) {
  auto number = [&](int n, bool taken_first) {
    std::string md;
    if (taken_first) {
      for (int i = 2; i <= n + 1; ++i) md += "## Vraag " + std::to_string(i) + "\n";
    }
    for (int i = 0; i < n; ++i) md += "## Vraag\n";
    std::vector<Heading> headings;
    std::vector<std::string> cited;
    const PassWork work = RunCounted(md, &headings, &cited);
    EXPECT_EQ(headings.size(), taken_first ? 2u * n : 1u * n);
    EXPECT_EQ(headings.back().id, "vraag-" + std::to_string(taken_first ? 2 * n : n));
    EXPECT_LE(work.heading_suffixes, 2 * headings.size());
    return work.heading_suffixes;
  };
  const uint64_t small = number(5000, false);
  const uint64_t large = number(20000, false);
  EXPECT_GE(small, 4999u);  // the tries were counted
  EXPECT_LE(large, 5 * small);
  EXPECT_LE(number(20000, true), 5 * number(5000, true));
}

TEST_F(MarkdownTest, WarnsAboutLevelOneHeadings) {
  options_.line_offset = 2;
  Rendered out = Run("Intro\n\n# Titel *twee*\n");
  EXPECT_EQ(out.html, "<p>Intro</p>\n<h1 id=\"titel-twee\">Titel <em>twee</em></h1>\n");
  EXPECT_EQ(Printed(),
            "content/praktijkvoorbeelden/x.md:5:1: warning: use ## for headings inside a page; "
            "the title is the page's only level-1 heading\n"
            "    # Titel *twee*\n"
            "    ^\n");
}

TEST_F(MarkdownTest, EscapesRawHtmlAsVisibleText) {
  Rendered out = Run("<script>alert(1)</script>\n\nTekst <b onclick=\"x()\">vet</b>.\n");
  EXPECT_EQ(out.html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
            "<p>Tekst &lt;b onclick=&quot;x()&quot;&gt;vet&lt;/b&gt;.</p>\n");
  EXPECT_EQ(out.html.find("<script"), std::string::npos);
}

TEST_F(MarkdownTest, DropsHtmlComments) {
  Rendered out = Run("<!-- notitie van de redactie -->\n\nTekst<!-- x -->.\n");
  EXPECT_EQ(out.html, "<p>Tekst.</p>\n");
}

TEST_F(MarkdownTest, KeepsHtmlAfterACommentVisible) {
  Rendered out = Run("<!-- a --> <img src=x onerror=alert(1)>\n");
  EXPECT_EQ(out.html, "<p>&lt;!-- a --&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n");
}

TEST_F(MarkdownTest, PassesHtmlWhenAllowed) {
  options_.allow_html = true;
  Rendered out = Run("<div class=\"kader\">\n\nTekst <b>vet</b>.\n\n</div>\n");
  EXPECT_EQ(out.html, "<div class=\"kader\">\n<p>Tekst <b>vet</b>.</p>\n</div>\n");
  EXPECT_EQ(out.plain_text, "Tekst vet.");
}

TEST_F(MarkdownTest, NeutralisesDangerousLinkSchemes) {
  const std::string md =
      "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](vbscript:x) "
      "[d](data:text/html;base64,PHNjcmlwdD4=) ![e](data:image/png;base64,iVBO) "
      "[f](<java\tscript:alert(1)>)\n";
  const std::string expected =
      "<p><a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a> <a href=\"\">d</a> "
      "<img src=\"data:image/png;base64,iVBO\" alt=\"e\" /> <a href=\"\">f</a></p>\n";
  EXPECT_EQ(Run(md).html, expected);
  options_.allow_html = true;  // also when raw HTML is trusted
  EXPECT_EQ(Run(md).html, expected);
  EXPECT_EQ(Printed(), "");
}

TEST_F(MarkdownTest, KeepsTemplateSyntaxLiteral) {
  Rendered out = Run("Hallo {{x}} en {{{y}}} [z]({{url}}).\n");
  EXPECT_EQ(out.html, "<p>Hallo {{x}} en {{{y}}} <a href=\"%7B%7Burl%7D%7D\">z</a>.</p>\n");
}

TEST_F(MarkdownTest, RendersGfmExtensions) {
  Rendered out = Run(
      "| a | b |\n|---|--:|\n| 1 | ~~2~~ |\n\n- [x] klaar\n- [ ] open\n\nZie www.movisie.nl.\n");
  EXPECT_EQ(out.html,
            "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n<th>a</th>\n"
            "<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n"
            "<td align=\"right\"><del>2</del></td>\n</tr>\n</tbody>\n</table>\n</div>\n"
            "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> klaar</li>\n"
            "<li><input type=\"checkbox\" disabled=\"\" /> open</li>\n</ul>\n"
            "<p>Zie <a href=\"http://www.movisie.nl\">www.movisie.nl</a>.</p>\n");
}

TEST_F(MarkdownTest, ReportsBrokenLinkInsideTableCell) {
  Run("| a | b |\n|---|---|\n| 1 | [x](weg.md) |\n");
  std::vector<Diagnostic> d = sink_.Sorted();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.line, 3);
  EXPECT_EQ(d[0].location.column, 11);
}

TEST_F(MarkdownTest, SplitsPlainTextIntoSections) {
  Rendered out = Run(
      "Inleiding met *nadruk*\nover twee regels.\n\n## Effect\n\n- een\n- twee\n\n"
      "### Meer `code`\n\n```\nx = 1\n```\n");
  EXPECT_EQ(out.plain_text,
            "Inleiding met nadruk over twee regels. Effect een twee Meer code x = 1");
  ASSERT_EQ(out.sections.size(), 3u);
  EXPECT_EQ(out.sections[0].heading, "");
  EXPECT_EQ(out.sections[0].level, 0);
  EXPECT_EQ(out.sections[0].text, "Inleiding met nadruk over twee regels.");
  EXPECT_EQ(out.sections[1].heading, "Effect");
  EXPECT_EQ(out.sections[1].anchor, "effect");
  EXPECT_EQ(out.sections[1].level, 2);
  EXPECT_EQ(out.sections[1].text, "een twee");
  EXPECT_EQ(out.sections[2].heading, "Meer code");
  EXPECT_EQ(out.sections[2].anchor, "meer-code");
  EXPECT_EQ(out.sections[2].text, "x = 1");
}

TEST_F(MarkdownTest, OmitsEmptyLeadSection) {
  Rendered out = Run("## Effect\n\nTekst.\n");
  ASSERT_EQ(out.sections.size(), 1u);
  EXPECT_EQ(out.sections[0].anchor, "effect");
}

TEST_F(MarkdownTest, InlineOnlyDropsParagraphWrapper) {
  options_.inline_only = true;
  EXPECT_EQ(Run("Een *korte* samenvatting").html, "Een <em>korte</em> samenvatting");
  EXPECT_EQ(Run("Twee\n\nalinea's").html, "<p>Twee</p>\n<p>alinea's</p>\n");
  EXPECT_EQ(Run("").html, "");
}

TEST_F(MarkdownTest, SurvivesInvalidUtf8AndEmptyInput) {
  Rendered out = Run("a\xff" "b\n");
  EXPECT_EQ(out.html, "<p>a\xef\xbf\xbd" "b</p>\n");
  EXPECT_EQ(Run("").html, "");
  EXPECT_EQ(Render("[x](weg.md)", options_, resolver_, nullptr).html,
            "<p><a href=\"weg.md\">x</a></p>\n");
}

}  // namespace
}  // namespace kapstok::markdown
