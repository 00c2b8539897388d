// A TemplateSet is a compiled set of named Mustache templates (layouts,
// partials, pages): every source is parsed once into a tree of nodes with its
// static text pre-split and its names pre-split into dotted parts, then
// rendered any number of times, from any number of threads, without
// re-parsing. The engine follows the official Mustache spec (interpolation,
// sections, inverted sections, comments, set delimiters, partials with
// standalone indentation) plus its optional inheritance (`{{<parent}}`,
// `{{$block}}`) and dynamic-names (`{{>*name}}`) modules; lambdas are not
// supported. Owned by the `template` stage; the render stage uses it.
#ifndef KAPSTOK_TEMPLATE_TEMPLATE_H_
#define KAPSTOK_TEMPLATE_TEMPLATE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "template/value.h"

namespace kapstok::tmpl {

namespace internal {
struct Template;
}  // namespace internal

struct CompileOptions {
  // Kapstok treats a partial or parent that names no template in the set as a
  // compile error. The Mustache spec renders it as the empty string instead;
  // set this to false for spec behaviour. Dynamic names (`{{>*name}}`) are
  // resolved at render time and always render empty when unknown.
  bool missing_partial_is_error = true;
};

class TemplateSet {
 public:
  struct Source {
    std::string path;  // for diagnostics only
    std::string text;
  };

  // Compiles every source once. `sources` maps a template name ("page",
  // "partials/header", "layouts/base") to its path and text; partials and
  // parents are resolved by name within the set. Every template error is
  // reported into `*sink` with the template's path and the 1-based line:col of
  // the offending tag; returns nullptr when there was any error. `sink` must be
  // non-null. The set keeps no reference to `sources`.
  static std::unique_ptr<TemplateSet> Compile(const std::map<std::string, Source>& sources,
                                             DiagnosticSink* sink,
                                             const CompileOptions& options = {});

  // Convenience for tests: compiles `text` as the template named kMain (the
  // empty name, which no tag can reference) together with `partials`
  // (name -> text). Paths in diagnostics are "<template>" and the partial's name.
  static constexpr std::string_view kMain = "";
  static std::unique_ptr<TemplateSet> CompileString(
      std::string_view text, const std::map<std::string, std::string>& partials,
      DiagnosticSink* sink, const CompileOptions& options = {});

  ~TemplateSet();
  TemplateSet(const TemplateSet&) = delete;
  TemplateSet& operator=(const TemplateSet&) = delete;

  bool Has(std::string_view name) const;
  // The names of all templates, sorted.
  std::vector<std::string> Names() const;

  // Renders template `name` against a context stack (bottom first; lookups
  // search from the top down, as Mustache specifies) and appends the result to
  // `*out`. Appends nothing when there is no template `name`. Const and free
  // of shared mutable state, so any number of threads may render at once; the
  // Values must stay unchanged while rendering.
  void Render(std::string_view name, const std::vector<const Value*>& context,
              std::string* out) const;
  std::string Render(std::string_view name, const Value& view) const;

  // Lookup used by the renderer; nullptr when unknown.
  const internal::Template* Find(std::string_view name) const;
  // For the renderer: the number of dotted-name parts in all templates.
  size_t name_parts() const { return name_parts_; }
  // For the renderer: the indentations that texts were pre-indented for;
  // Op::pre_id n refers to pre_indents()[n - 1].
  const std::vector<std::string>& pre_indents() const { return pre_indents_; }

 private:
  TemplateSet() = default;
  std::map<std::string, std::unique_ptr<internal::Template>, std::less<>> templates_;
  size_t name_parts_ = 0;
  // Storage for the texts the linker pre-indents (internal::Node::pre):
  // chunks that never move once allocated.
  std::vector<std::unique_ptr<char[]>> pre_indented_;
  std::vector<std::string> pre_indents_;
};

}  // namespace kapstok::tmpl

#endif  // KAPSTOK_TEMPLATE_TEMPLATE_H_
