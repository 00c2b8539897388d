// The markdown stage's fast paths must give exactly what the simple code they
// shortcut gives: whitespace collapsing with a vector scan, cmark's UTF-8
// check skipped on valid input, the complexity budget's counting, parsing
// without URL autolinks.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "cmark_html.h"
#include "fake_resolver.h"
#include "markdown/cmark_util.h"
#include "markdown/markdown.h"
#include "markdown/passes.h"
#include "markdown/source_locator.h"

namespace kapstok::markdown {
namespace {

// The byte-at-a-time definition of AppendCollapsed.
void ReferenceAppendCollapsed(std::string_view text, std::string* out) {
  bool after_space = out->empty() || out->back() == ' ';
  for (char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      if (!after_space) out->push_back(' ');
      after_space = true;
    } else {
      out->push_back(c);
      after_space = false;
    }
  }
}

TEST(AppendCollapsedTest, MatchesTheByteAtATimeDefinitionOnRandomText) {
  // Mostly letters and single spaces, like prose, with every kind of
  // whitespace and bytes next to them ('\x08', '\x0e', UTF-8) mixed in, at
  // every length around the 16-byte blocks.
  const std::string alphabet = "aaaaabc      \t\n\r\v\f\x08\x0e\xc3\xa9_";
  std::mt19937 random(9);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t length = random() % 70;
    for (size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    for (const std::string start : {"", "x", "x ", "x\t"}) {
      std::string got = start, want = start;
      AppendCollapsed(text, &got);
      ReferenceAppendCollapsed(text, &want);
      ASSERT_EQ(got, want) << "text \"" << text << "\" after \"" << start << "\"";
    }
  }
}

TEST(AppendCollapsedTest, FindsTheFirstChangeAtEveryPosition) {
  for (size_t length = 1; length < 72; ++length) {
    for (size_t at = 0; at < length; ++at) {
      for (const char* change : {"  ", "\t", "\n", "\r", "\v", "\f"}) {
        std::string text(length, 'a');
        for (size_t i = 3; i < length; i += 4) text[i] = ' ';
        text.replace(at, 1, change);
        std::string got = "x", want = "x";
        AppendCollapsed(text, &got);
        ReferenceAppendCollapsed(text, &want);
        ASSERT_EQ(got, want) << "text \"" << text << "\"";
      }
    }
  }
}

TEST(RenderUtf8Test, ReplacesInvalidBytesExactlyAsCmarkDoesAndKeepsValidText) {
  FakeResolver resolver;
  Options options;
  options.path = "x.md";
  const std::vector<std::string> inputs = {
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbd\n",  // valid
      "a\xff" "b\n",
      "overlong \xc0\xaf and \xe0\x80\xaf and \xf0\x80\x80\xaf\n",
      "surrogate \xed\xa0\x80 here\n",
      "too high \xf4\x90\x80\x80 and \xf5\x80\x80\x80\n",
      "lone \x80 continuation \xbf\n",
      "cut \xe2\x82\nnext line\n",
      "at the end \xe2\x82",
      std::string("nul \0 byte\n", 10),
      "- item \xc3\n- item \xc3\xa9\n\n> quote \xfe\n\n`code \xc3`\n",
  };
  for (const std::string& input : inputs) {
    EXPECT_EQ(Render(input, options, resolver, nullptr).html, CmarkHtml(input, CMARK_OPT_VALIDATE_UTF8))
        << "input \"" << input << "\"";
  }
}

// Render() skips the parser for plain words (IsPlainText): it must give
// what parsing gives, for every option, and parse whatever is not plain.
TEST(PlainTextTest, GivesExactlyWhatParsingGives) {
  FakeResolver resolver;
  const std::vector<std::string> pieces = {
      "a", "Zorg", "é", "’", "1", "2.", " ", "  ", ".", ",", ";", "?", "(", ")", "/", "'", "%",
      "-", "www.", "Www.x", "w", "*", "_", "[", "]", "<", ">", "&", "\"", ":", "@", "#", "~",
      "|", "`", "\\", "!", "\t", "\n", "=", "+", "\xa0", "\xc2\xa0", "\xe2\x80\xa8",
      "\xef\xbb\xbf"};
  std::mt19937 random(11);
  int plain = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    const size_t n = random() % 8;
    for (size_t i = 0; i < n; ++i) {
      // Mostly the plain pieces, so that plain texts are common.
      text += pieces[random() % (random() % 4 == 0 ? pieces.size() : 19)];
    }
    for (bool inline_only : {false, true}) {
      Options options;
      options.path = "x.md";
      options.inline_only = inline_only;
      options.keep_plain_text = true;
      const Rendered got = Render(text, options, resolver, nullptr);
      const Rendered want = RenderParsed(text, options, resolver, nullptr);
      ASSERT_EQ(got.html, want.html) << "text \"" << text << "\"";
      ASSERT_EQ(got.plain_text, want.plain_text) << "text \"" << text << "\"";
      ASSERT_EQ(got.sections.size(), want.sections.size()) << "text \"" << text << "\"";
      for (size_t i = 0; i < got.sections.size(); ++i) {
        ASSERT_EQ(got.sections[i].text, want.sections[i].text) << "text \"" << text << "\"";
        ASSERT_EQ(got.sections[i].level, want.sections[i].level);
      }
      ASSERT_EQ(got.headings.size(), want.headings.size());
    }
    plain += IsPlainText(text);
  }
  EXPECT_GT(plain, 1000);  // the fast path was taken often
  EXPECT_TRUE(IsPlainText("Buurtwerk (Tilburg) helpt 24 gezinnen, ook ’s avonds."));
  EXPECT_FALSE(IsPlainText("1. Werken"));
  EXPECT_FALSE(IsPlainText("Zie www.movisie.nl"));
  EXPECT_FALSE(IsPlainText("Eind "));
  // cmark drops a byte order mark at the start of the document (and nowhere
  // else); Unicode spaces at the start are kept as they are.
  Options options;
  options.path = "x.md";
  options.keep_plain_text = true;
  EXPECT_FALSE(IsPlainText("\xef\xbb\xbfHello world"));
  EXPECT_EQ(Render("\xef\xbb\xbfHello world", options, resolver, nullptr).html,
            "<p>Hello world</p>\n");
  EXPECT_EQ(Render("\xef\xbb\xbfHello world", options, resolver, nullptr).plain_text,
            "Hello world");
  for (const std::string text :
       {"Hello\xef\xbb\xbfworld", "\xc2\xa0Hello", "\xe2\x80\xa8Hello", "\xe2\x80\x83Hello",
        "\xe3\x80\x80Hello", "Hello\xc2\xa0", "Hello\xe2\x80\xa9"}) {
    EXPECT_TRUE(IsPlainText(text)) << text;
    EXPECT_EQ(Render(text, options, resolver, nullptr).html,
              RenderParsed(text, options, resolver, nullptr).html)
        << text;
    EXPECT_EQ(Render(text, options, resolver, nullptr).plain_text,
              RenderParsed(text, options, resolver, nullptr).plain_text)
        << text;
  }
}

