// libFuzzer target: a whole content file through content::ParsePage against
// a type with a field of every kind and both relation arities (front-matter
// split, YAML, duplicate keys, depth and size limits, schema validation), and
// every diagnostic through FormatHuman and FormatGithub. A rejected page must
// come with an error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/diagnostic.h"
#include "config/config.h"
#include "content/loader.h"

namespace {

const kapstok::config::SiteConfig& Config() {
  static const kapstok::config::SiteConfig* config = [] {
    kapstok::DiagnosticSink sink;
    auto c = kapstok::config::ParseConfig(R"(site:
  title: Fuzz
types:
  kenmerk:
    folder: kenmerken
  voorbeeld:
    folder: voorbeelden
    fields:
      samenvatting: {type: text, required: true}
      organisatie: {type: string}
      jaar: {type: int, min: 1900, max: 2100}
      datum: {type: date}
      actief: {type: bool}
      website: {type: url}
      soort: {type: enum, values: [wijk, stad]}
      stappen: {type: list, min: 1, max: 5}
      rollen: {type: map, keys: kenmerk}
    relations:
      kenmerk: {target: kenmerk}
      kenmerken: {target: kenmerk, many: true, min: 1}
)", "kapstok.yaml", &sink);
    if (!c) std::abort();
    return new kapstok::config::SiteConfig(std::move(*c));
  }();
  return *config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const kapstok::config::TypeDef* type = Config().FindTypeByFolder("voorbeelden");
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  kapstok::DiagnosticSink sink;
  auto page = kapstok::content::ParsePage(raw, "content/voorbeelden/fuzz.md", "voorbeelden/fuzz.md",
                                          "fuzz", type, &sink);
  if (!page && !sink.has_errors()) std::abort();
  for (const kapstok::Diagnostic& d : sink.Sorted()) {
    (void)kapstok::FormatHuman(d);
    (void)kapstok::FormatGithub(d);
  }
  return 0;
}
