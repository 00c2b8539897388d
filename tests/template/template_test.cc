// Behaviour of TemplateSet beyond the Mustache spec: value formatting, the
// context-stack API, shared values, Kapstok's HTML escaping, whitespace of a
// realistic layout, self-inclusion and rendering from many threads at once.
#include "template/template.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kapstok::tmpl {
namespace {

std::string RenderString(std::string_view text, const Value& view,
                         const std::map<std::string, std::string>& partials = {}) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString(text, partials, &sink);
  EXPECT_NE(set, nullptr);
  return set == nullptr ? "" : set->Render(TemplateSet::kMain, view);
}

TEST(TemplateTest, FormatsNumbersAndBooleans) {
  Value v;
  v.Set("i", int64_t{-42}).Set("d", 1.21).Set("whole", 2.0).Set("sum", 0.1 + 0.2);
  v.Set("yes", true).Set("no", false).Set("nothing", Value());
  EXPECT_EQ(RenderString("{{i}} {{d}} {{whole}} {{sum}} {{yes}} {{no}} [{{nothing}}]", v),
            "-42 1.21 2 0.30000000000000004 true false []");
}

TEST(TemplateTest, EscapesAllFiveHtmlCharacters) {
  Value v;
  v.Set("s", "<a href=\"x\">Tom & Jerry's</a>");
  EXPECT_EQ(RenderString("{{s}}|{{{s}}}|{{&s}}", v),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;|"
            "<a href=\"x\">Tom & Jerry's</a>|<a href=\"x\">Tom & Jerry's</a>");
}

TEST(TemplateTest, ListsAndObjectsInterpolateAsNothing) {
  Value v;
  v.Set("list", Value::List{1, 2}).Set("object", Value().Set("a", 1));
  EXPECT_EQ(RenderString("[{{list}}][{{object}}]", v), "[][]");
}

TEST(TemplateTest, ContextStackIsSearchedFromTheTop) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString("{{site}} / {{title}} / {{a.b}}", {}, &sink);
  ASSERT_NE(set, nullptr);
  Value site;
  site.Set("site", "Handboek").Set("title", "site title").Set("a", Value().Set("b", "deep"));
  Value page;
  page.Set("title", "Buurtbemiddeling");
  std::string out = "> ";
  set->Render(TemplateSet::kMain, {&site, &page}, &out);
  EXPECT_EQ(out, "> Handboek / Buurtbemiddeling / deep");
}

TEST(TemplateTest, SeesThroughSharedValues) {
  auto nav = std::make_shared<const Value>(
      Value().Set("items", Value::List{Value().Set("t", "a"), Value().Set("t", "b")}));
  Value view;
  view.Set("nav", Value::Shared(nav));
  EXPECT_EQ(RenderString("{{#nav.items}}<{{t}}>{{/nav.items}}", view), "<a><b>");
}

TEST(TemplateTest, LayoutWithBlocksAndIndentedPartials) {
  std::map<std::string, std::string> partials = {
      {"layouts/base",
       "<html>\n"
       "  <head><title>{{$title}}Kapstok{{/title}}</title></head>\n"
       "  <body>\n"
       "    {{> partials/header}}\n"
       "    {{$main}}\n"
       "    <p>default</p>\n"
       "    {{/main}}\n"
       "  </body>\n"
       "</html>\n"},
      {"partials/header", "<header>\n  <h1>{{site}}</h1>\n</header>\n"},
  };
  std::string page =
      "{{<layouts/base}}\n"
      "{{$title}}{{title}} | {{site}}{{/title}}\n"
      "{{$main}}\n"
      "<ul>\n"
      "{{#items}}\n"
      "  <li>{{.}}</li>\n"
      "{{/items}}\n"
      "</ul>\n"
      "{{/main}}\n"
      "{{/layouts/base}}\n";
  Value v;
  v.Set("site", "Handboek").Set("title", "Wmo").Set("items", Value::List{"a", "b"});
  EXPECT_EQ(RenderString(page, v, partials),
            "<html>\n"
            "  <head><title>Wmo | Handboek</title></head>\n"
            "  <body>\n"
            "    <header>\n"
            "      <h1>Handboek</h1>\n"
            "    </header>\n"
            "    <ul>\n"
            "      <li>a</li>\n"
            "      <li>b</li>\n"
            "    </ul>\n"
            "  </body>\n"
            "</html>\n");
}