TEST(InlineBudgetTest, CountsEveryMarkOfALongParagraph) {
  FakeResolver resolver;
  Options options;
  options.path = "x.md";
  // 2000 × 2000 is exactly the paragraph budget; one more '[' is over it.
  const std::string at_budget = std::string(2000, '[') + "\n" + std::string(1000, '*') +
                                std::string(1000, '_') + "\n";
  DiagnosticSink within;
  Render(at_budget, options, resolver, &within);
  EXPECT_TRUE(within.Sorted().empty());
  DiagnosticSink over;
  Render("[" + at_budget, options, resolver, &over);
  ASSERT_EQ(over.Sorted().size(), 1u);
  EXPECT_EQ(over.Sorted()[0].location.line, 1);
  // A fence indented by four spaces is no fence: the marks below it count.
  DiagnosticSink indented;
  Render("text\n\n    ```\n[" + at_budget, options, resolver, &indented);
  ASSERT_EQ(indented.Sorted().size(), 1u);
  EXPECT_EQ(indented.Sorted()[0].location.line, 3);  // the paragraph starts there
  // Three spaces still open a fence, and a blank line of spaces and tabs
  // ends a paragraph.
  DiagnosticSink fenced;
  Render("   ```\n[" + at_budget + "```\n" + at_budget + " \t\r\n" + at_budget, options,
         resolver, &fenced);
  EXPECT_TRUE(fenced.Sorted().empty());
}

