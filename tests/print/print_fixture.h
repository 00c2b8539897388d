// Test helper for the print tests: a small site that is not the handbook (a
// cookbook with "recept" pages), held in memory, loaded up to its model with
// the repository's templates and theme.
#ifndef KAPSTOK_TESTS_PRINT_PRINT_FIXTURE_H_
#define KAPSTOK_TESTS_PRINT_PRINT_FIXTURE_H_

#include <memory>
#include <string>

#include "base/file_system.h"
#include "testing.h"

namespace kapstok::print {

using test_util::SourceDir;

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

using CookbookSite = test_util::LoadedSite;

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
  fs.AddFile("site/kapstok.yaml", config_text);
  return test_util::LoadSite(fs, "site", RealFileSystem(), SourceDir());
}

}  // namespace kapstok::print

#endif  // KAPSTOK_TESTS_PRINT_PRINT_FIXTURE_H_