// The linker pre-indents the text in sections of standalone partials and
// blocks for the indentation it expects; any other indentation must still
// come out right (the same partial at two depths, a page that is itself
// indented).
TEST(TemplateTest, IndentationOtherThanTheLinkersGuessStillApplies) {
  Value v;
  v.Set("xs", Value::List{"1", "2"});
  std::map<std::string, std::string> partials = {
      {"item", "{{#xs}}\n<li>\n{{.}}</li>\n{{/xs}}\n"},
      {"wrap", "  {{>item}}\n"},
  };
  EXPECT_EQ(RenderString("a:\n  {{>item}}\nb:\n    {{>item}}\nc:\n{{>wrap}}\nd:\n  {{>wrap}}\n", v,
                         partials),
            "a:\n  <li>\n  1</li>\n  <li>\n  2</li>\n"
            "b:\n    <li>\n    1</li>\n    <li>\n    2</li>\n"
            "c:\n  <li>\n  1</li>\n  <li>\n  2</li>\n"
            "d:\n    <li>\n    1</li>\n    <li>\n    2</li>\n");

  partials = {
      {"layout", "<ul>\n  {{$items}}\n  {{/items}}\n</ul>\n"},
      {"page",
       "{{<layout}}\n{{$items}}\n{{#xs}}\n<li>\n{{.}}</li>\n{{/xs}}\n{{/items}}\n{{/layout}}\n"},
  };
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString("<div>\n  {{>page}}\n</div>\n", partials, &sink);
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->Render("page", v), "<ul>\n  <li>\n  1</li>\n  <li>\n  2</li>\n</ul>\n");
  EXPECT_EQ(set->Render(TemplateSet::kMain, v),
            "<div>\n  <ul>\n    <li>\n    1</li>\n    <li>\n    2</li>\n  </ul>\n</div>\n");
}

TEST(TemplateTest, GuardedRecursionRendersATree) {
  DiagnosticSink sink;
  auto set = TemplateSet::Compile(
      {{"node", {"node.mustache", "{{name}}{{#children}}({{>node}}){{/children}}"}}}, &sink);
  ASSERT_NE(set, nullptr);
  Value leaf;
  leaf.Set("name", "c").Set("children", Value::List{});  // else it finds its parent's
  Value mid;
  mid.Set("name", "b").Set("children", Value::List{leaf});
  Value root;
  root.Set("name", "a").Set("children", Value::List{mid, leaf});
  EXPECT_EQ(set->Render("node", root), "a(b(c))(c)");
}

TEST(TemplateTest, DeepDynamicRecursionStopsInsteadOfCrashing) {
  DiagnosticSink sink;
  auto set = TemplateSet::Compile({{"loop", {"loop.mustache", "x{{>*self}}"}}}, &sink);
  ASSERT_NE(set, nullptr);
  Value v;
  v.Set("self", "loop");
  EXPECT_EQ(set->Render("loop", v), std::string(101, 'x'));  // the page plus 100 levels
}

TEST(TemplateTest, BranchingRecursionIsCutOffInsteadOfRunningForever) {
  DiagnosticSink sink;
  auto set = TemplateSet::Compile(
      {{"loop", {"loop.mustache", "x{{#list}}{{>*self}}{{>*self}}{{/list}}"}}}, &sink);
  ASSERT_NE(set, nullptr);
  Value v;
  v.Set("self", "loop").Set("list", Value::List{1});
  // Without a limit this would include 2^100 partials.
  EXPECT_EQ(set->Render("loop", v), std::string(100001, 'x'));
}

TEST(TemplateTest, ABlockInsideItsOwnOverrideShowsItsDefault) {
  EXPECT_EQ(RenderString("{{<p}}{{$x}}[{{$x}}inner{{/x}}]{{/x}}{{/p}}", Value(),
                         {{"p", "<{{$x}}default{{/x}}>"}}),
            "<[inner]>");
}