// RenderParsed's fast parse (ParseMode::kFast: the autolink extension only
// with an '@', URL autolinks only when a text node still holds "www." or
// "://") must give exactly what parsing with every extension gives.
// Every field, to compare whole values.
std::string Describe(const Heading& h) {
  return std::to_string(h.level) + "|" + h.text + "|" + h.id + "|" + std::to_string(h.line);
}

std::string Describe(const AnchorLink& a) {
  const Diagnostic& w = a.warning;
  return a.href + "|" + a.fragment + "|" + std::to_string(static_cast<int>(w.severity)) + "|" +
         w.location.path + ":" + std::to_string(w.location.line) + ":" +
         std::to_string(w.location.column) + "|" + w.message + "|" + w.hint + "|" +
         w.source_line + "|" + w.code;
}

TEST(ParseModeTest, FastParseGivesExactlyWhatTheReferenceParseGives) {
  FakeResolver resolver;
  resolver.links["a.md"] = "../a/";
  resolver.sources["baart2004"] = Citation{"../../bronnen/baart2004/", "Baart, 2004"};
  const std::vector<std::string> pieces = {
      "a", "wijk", "w", "ww", "www", "www.", "www.x.nl", "WWW.x.nl", ".", "nl", " ", "  ", "\n",
      "\n\n", ":", "//", "://", "http", "https://x.nl", "ftp://a.b", "http://", "mailto:",
      "xmpp:", "@", "a@b.nl", "x.y@z.com", "[@baart2004]", "[@x]", "[", "]", "(", ")",
      "[a](a.md)", "[www.x.nl](a.md)", "](http://x.nl)", "<", ">", "<http://x.nl>", "*", "_",
      "~", "~~", "`", "``", "\\", "!", "&", "&#58;", "&amp;", "#", "## ", "- ", "1. ", "> ",
      "```\n", "    ", "|", "| a | b |\n|---|---|\n", "-", "é", "'", "\"", "<b>", "<!-- c -->",
      "/", "_x_", "*y*", "|", " | ", "\n|-|\n", "---", "-", "--", ":-", "-:", ":-:", "\n:-\n",
      "\n-:", "\n---\n", "\v", "\f", "\t", "\n--\v\n", "\n- \f\n", "- [ ] ", "- [x] ",
      "[b](a.md#kop)", "[c](#x)"};
  std::mt19937 random(5);
  int reparsed = 0, tables = 0, anchor_links = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    const size_t n = 1 + random() % 14;
    for (size_t i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    Options options;
    options.path = "x.md";
    options.keep_plain_text = true;
    options.allow_html = round % 3 == 0;
    DiagnosticSink got_sink, want_sink;
    const Rendered got = RenderParsed(text, options, resolver, &got_sink, ParseMode::kFast);
    const Rendered want =
        RenderParsed(text, options, resolver, &want_sink, ParseMode::kReference);
    ASSERT_EQ(got.html, want.html) << "text \"" << text << "\"";
    ASSERT_EQ(got.plain_text, want.plain_text) << "text \"" << text << "\"";
    ASSERT_EQ(got.sections.size(), want.sections.size()) << "text \"" << text << "\"";
    for (size_t i = 0; i < got.sections.size(); ++i) {
      ASSERT_EQ(got.sections[i].text, want.sections[i].text) << "text \"" << text << "\"";
      ASSERT_EQ(got.sections[i].anchor, want.sections[i].anchor) << "text \"" << text << "\"";
      ASSERT_EQ(got.sections[i].heading, want.sections[i].heading) << "text \"" << text << "\"";
      ASSERT_EQ(got.sections[i].level, want.sections[i].level) << "text \"" << text << "\"";
    }
    ASSERT_EQ(got.headings.size(), want.headings.size()) << "text \"" << text << "\"";
    for (size_t i = 0; i < got.headings.size(); ++i) {
      ASSERT_EQ(Describe(got.headings[i]), Describe(want.headings[i])) << "text \"" << text << "\"";
    }
    ASSERT_EQ(got.citations, want.citations) << "text \"" << text << "\"";
    ASSERT_EQ(got.anchor_links.size(), want.anchor_links.size()) << "text \"" << text << "\"";
    for (size_t i = 0; i < got.anchor_links.size(); ++i) {
      ASSERT_EQ(Describe(got.anchor_links[i]), Describe(want.anchor_links[i]))
          << "text \"" << text << "\"";
      anchor_links += 1;
    }
    ASSERT_EQ(got_sink.Sorted().size(), want_sink.Sorted().size()) << "text \"" << text << "\"";
    for (size_t i = 0; i < got_sink.Sorted().size(); ++i) {
      ASSERT_EQ(got_sink.Sorted()[i].location.column, want_sink.Sorted()[i].location.column);
      ASSERT_EQ(got_sink.Sorted()[i].message, want_sink.Sorted()[i].message);
    }
    reparsed += want.html.find("<a href=\"http") != std::string::npos;
    tables += want.html.find("<table>") != std::string::npos;
  }
  EXPECT_GT(reparsed, 1000);  // URL autolinks were made often
  EXPECT_GT(tables, 300);     // and tables
  EXPECT_GT(anchor_links, 300);  // and links with a fragment to another page
}

