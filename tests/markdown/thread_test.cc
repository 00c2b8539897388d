// Render() from several threads at once gives the same output as from one.
// cmark-gfm 0.29 shares inline parser state between parsers (see
// cmark_util.cc); strikethrough and autolinks are what a race would break.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "fake_resolver.h"
#include "markdown/cmark_util.h"
#include "markdown/markdown.h"

namespace kapstok::markdown {
namespace {

TEST(MarkdownThreadTest, RendersTheSameFromManyThreads) {
  FakeResolver resolver;
  resolver.links["a.md"] = "../a/";
  resolver.sources["baart2004"] = Citation{"../../bronnen/baart2004/", "Baart, 2004"};
  std::string md;
  for (int i = 0; i < 50; ++i) {
    md += "## Kop " + std::to_string(i % 7) + "\n\nTekst ~~weg~~ www.movisie.nl [a](a.md) "
          "[@baart2004] <b>x</b>\n\n| a | b |\n|---|---|\n| ~~1~~ | https://x.nl |\n\n";
  }
  Options options;
  options.path = "x.md";
  options.keep_plain_text = true;
  DiagnosticSink sink;
  const Rendered expected = Render(md, options, resolver, &sink);
  ASSERT_NE(expected.html.find("<del>weg</del>"), std::string::npos);
  ASSERT_NE(expected.html.find("<a href=\"http://www.movisie.nl\">"), std::string::npos);

  constexpr int kThreads = 4, kRounds = 40;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        Rendered out = Render(md, options, resolver, &sink);
        if (out.html != expected.html || out.plain_text != expected.plain_text) ++mismatches[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
  EXPECT_EQ(sink.error_count(), 0);
}

// Pages with a bare URL parse with ':' and 'w' in cmark's shared table of
// special characters, the others without (cmark_util.cc): rendering both
// kinds on many threads at once must give what one thread gives.
TEST(MarkdownThreadTest, PagesWithAndWithoutUrlAutolinksRenderTheSameFromManyThreads) {
  FakeResolver resolver;
  std::string with_urls, without_urls;
  for (int i = 0; i < 40; ++i) {
    with_urls += "Zie www.movisie.nl en https://x.nl/" + std::to_string(i) + " ~~weg~~ wel.\n\n";
    without_urls += "Wij werken: ~~weg~~ wel, [w](https://w.nl) *ook* wat mail@x.nl.\n\n";
  }
  Options options;
  options.path = "x.md";
  options.keep_plain_text = true;
  const Rendered expected_with = Render(with_urls, options, resolver, nullptr);
  const Rendered expected_without = Render(without_urls, options, resolver, nullptr);
  ASSERT_NE(expected_with.html.find("<a href=\"http://www.movisie.nl\">"), std::string::npos);
  ASSERT_NE(expected_without.html.find("<del>weg</del>"), std::string::npos);
  ASSERT_NE(expected_without.html.find("mailto:mail@x.nl"), std::string::npos);

  constexpr int kThreads = 4, kRounds = 60;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        const bool urls = (r + t) % 3 == 0;
        const Rendered out = Render(urls ? with_urls : without_urls, options, resolver, nullptr);
        if (out.html != (urls ? expected_with : expected_without).html) ++mismatches[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// Many different pages of both classes (with and without a bare URL) on
// many threads, each thread in its own order, so that parses of one class
// overlap each other and the gate (cmark_util.cc) switches between the
// classes often: every page renders as it does on one thread.
TEST(MarkdownThreadTest, ManyPagesOfBothClassesRenderTheSameFromManyThreads) {
  FakeResolver resolver;
  constexpr int kPages = 47;  // prime: every stride below is a permutation
  std::vector<std::string> pages;
  for (int i = 0; i < kPages; ++i) {
    std::string md = "## Kop " + std::to_string(i) + "\n\n";
    for (int j = 0; j < 20; ++j) {
      md += (i % 2 == 0) ? "Zie www.movisie.nl/" + std::to_string(i) + " en http://x.nl ~~weg~~.\n\n"
                         : "Wij werken: ~~weg~~ wel, [w](https://w.nl) wat " + std::to_string(j) +
                               " mail@x.nl.\n\n";
    }
    pages.push_back(std::move(md));
  }
  Options options;
  options.path = "x.md";
  options.keep_plain_text = true;
  std::vector<Rendered> expected;
  for (const std::string& md : pages) expected.push_back(Render(md, options, resolver, nullptr));
  ASSERT_NE(expected[0].html.find("<a href=\"http://www.movisie.nl/0\">"), std::string::npos);
  ASSERT_NE(expected[1].html.find("<del>weg</del>"), std::string::npos);
  ASSERT_NE(expected[1].html.find("mailto:mail@x.nl"), std::string::npos);

  constexpr int kThreads = 8, kRounds = 6;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        for (int k = 0; k < kPages; ++k) {
          const int i = (k * (2 * t + 1) + r) % kPages;
          const Rendered out = Render(pages[i], options, resolver, nullptr);
          if (out.html != expected[i].html || out.plain_text != expected[i].plain_text) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// The threads above parsed inlines in parallel (parses of one class at a
// time, see cmark_util.cc): cmark-gfm calls Kapstok's replacement for its
// special-character bookkeeping. If a library
// update binds that call internally, parsing silently falls back to one
// thread at a time; this says so.
TEST(MarkdownThreadTest, InlineParsingIsNotSerialised) {
  FakeResolver resolver;
  Options options;
  options.path = "x.md";
  DiagnosticSink sink;
  const Rendered out = Render("Tekst ~~weg~~ www.movisie.nl\n", options, resolver, &sink);
  EXPECT_NE(out.html.find("<del>weg</del>"), std::string::npos) << out.html;
  EXPECT_TRUE(InlineParsingIsParallel());
}

}  // namespace
}  // namespace kapstok::markdown
