// Test helper for the print tests: a small site that is not the handbook (a
// cookbook with "recept" pages), held in memory, loaded up to its model with
// the repository's templates and theme.
#ifndef KAPSTOK_TESTS_PRINT_PRINT_FIXTURE_H_
#define KAPSTOK_TESTS_PRINT_PRINT_FIXTURE_H_

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "config/config.h"
#include "content/loader.h"
#include "model/site_model.h"
#include "render/theme.h"

namespace kapstok::print {

inline std::string SourceDir() {
  const char* dir = std::getenv("KAPSTOK_SOURCE_DIR");
  return dir ? dir : ".";
}

inline const char kCookbookConfig[] = R"(site:
  title: Kookboek "Oma"
  language: nl
  base_url: https://example.org/kook/
  citations: bron
types:
  recept:
    folder: recepten
    name: Recept
    plural: Recepten
    summary: intro
    fields:
      intro: {type: text, required: true}
      bereiding: {type: text, label: Bereiding}
      stappen: {type: list, label: Stappen}
      geheim: {type: list, label: Geheim}
      tekst_bron: {type: string}
  ingredient:
    folder: ingredienten
    name: Ingrediënt
    plural: Ingrediënten
    summary: over
    fields:
      over: {type: text, required: true}
    relations:
      recepten: {target: recept, many: true, inverse: Ingrediënten}
  bron:
    folder: bronnen
    name: Bron
    summary: titel
    fields:
      titel: {type: string}
print:
  type: recept
  pdf_name: kookboek
  fields: [bereiding, stappen]
  related: [ingredient]
  attribution: tekst_bron
)";

struct CookbookSite {
  std::optional<config::SiteConfig> config;  // the model points into it
  std::unique_ptr<model::SiteModel> model;
  std::unique_ptr<render::Theme> theme;
  DiagnosticSink sink;

  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : sink.Sorted()) out += FormatHuman(d);
    return out;
  }
};

// The cookbook with `config_text` as its kapstok.yaml.
inline std::unique_ptr<CookbookSite> LoadCookbook(const std::string& config_text = kCookbookConfig) {
  MemoryFileSystem fs;
  fs.AddFile("site/content/recepten/soep.md",
             "---\ntitle: Soep\nintro: Warme soep. Lekker in de winter.\n"
             "bereiding: Kook [de ui](../ingredienten/ui.md) zacht.\n"
             "stappen: [\"Snij de ui\", \"Kook 10 minuten\"]\ngeheim: [\"Niet printen\"]\n"
             "tekst_bron: \"© Oma\"\n---\nVolgens [@boek].\n");
  fs.AddFile("site/content/ingredienten/ui.md",
             "---\ntitle: Ui\nover: Een ui is een bol. Hij maakt je aan het huilen.\n"
             "recepten: [soep]\n---\n");
  fs.AddFile("site/content/bronnen/boek.md", "---\ntitle: Oma, 1950\ntitel: Het kookboek\n---\n");
  auto site = std::make_unique<CookbookSite>();
  site->config = config::ParseConfig(config_text, "kapstok.yaml", &site->sink);
  if (!site->config) return site;
  site->theme = render::LoadTheme(RealFileSystem(), SourceDir() + "/templates",
                                  SourceDir() + "/themes/default", site->config->language,
                                  &site->sink);
  content::LoadedContent loaded =
      content::LoadContent(fs, "site/content", *site->config, {}, &site->sink);
  site->model = model::BuildModel(std::move(loaded), *site->config, &site->sink);
  return site;
}

}  // namespace kapstok::print

#endif  // KAPSTOK_TESTS_PRINT_PRINT_FIXTURE_H_
