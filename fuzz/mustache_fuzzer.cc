// libFuzzer target: the Mustache parser (tmpl::TemplateSet::CompileString) on
// arbitrary template text, with a partial and a parent to include, then a
// render of what compiled against a small view. A rejected template must
// come with an error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "template/template.h"
#include "template/value.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using kapstok::tmpl::TemplateSet;
  using kapstok::tmpl::Value;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::map<std::string, std::string> partials = {
      {"p", "<b>{{name}}</b>{{#items}}{{.}}{{/items}}"},
      {"layout", "<main>{{$body}}default{{/body}}</main>"},
  };
  kapstok::DiagnosticSink sink;
  auto set = TemplateSet::CompileString(text, partials, &sink);
  if (!set) {
    if (!sink.has_errors()) std::abort();
    for (const kapstok::Diagnostic& d : sink.Sorted()) (void)kapstok::FormatHuman(d);
    return 0;
  }
  static const Value* view = [] {
    auto* v = new Value();
    v->Set("name", Value("<script>alert(1)</script>"));
    v->Set("items", Value(Value::List{Value("a"), Value(1), Value(true)}));
    v->Set("empty", Value(Value::List{}));
    v->Set("nested", Value().Set("name", Value("inner")));
    return v;
  }();
  std::string out = set->Render(TemplateSet::kMain, *view);
  return 0;
}
