// libFuzzer target: the front-matter fast path (config::ParseFlatYaml)
// against yaml-cpp. Whenever the fast path accepts a document, yaml-cpp must
// read it too and give the same tree (scalars, quoted-or-plain tags, marks);
// any difference aborts. Documents the fast path declines are yaml-cpp's
// alone, so they need no check here. Like the loader (SplitFrontMatter), it
// passes on only valid UTF-8 without NUL bytes.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "base/text.h"
#include "config/flat_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (kapstok::FindInvalidUtf8(text) != std::string_view::npos ||
      text.find('\0') != std::string_view::npos)
    return 0;
  std::optional<kapstok::config::FlatYaml> flat = kapstok::config::ParseFlatYaml(text);
  if (!flat) return 0;
  std::string difference;
  try {
    difference = kapstok::config::DifferenceFromYamlCpp(YAML::Load(std::string(text)), *flat);
  } catch (const YAML::Exception& e) {
    difference = std::string("yaml-cpp rejects it: ") + e.what();
  }
  if (!difference.empty()) {
    std::fprintf(stderr, "fast path differs from yaml-cpp: %s\n", difference.c_str());
    std::abort();
  }
  return 0;
}