TEST(TemplateTest, UnknownTemplateRendersNothing) {
  DiagnosticSink sink;
  auto set = TemplateSet::Compile({{"page", {"page.mustache", "hi"}}}, &sink);
  ASSERT_NE(set, nullptr);
  EXPECT_TRUE(set->Has("page"));
  EXPECT_FALSE(set->Has("other"));
  EXPECT_EQ(set->Render("other", Value()), "");
  EXPECT_EQ(set->Names(), std::vector<std::string>{"page"});
}

TEST(TemplateTest, RendersFromManyThreadsAtOnce) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString(
      "{{#items}}{{>item}}{{/items}}", {{"item", "<{{n}}>\n"}}, &sink);
  ASSERT_NE(set, nullptr);
  Value v;
  for (int i = 0; i < 100; ++i) v.Push(Value().Set("n", i));
  Value view;
  view.Set("items", v);
  const std::string expected = set->Render(TemplateSet::kMain, view);
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) results[t] = set->Render(TemplateSet::kMain, view);
    });
  }
  for (std::thread& th : threads) th.join();
  for (const std::string& r : results) EXPECT_EQ(r, expected);
  EXPECT_EQ(expected.substr(0, 8), "<0>\n<1>\n");
}

// Each render starts with room for what the template's last render wrote:
// pages far smaller and far larger than the one before, from one thread and
// from several racing on that hint, come out whole.
TEST(TemplateTest, RendersPagesOfVeryDifferentSizesWithOneTemplate) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString("[{{#items}}<{{n}}>{{/items}}]", {}, &sink);
  ASSERT_NE(set, nullptr);
  auto view = [](int count) {
    Value items;
    for (int i = 0; i < count; ++i) items.Push(Value().Set("n", i % 10));
    Value v;
    v.Set("items", items);
    return v;
  };
  auto expected = [](int count) {
    std::string out = "[";
    for (int i = 0; i < count; ++i) {
      out.append("<").append(1, static_cast<char>('0' + i % 10)).append(">");
    }
    return out + "]";
  };
  for (int count : {20000, 1, 0, 7, 50000, 3}) {
    const std::string page = set->Render(TemplateSet::kMain, view(count));
    ASSERT_EQ(page, expected(count)) << count;
    EXPECT_LE(page.capacity(), page.size() + page.size() / 2 + 4096) << count;
  }
  std::string appended = "head:";
  const Value small = view(2);
  set->Render(TemplateSet::kMain, {&small}, &appended);
  EXPECT_EQ(appended, "head:" + expected(2));

  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        const int count = (t * 7 + k * 13) % 5 == 0 ? 9000 : k % 5;
        if (set->Render(TemplateSet::kMain, view(count)) != expected(count)) ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

// Sections run inline in the renderer (no call per item): nested lists,
// lists of lists, empty lists and bodies, a section that ends the template
// or a partial, a list section inside an included partial inside a list,
// and the context stack after each of them.
TEST(TemplateTest, NestedSectionsOverListsAndValuesRestoreTheirContext) {
  Value view;
  Value rows;
  for (int i = 0; i < 3; ++i) {
    Value cells;
    for (int k = 0; k < i; ++k) cells.Push(Value().Set("c", 10 * i + k));
    rows.Push(Value().Set("r", i).Set("cells", cells).Set("flag", i == 1));
  }
  view.Set("rows", rows).Set("r", "top").Set("empty", Value::List{});
  view.Set("obj", Value().Set("r", "o"));
  Value grid;
  grid.Push(Value(Value::List{Value(1), Value(2)}));
  grid.Push(Value(Value::List{}));
  grid.Push(Value(Value::List{Value(3)}));
  view.Set("grid", grid);
  EXPECT_EQ(RenderString("{{#rows}}[{{r}}:{{#cells}}{{c}}/{{r}},{{/cells}}"
                         "{{#flag}}F{{r}}{{/flag}}]{{/rows}}{{r}}",
                         view),
            "[0:][1:10/1,F1][2:20/2,21/2,]top");
  EXPECT_EQ(
      RenderString("{{#empty}}x{{r}}{{/empty}}{{#rows}}{{/rows}}{{#obj}}{{r}}{{/obj}}{{r}}", view),
      "otop");
  EXPECT_EQ(RenderString("{{#grid}}({{#.}}{{.}}{{/.}}){{/grid}}{{r}}", view), "(12)()(3)top");
  EXPECT_EQ(RenderString("{{r}}{{#rows}}{{#cells}}{{c}}{{/cells}}{{/rows}}", view), "top102021");
  EXPECT_EQ(RenderString("{{#rows}}<{{>cells}}>{{r}}{{/rows}}|{{r}}",
                         view, {{"cells", "{{#cells}}{{c}}{{^flag}}!{{/flag}}{{/cells}}"}}),
            "<>0<10>1<20!21!>2|top");
}

