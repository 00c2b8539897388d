#include "search/dutch_rules.h"

#include <sstream>
#include <utility>

namespace kapstok::search {
namespace {

std::set<std::string, std::less<>> WordSet(const char* words) {
  std::set<std::string, std::less<>> out;
  std::istringstream in(words);
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

// "infinitive: form form ..." lines; every form maps to the infinitive.
std::map<std::string, std::string, std::less<>> ExceptionMap(const char* lines) {
  std::map<std::string, std::string, std::less<>> out;
  std::istringstream in(lines);
  std::string target;
  for (std::string w; in >> w;) {
    if (w.back() == ':') {
      target = w.substr(0, w.size() - 1);
    } else {
      out.emplace(w, target);
    }
  }
  return out;
}

}  // namespace

const std::set<std::string, std::less<>>& DutchStopWords() {
  static const auto* words = new std::set<std::string, std::less<>>(WordSet(
      "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen "
      "door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij "
      "hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet "
      "na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen "
      "tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze "
      "zelf zich zij zijn zo zonder zou n s t"));
  return *words;
}

const std::map<std::string, std::string, std::less<>>& DutchExceptions() {
  static const auto* map = new std::map<std::string, std::string, std::less<>>(ExceptionMap(
      // Irregular plurals (-eren, Latin plurals, vowel changes).
      "kind: kinderen kinders  ei: eieren  lied: liederen  volk: volkeren  blad: bladeren "
      "kalf: kalveren  rund: runderen  goed: goederen  gemoed: gemoederen "
      "stad: steden  schip: schepen  lid: leden  gebed: gebeden  smid: smeden "
      "museum: musea  criterium: criteria  centrum: centra  curriculum: curricula "
      "politicus: politici  historicus: historici  musicus: musici "
      // Strong and irregular verbs: present -t forms the -t rule cannot reach,
      // past tense and past participles.
      "lopen: liep liepen gelopen  gaan: gaat ging gingen gegaan "
      "staan: staat stond stonden gestaan  bestaan: bestaat bestond bestonden "
      "ontstaan: ontstaat ontstond ontstonden  doen: doet deed deden gedaan "
      "zien: ziet zag zagen gezien  komen: kwam kwamen gekomen "
      "nemen: nam namen genomen  geven: gaf gaven gegeven "
      "krijgen: kreeg kregen gekregen  blijven: bleef bleven gebleven "
      "houden: hield hielden gehouden  vinden: vond vonden gevonden "
      "bieden: bood boden geboden  aanbieden: aangeboden  kiezen: koos kozen gekozen "
      "brengen: bracht brachten gebracht  denken: dacht dachten gedacht "
      "zoeken: zocht zochten gezocht  spreken: sprak spraken gesproken "
      "schrijven: schreef schreven geschreven  lezen: las lazen gelezen "
      "besluiten: besloot besloten  helpen: hielp hielpen geholpen "
      "roepen: riep riepen geroepen  vallen: viel vielen gevallen "
      "zitten: zat zaten gezeten  weten: weet wist wisten geweten "
      "laten: liet lieten gelaten  beginnen: begint begon begonnen "
      "winnen: wint won wonnen gewonnen  kennen: kent kende kenden gekend "
      "trekken: trok trokken getrokken  sluiten: sloot sloten gesloten "
      "begrijpen: begreep begrepen  ontvangen: ontving ontvingen "
      "slaan: slaat sloeg sloegen geslagen  verstaan: verstaat verstond "
      "moeten: moest moesten  mogen: mocht mochten  willen: wilde wilden "
      "dragen: droeg droegen gedragen  vragen: vroegen "
      "horen: hoort  behoren: behoort  sturen: stuurt  aansturen: aanstuurt "
      "besturen: bestuurt  ervaren: ervaart  verklaren: verklaart  bewaren: bewaart "
      "sparen: spaart  "
      "kiezen: kiest  lezen: leest  wijzen: wijst  reizen: reist  beslissen: beslist "
      "dienen: dient  verdienen: verdient  bedienen: bedient  openen: opent "
      "rekenen: rekent  tekenen: tekent  betekenen: betekent  "
      "groeien: groeit  bloeien: bloeit  boeien: boeit  draaien: draait"));
  return *map;
}

const std::vector<std::string>& DutchTBlockEndings() {
  static const auto* endings =
      new std::vector<std::string>{"cht", "ct", "st", "ent", "ant", "int", "unt", "xt", "uurt", "eurt", "aart", "oort"};
  return *endings;
}

const std::vector<std::string>& DutchTAllowEndings() {
  static const auto* endings = new std::vector<std::string>{"eunt", "eent", "oont", "ijnt", "aant"};
  return *endings;
}

const std::set<std::string, std::less<>>& DutchKeepS() {
  static const auto* words = new std::set<std::string, std::less<>>(
      WordSet("proces succes exces adres congres expres kompres advies vlies"));
  return *words;
}

const std::set<std::string, std::less<>>& DutchKeepT() {
  static const auto* words = new std::set<std::string, std::less<>>(WordSet(
      "markt start hart kaart taart vaart sport kort soort poort expert concert rapport "
      "transport comfort support dessert effort shirt gift lift schrift drift concept script "
      "abrupt asfalt default alert"));
  return *words;
}

}  // namespace kapstok::search
