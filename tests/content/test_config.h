// A small site configuration shared by the content tests.
#ifndef KAPSTOK_TESTS_CONTENT_TEST_CONFIG_H_
#define KAPSTOK_TESTS_CONTENT_TEST_CONFIG_H_

#include <string>

#include "config/config.h"
#include "testing.h"

namespace kapstok::content {

inline config::SiteConfig TestConfig() {
  DiagnosticSink sink;
  auto c = config::ParseConfig(R"(site:
  title: T
types:
  kenmerk:
    folder: kenmerken
    fields:
      volgorde: {type: int, required: true, min: 1, max: 9}
      punten: {type: list, min: 1}
      fase: {type: enum, values: [begin, midden, eind]}
      datum: {type: date}
      link: {type: url}
      actief: {type: bool}
      korte: {type: string}
      boks: {type: map, keys: kenmerk}
  voorbeeld:
    folder: voorbeelden
    relations:
      kenmerken: {target: kenmerk, many: true, min: 1, required: true}
      hoofd: {target: kenmerk}
)", "kapstok.yaml", &sink);
  return *c;
}

using test_util::Printed;

}  // namespace kapstok::content

#endif  // KAPSTOK_TESTS_CONTENT_TEST_CONFIG_H_