// Keys longer than KeyTag::kTagged (15 bytes) that share their first 15
// bytes and their length have the same tag, so the renderer compares the
// keys themselves. Here an item has one such key and the page the other,
// and the two keys set the same Bloom bit, so the item's filter does not
// rule the page's key out: only the compare does.
TEST(TemplateTest, LongKeysWithTheSameTagAreToldApart) {
  const std::string stem = "eigen_kracht_versterken_";  // 24 bytes
  std::string a = stem;
  a += "1000";
  std::string b;
  for (int i = 1001; i < 10000 && b.empty(); ++i) {
    std::string k = stem;
    k += std::to_string(i);
    if (ValueObject::BloomBit(HashKey(k)) == ValueObject::BloomBit(HashKey(a))) b = k;
  }
  ASSERT_FALSE(b.empty());
  ASSERT_EQ(KeyTag::Of(a), KeyTag::Of(b));
  Value items;
  for (int i = 0; i < 3; ++i) items.Push(Value().Set(b, "item" + std::to_string(i)));
  Value view;
  view.Set(a, "page").Set("items", items);
  EXPECT_EQ(RenderString("{{#items}}{{" + b + "}}={{" + a + "}};{{/items}}{{" + b + "}}", view),
            "item0=page;item1=page;item2=page;");
}

// With no context at all, every name is missing: a null value is the only
// thing the implicit iterator can see. (The renderer gives such a render one
// null frame, so that its lookup needs no empty-stack test: without that
// frame the lookup reads before the stack, which the ASan build reports.)
TEST(TemplateTest, AnEmptyContextRendersEveryNameAsMissing) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString(
      "[{{.}}|{{a}}|{{a.b}}|{{#.}}s{{/.}}|{{#a}}t{{/a}}|{{^.}}u{{/.}}|{{^a.b}}v{{/a.b}}]", {},
      &sink);
  ASSERT_NE(set, nullptr);
  std::string out;
  set->Render(TemplateSet::kMain, {}, &out);
  EXPECT_EQ(out, "[|||||u|v]");
}

// A thread's renders share their lookup hints (the place where each name
// was found last), whatever set they come from: a hint from another set or
// another shape of data must never find the wrong member.
TEST(TemplateTest, RendersOfOtherSetsOnTheSameThreadDoNotMisleadLookups) {
  DiagnosticSink sink;
  auto a = TemplateSet::CompileString("{{#xs}}{{b}},{{/xs}}", {}, &sink);
  auto b = TemplateSet::CompileString("{{#xs}}{{a}}{{c}};{{/xs}}", {}, &sink);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  Value xs;
  xs.Push(Value().Set("a", 1).Set("b", 2).Set("c", 3));
  xs.Push(Value().Set("b", 4));
  xs.Push(Value().Set("c", 5).Set("a", 6));
  Value view;
  view.Set("xs", xs);
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(a->Render(TemplateSet::kMain, view), "2,4,,");
    EXPECT_EQ(b->Render(TemplateSet::kMain, view), "13;;65;");
  }
}

}  // namespace
}  // namespace kapstok::tmpl
