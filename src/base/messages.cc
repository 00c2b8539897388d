#include "base/messages.h"

#include <algorithm>
#include <string>

namespace kapstok {

namespace {

struct Entry {
  const char* key;
  const char* en;
  const char* nl;
};

// Sorted by key (checked by a test), looked up by binary search.
constexpr Entry kMessages[] = {
    {"content.bad-file-name",
     "file name '{0}' is not a valid page id",
     "bestandsnaam '{0}' is geen geldige pagina-id"},
    {"content.bad-file-name.hint",
     "rename it to '{0}' (lowercase letters, digits and hyphens)",
     "noem het bestand '{0}' (kleine letters, cijfers en streepjes)"},
    {"content.duplicate-id",
     "the id '{0}' is used twice: also by {1}",
     "de id '{0}' komt twee keer voor: ook in {1}"},
    {"content.field-bool",
     "'{0}' must be true or false, found {1}",
     "'{0}' moet true of false zijn, maar is {1}"},
    {"content.field-date",
     "'{0}' must be a date written as YYYY-MM-DD, found {1}",
     "'{0}' moet een datum zijn als JJJJ-MM-DD, maar is {1}"},
    {"content.field-enum",
     "'{0}' must be one of {1}, found {2}",
     "'{0}' moet een van deze waarden zijn: {1}; gevonden: {2}"},
    {"content.field-int",
     "'{0}' must be a whole number, found {1}",
     "'{0}' moet een geheel getal zijn, maar is {1}"},
    {"content.field-list",
     "'{0}' must be a list (lines starting with '- '), found {1}",
     "'{0}' moet een lijst zijn (regels die beginnen met '- '), maar is {1}"},
    {"content.field-list-item",
     "items of '{0}' must be texts, found {1}",
     "de onderdelen van '{0}' moeten teksten zijn, maar dit is {1}"},
    {"content.field-map",
     "'{0}' must be a mapping from {1} ids to lists, found {2}",
     "'{0}' moet per {1}-id een lijst geven, maar is {2}"},
    {"content.field-max",
     "'{0}' is {1}, more than the maximum {2}",
     "'{0}' is {1}, meer dan het maximum {2}"},
    {"content.field-max-items",
     "'{0}' has {1} items, more than the maximum {2}",
     "'{0}' heeft {1} onderdelen, meer dan het maximum {2}"},
    {"content.field-min",
     "'{0}' is {1}, less than the minimum {2}",
     "'{0}' is {1}, minder dan het minimum {2}"},
    {"content.field-min-items",
     "'{0}' has {1} items, fewer than the minimum {2}",
     "'{0}' heeft {1} onderdelen, minder dan het minimum {2}"},
    {"content.field-one-line",
     "'{0}' must be one line of text",
     "'{0}' moet één regel tekst zijn"},
    {"content.field-text",
     "'{0}' must be a text, found {1}",
     "'{0}' moet een tekst zijn, maar is {1}"},
    {"content.field-url",
     "'{0}' must be a web address starting with https:// or http://, found {1}",
     "'{0}' moet een webadres zijn dat begint met https:// of http://; gevonden: {1}"},
    {"content.front-matter-not-mapping",
     "the front matter must be 'key: value' lines, found {0}",
     "de front matter moet bestaan uit regels 'sleutel: waarde', maar is {0}"},
    {"content.id-mismatch",
     "'id' is '{0}' but the file name gives '{1}'",
     "'id' is '{0}', maar de bestandsnaam geeft '{1}'"},
    {"content.id-mismatch.hint",
     "remove the 'id' line: the id comes from the file name",
     "haal de regel 'id' weg: de id komt uit de bestandsnaam"},
    {"content.missing-field",
     "missing required field '{0}' ({1})",
     "verplicht veld '{0}' ({1}) ontbreekt"},
    {"content.missing-field.hint",
     "add a line '{0}: ...' to the front matter",
     "voeg een regel '{0}: ...' toe aan de front matter"},
    {"content.missing-title",
     "missing required field 'title'",
     "verplicht veld 'title' (de titel) ontbreekt"},
    {"content.nested-file",
     "content files sit directly in their type's folder, not in a subfolder",
     "inhoudsbestanden staan direct in de map van hun type, niet in een submap"},
    {"content.relation-id",
     "'{0}' must name {1} ids, found {2}",
     "'{0}' moet {1}-id's noemen, maar is {2}"},
    {"content.relation-min",
     "'{0}' names {1} {2}, at least {3} needed",
     "'{0}' noemt {1} {2}, er zijn er minstens {3} nodig"},
    {"content.relation-one",
     "'{0}' takes one {1} id, found a list",
     "'{0}' neemt één {1}-id, maar er staat een lijst"},
    {"content.symlink",
     "symbolic links are not allowed in the content folder",
     "symbolische koppelingen zijn niet toegestaan in de inhoudsmap"},
    {"content.unknown-field",
     "unknown field '{0}' for a page of type '{1}'",
     "onbekend veld '{0}' voor een pagina van type '{1}'"},
    {"content.unknown-field.fields",
     "the fields of '{0}' are: {1}",
     "de velden van '{0}' zijn: {1}"},
    {"content.unknown-folder",
     "no content type uses the folder '{0}'",
     "geen inhoudstype gebruikt de map '{0}'"},
    {"hint.did-you-mean",
     "did you mean '{0}'?",
     "bedoelde je '{0}'?"},
    {"link.broken",
     "link to '{0}' points to no page",
     "link naar '{0}' wijst naar geen enkele pagina"},
    {"link.bad-anchor",
     "'{0}' has no heading with id '{1}'",
     "'{0}' heeft geen kop met id '{1}'"},
    {"link.outside",
     "link to '{0}' leaves the content folder",
     "link naar '{0}' wijst buiten de inhoudsmap"},
    {"link.unknown-citation",
     "citation '@{0}' names no source",
     "verwijzing '@{0}' noemt geen bestaande bron"},
    {"relation.unknown-target",
     "unknown {0} '{1}'",
     "onbekende {0} '{1}'"},
    {"relation.unknown-target.none",
     "there is no {0} with that id; the ids are the file names in content/{1}/",
     "er is geen {0} met die id; de id's zijn de bestandsnamen in content/{1}/"},
};

std::string g_language = "en";

const Entry* Find(std::string_view key) {
  auto it = std::lower_bound(std::begin(kMessages), std::end(kMessages), key,
                             [](const Entry& e, std::string_view k) { return e.key < k; });
  if (it == std::end(kMessages) || it->key != key) return nullptr;
  return it;
}

}  // namespace

void SetMessageLanguage(std::string_view language) { g_language = std::string(language); }
std::string_view MessageLanguage() { return g_language; }

std::string Tr(std::string_view key, const std::vector<std::string>& args) {
  const Entry* e = Find(key);
  if (!e) return std::string(key);
  std::string_view pattern = g_language == "nl" && e->nl ? e->nl : e->en;
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      size_t n = static_cast<size_t>(pattern[i + 1] - '0');
      if (n < args.size()) out += args[n];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::vector<std::string_view> MessageKeys() {
  std::vector<std::string_view> keys;
  for (const Entry& e : kMessages) keys.push_back(e.key);
  return keys;
}

bool HasTranslation(std::string_view key, std::string_view language) {
  const Entry* e = Find(key);
  if (!e) return false;
  if (language == "en") return e->en && *e->en;
  if (language == "nl") return e->nl && *e->nl;
  return false;
}

}  // namespace kapstok