TEST(ParseModeTest, MayHaveTableForEveryKindOfDelimiterRow) {
  for (const char* table : {"a|b\n-|-\n", "a\n:-\n", "a\n-:\n", "a\n:-:\n",
                            "a\n---\v\n", "a\n-\f\n"}) {
    EXPECT_TRUE(MayHaveTable(table)) << table;
    EXPECT_NE(RenderParsed(table, Options{}, FakeResolver(), nullptr, ParseMode::kReference)
                  .html.find("<table>"),
              std::string::npos)
        << table;
  }
  EXPECT_FALSE(MayHaveTable("a\n---\n"));  // a setext heading
  EXPECT_FALSE(MayHaveTable("a\n - \t\n"));
  EXPECT_FALSE(MayHaveTable("Doel: - werken -"));
}

// Whole-body counting decides only below the paragraph budget; the marks
// must be counted exactly wherever they are, by the vector loop and its
// tail.
TEST(InlineBudgetTest, CountsMarksScatteredAnywhereInAParagraph) {
  FakeResolver resolver;
  Options options;
  options.path = "x.md";
  std::mt19937 random(3);
  for (int round = 0; round < 20; ++round) {
    std::string marks = std::string(2000, '[') + std::string(1000, '*') + std::string(1000, '_');
    std::string text(3000 + random() % 5000, 'a');
    for (char m : marks) text.insert(random() % (text.size() + 1), 1, m);
    DiagnosticSink within;
    Render(text, options, resolver, &within);
    EXPECT_TRUE(within.Sorted().empty()) << "round " << round;
    text.insert(random() % (text.size() + 1), 1, round % 2 ? '[' : '_');
    DiagnosticSink over;
    Render(text, options, resolver, &over);
    EXPECT_EQ(over.Sorted().size(), 1u) << "round " << round;
  }
}

TEST(ParseModeTest, HasUrlStartFindsWwwDotAndColonSlashSlash) {
  EXPECT_TRUE(HasUrlStart("zie www.x.nl"));
  EXPECT_TRUE(HasUrlStart("www."));
  EXPECT_TRUE(HasUrlStart("a://"));
  EXPECT_TRUE(HasUrlStart("://"));
  EXPECT_FALSE(HasUrlStart("www"));
  EXPECT_FALSE(HasUrlStart("ww.w"));
  EXPECT_FALSE(HasUrlStart("WWW.x"));  // cmark-gfm links lower-case "www." only
  EXPECT_FALSE(HasUrlStart(":/ /"));
  EXPECT_FALSE(HasUrlStart(""));
}

