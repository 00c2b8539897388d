// libFuzzer target: content::SplitFrontMatter on arbitrary bytes. Besides
// memory and UB errors (the sanitizers), checks the split's contract: the
// ranges lie inside the normalised text, in order, and a rejected file always
// has a diagnostic. (CRLF is normalised pairwise: "\r\r\n" keeps one "\r\n",
// which is not a finding.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/diagnostic.h"
#include "content/front_matter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  kapstok::DiagnosticSink sink;
  auto split = kapstok::content::SplitFrontMatter(raw, "content/x/fuzz.md", &sink);
  if (!split) {
    if (!sink.has_errors()) std::abort();
  } else {
    const size_t n = split->text.size();
    if (split->yaml_begin > split->yaml_end || split->yaml_end > split->body_begin ||
        split->body_begin > n)
      std::abort();
  }
  for (const kapstok::Diagnostic& d : sink.Sorted()) (void)kapstok::FormatHuman(d);
  return 0;
}
