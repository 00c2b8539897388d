// Template engine benchmark: renders a realistic Kapstok list page (a layout
// used through inheritance, three partials and a 50-item list) and a content
// page (same layout, one 12 KB article) with templates compiled once, versus
// parsing every template again for each page as an engine without a compiled
// form must. Results: bench/README.md.
//
//   cmake --build <build> --target template_bench && <build>/bench/template_bench
//
// `template_bench --count=MODE N` (MODE render, parse or compile) does the
// list page's MODE N times and no benchmark, for instruction counts under
// callgrind: the difference between N = 100 and N = 0, divided by 100.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include <benchmark/benchmark.h>

#include "template/template.h"

namespace kapstok::tmpl {
namespace {

// The layout, three partials and the page template `page` ("list" or
// "page"): exactly the templates that page needs, so parse-and-render parses
// nothing extra.
std::map<std::string, TemplateSet::Source> PageTemplates(const std::string& page) {
  std::map<std::string, TemplateSet::Source> t;
  t["layouts/base"] = {"templates/layouts/base.mustache", R"(<!doctype html>
<html lang="{{site.language}}">
<head>
  <meta charset="utf-8">
  <title>{{$title}}{{site.title}}{{/title}}</title>
  <meta name="description" content="{{$description}}{{site.description}}{{/description}}">
  <link rel="stylesheet" href="{{root}}assets/kapstok.css">
  {{$head}}{{/head}}
</head>
<body>
  {{> partials/header}}
  <div class="layout">
    {{> partials/nav}}
    <main id="main">
      {{$main}}
      <p>Deze pagina heeft nog geen inhoud.</p>
      {{/main}}
    </main>
  </div>
  {{> partials/footer}}
</body>
</html>
)"};
  t["partials/header"] = {"templates/partials/header.mustache", R"(<header class="site-header">
  <a class="skip" href="#main">Naar de inhoud</a>
  <a class="brand" href="{{root}}index.html">{{site.title}}</a>
  <form class="search" action="{{root}}zoeken.html" role="search">
    <input type="search" name="q" placeholder="Zoek in {{site.title}}" aria-label="Zoeken">
  </form>
</header>
)"};
  t["partials/nav"] = {"templates/partials/nav.mustache", R"(<nav aria-label="Hoofdmenu">
  <ul>
  {{#nav}}
    <li{{#current}} class="current" aria-current="page"{{/current}}><a href="{{root}}{{url}}">{{title}}</a></li>
  {{/nav}}
  </ul>
</nav>
)"};
  t["partials/footer"] = {"templates/partials/footer.mustache", R"(<footer class="site-footer">
  <p>{{site.title}} &middot; versie {{site.version}} &middot; gebouwd op {{build_date}}</p>
  {{#site.license}}<p class="license">{{site.license}}</p>{{/site.license}}
</footer>
)"};
  if (page == "list") t["list"] = {"templates/list.mustache", R"({{<layouts/base}}
{{$title}}{{title}} | {{site.title}}{{/title}}
{{$description}}{{summary}}{{/description}}
{{$main}}
<h1>{{title}}</h1>
<p class="lead">{{summary}}</p>
<ol class="cards">
{{#items}}
  <li class="card card-{{type}}">
    <h2><a href="{{root}}{{url}}">{{title}}</a></h2>
    <p>{{summary}}</p>
    <p class="meta">{{type_label}} &middot; <time datetime="{{date}}">{{date}}</time> &middot; {{words}} woorden</p>
    {{#has_tags}}
    <ul class="tags">
      {{#tags}}<li><a href="{{root}}kenmerken/{{slug}}.html">{{name}}</a></li>{{/tags}}
    </ul>
    {{/has_tags}}
    {{^tags}}<p class="no-tags">Geen kenmerken</p>{{/tags}}
  </li>
{{/items}}
</ol>
{{/main}}
{{/layouts/base}}
)"};
  if (page == "page") t["page"] = {"templates/page.mustache", R"({{<layouts/base}}
{{$title}}{{title}} | {{site.title}}{{/title}}
{{$main}}
<article class="page page-{{type}}">
  <h1>{{title}}</h1>
  <p class="meta">{{type_label}} &middot; bijgewerkt <time datetime="{{date}}">{{date}}</time></p>
  {{{body_html}}}
  {{#related.0}}
  <aside class="related">
    <h2>Zie ook</h2>
    <ul>
    {{#related}}
      <li><a href="{{root}}{{url}}">{{title}}</a></li>
    {{/related}}
    </ul>
  </aside>
  {{/related.0}}
</article>
{{/main}}
{{/layouts/base}}
)"};
  return t;
}

// The shared part of every view: site, navigation, root.
Value SiteView() {
  Value site;
  site.Set("title", "Handboek Maatschappelijke Ondersteuning")
      .Set("description", "Kennisbank over de Wmo, voor gemeenten & hun partners")
      .Set("language", "nl")
      .Set("version", "1.4.0")
      .Set("license", "CC BY-SA 4.0");
  Value nav;
  const char* sections[] = {"Wetgeving", "Interventies", "Praktijkvoorbeelden", "Competenties",
                            "Leefgebieden", "Bronnen", "Begrippen", "Over"};
  for (int i = 0; i < 8; ++i) {
    nav.Push(Value()
                 .Set("title", sections[i])
                 .Set("url", std::string(sections[i]) + "/index.html")
                 .Set("current", i == 1));
  }
  Value view;
  view.Set("site", site).Set("nav", nav);
  view.Set("root", "../").Set("build_date", "2024-06-01");
  return view;
}

// A list page: 50 items with tags.
Value PageView() {
  Value view = SiteView();
  Value items;
  for (int i = 0; i < 50; ++i) {
    Value tags;
    for (int k = 0; k < i % 4; ++k) {
      tags.Push(Value().Set("name", "Eigen kracht " + std::to_string(k)).Set(
          "slug", "eigen-kracht-" + std::to_string(k)));
    }
    items.Push(Value()
                   .Set("title", "Interventie " + std::to_string(i) + ": \"samen\" & sterk")
                   .Set("url", "interventies/interventie-" + std::to_string(i) + ".html")
                   .Set("summary", "Een aanpak waarin bewoners <en> professionals samen "
                                   "werken aan zelfredzaamheid en participatie.")
                   .Set("type", "interventie")
                   .Set("type_label", "Interventie")
                   .Set("date", "2024-03-" + std::to_string(10 + i % 18))
                   .Set("words", 800 + 13 * i)
                   .Set("has_tags", i % 4 != 0)
                   .Set("tags", tags));
  }
  view.Set("items", items);
  view.Set("title", "Interventies").Set("summary", "Alle interventies in het handboek.");
  return view;
}

// A content page: an article whose body is Markdown already rendered to
// HTML (about 12 KB), plus five related pages.
Value ContentView() {
  Value view = SiteView();
  std::string body;
  for (int i = 0; body.size() < 12000; ++i) {
    body += "<h2 id=\"stap-" + std::to_string(i) + "\">Stap " + std::to_string(i) + "</h2>\n";
    body += "<p>De gemeente onderzoekt samen met de inwoner welke ondersteuning nodig is. "
            "Daarbij kijkt zij naar <a href=\"../begrippen/eigen-kracht.html\">eigen kracht</a>, "
            "het netwerk en voorliggende voorzieningen.</p>\n";
  }
  Value related;
  for (int i = 0; i < 5; ++i) {
    related.Push(Value()
                     .Set("title", "Verwante interventie " + std::to_string(i))
                     .Set("url", "interventies/verwant-" + std::to_string(i) + ".html"));
  }
  view.Set("title", "Keukentafelgesprek").Set("type", "interventie");
  view.Set("type_label", "Interventie").Set("date", "2024-05-02");
  view.Set("body_html", body).Set("related", related);
  return view;
}

void RenderCompiled(benchmark::State& state, const char* name, Value (*make_view)()) {
  DiagnosticSink sink;
  auto set = TemplateSet::Compile(PageTemplates(name), &sink);
  if (set == nullptr) {
    state.SkipWithError("templates do not compile");
    return;
  }
  const Value view = make_view();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string page = set->Render(name, view);
    bytes = page.size();
    benchmark::DoNotOptimize(page.data());
  }
  state.counters["page_bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void ParseAndRender(benchmark::State& state, const char* name, Value (*make_view)()) {
  const auto sources = PageTemplates(name);
  const Value view = make_view();
  size_t bytes = 0;
  for (auto _ : state) {
    DiagnosticSink sink;
    auto set = TemplateSet::Compile(sources, &sink);
    std::string page = set->Render(name, view);
    bytes = page.size();
    benchmark::DoNotOptimize(page.data());
  }
  state.counters["page_bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// The page the issue asks for: layout + 3 partials + a 50-item list.
BENCHMARK_CAPTURE(RenderCompiled, list_page, "list", PageView);
BENCHMARK_CAPTURE(ParseAndRender, list_page, "list", PageView);
// The most common Kapstok page: one article.
BENCHMARK_CAPTURE(RenderCompiled, content_page, "page", ContentView);
BENCHMARK_CAPTURE(ParseAndRender, content_page, "page", ContentView);

void BM_CompileOnly(benchmark::State& state) {
  const auto sources = PageTemplates("list");
  for (auto _ : state) {
    DiagnosticSink sink;
    auto set = TemplateSet::Compile(sources, &sink);
    benchmark::DoNotOptimize(set.get());
  }
}
BENCHMARK(BM_CompileOnly);

// --count=MODE N (see the top of the file); returns the exit status.
int Count(const char* mode, int n) {
  const auto sources = PageTemplates("list");
  const Value view = PageView();
  DiagnosticSink sink;
  auto set = TemplateSet::Compile(sources, &sink);
  if (set == nullptr) return 1;
  size_t bytes = set->Render("list", view).size();  // warms the scratch buffer
  for (int i = 0; i < n; ++i) {
    if (std::strcmp(mode, "render") == 0) {
      bytes += set->Render("list", view).size();
    } else {
      DiagnosticSink s;
      auto compiled = TemplateSet::Compile(sources, &s);
      if (compiled == nullptr) return 1;
      if (std::strcmp(mode, "parse") == 0) bytes += compiled->Render("list", view).size();
    }
  }
  std::printf("%zu bytes\n", bytes);
  return 0;
}

}  // namespace
}  // namespace kapstok::tmpl

int main(int argc, char** argv) {
  if (argc == 3 && std::strncmp(argv[1], "--count=", 8) == 0) {
    return kapstok::tmpl::Count(argv[1] + 8, std::atoi(argv[2]));
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