// The passes read nodes through cmark-gfm's installed node layout (Walk,
// LiteralOf, TypeOf in cmark_util.h): it must be the running library's, and
// give what the library's own iterator and accessors give.
TEST(NodeLayoutTest, WalkAndLiteralOfAgreeWithCmarksIteratorAndAccessors) {
  EXPECT_EQ(cmark_version(), CMARK_GFM_VERSION);
  const std::vector<std::string> pieces = {
      "a", "wijk ", "# ", "## h\n", "\n", "\n\n", "- ", "1. ", "> ", "```\ncode\n```\n",
      "    ind\n", "`c`", "*e*", "**s**", "~~d~~", "[l](u)", "![i](j)", "<b>", "<!-- x -->\n",
      "<div>\nx\n</div>\n", "| a | b |\n|---|---|\n| c | d |\n", "---\n", "  \n", "\\\n",
      "&amp;", "www.x.nl", "a@b.nl", "- [ ] t\n", "é", "[@x]", ""};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t n = random() % 16;
    for (size_t i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    ParserPtr parser = NewGfmParser(CMARK_OPT_DEFAULT);
    NodePtr document = ParseDocument(parser.get(), text);
    std::vector<std::pair<cmark_event_type, cmark_node*>> walked, iterated;
    Walk(
        document.get(), [&](cmark_node* node) { walked.push_back({CMARK_EVENT_ENTER, node}); },
        [&](cmark_node* node) { walked.push_back({CMARK_EVENT_EXIT, node}); });
    std::vector<std::string> literals;  // before cmark_node_get_literal copies them
    for (const auto& [event, node] : walked) literals.emplace_back(LiteralOf(node));
    cmark_iter* iter = cmark_iter_new(document.get());
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
      iterated.push_back({event, cmark_iter_get_node(iter)});
    }
    cmark_iter_free(iter);
    ASSERT_EQ(walked, iterated) << "text \"" << text << "\"";
    for (size_t i = 0; i < walked.size(); ++i) {
      cmark_node* node = walked[i].second;
      ASSERT_EQ(TypeOf(node), cmark_node_get_type(node));
      const char* literal = cmark_node_get_literal(node);
      ASSERT_EQ(literals[i], literal ? literal : "") << "text \"" << text << "\"";
    }
  }
}

// IsDangerousUrl decides most URLs by their first byte; the full comparison
// of a normalised prefix must agree everywhere.
bool ReferenceIsDangerousUrl(std::string_view url) {
  std::string p;
  for (size_t i = 0; i < url.size() && p.size() < 16; ++i) {
    const unsigned char u = static_cast<unsigned char>(url[i]);
    if (u <= 0x20) continue;
    p += static_cast<char>(u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u);
  }
  std::string_view v = p;
  if (v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("file:")) {
    return true;
  }
  if (!v.starts_with("data:")) return false;
  for (std::string_view ok : {"data:image/png", "data:image/gif", "data:image/jpeg",
                              "data:image/webp"}) {
    if (v.starts_with(ok)) return false;
  }
  return true;
}

TEST(DangerousUrlTest, AgreesWithTheFullPrefixComparison) {
  const std::vector<std::string> pieces = {
      "javascript:", "JavaScript:", "java", "script:", "vbscript:", "VBScript:", "file:",
      "FILE:", "data:", "DATA:", "data:image/png", "data:image/svg", "image/gif", " ", "\t",
      "\n", "\x01", "\x7f", "\xc3\xa9", "J", "v", "f", "d", "../", "x.md", "#a", "/", "https:",
      "//", ":", "*", "j\x0a", "J\x4a"};
  std::mt19937 random(13);
  for (int round = 0; round < 100000; ++round) {
    std::string url;
    const size_t n = random() % 6;
    for (size_t i = 0; i < n; ++i) url += pieces[random() % pieces.size()];
    ASSERT_EQ(IsDangerousUrl(url), ReferenceIsDangerousUrl(url)) << "url \"" << url << "\"";
  }
  EXPECT_TRUE(IsDangerousUrl(" \tJava\nScript:alert(1)"));
  EXPECT_FALSE(IsDangerousUrl("../kenmerken/x.md"));
}

// Headings take their line from StartLineOf, which finds no column; it must
// give StartOf's line for every block, line endings of any kind, whether
// asked first or after StartOf.
TEST(SourceLocatorTest, StartLineOfIsTheLineOfStartOf) {
  const std::vector<std::string> pieces = {"a", "# h", "\n", "\r\n", "\r", "\n\n", "- ",
                                           "> ", "```\n", "    ", "| a |\n|---|\n", "\xc3\xa9"};
  std::mt19937 random(17);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t n = random() % 20;
    for (size_t i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    Options options;
    options.path = "x.md";
    options.line_offset = static_cast<int>(random() % 3);
    ParserPtr parser = NewGfmParser(CMARK_OPT_DEFAULT);
    NodePtr document = ParseDocument(parser.get(), text);
    SourceLocator counted(text, options, nullptr), indexed(text, options, nullptr);
    Walk(
        document.get(),
        [&](cmark_node* node) {
          if (!IsBlock(node)) return;
          const int want = indexed.StartOf(node).line;
          ASSERT_EQ(counted.StartLineOf(node), want) << "text \"" << text << "\"";
          ASSERT_EQ(indexed.StartLineOf(node), want) << "text \"" << text << "\"";
        },
        [](cmark_node*) {});
  }
}

}  // namespace
}  // namespace kapstok::markdown
