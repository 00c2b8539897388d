#include "template/template.h"

#include <utility>

#include "base/text.h"
#include "template/lexer.h"
#include "template/node.h"
#include "template/parser.h"
#include "template/renderer.h"

namespace kapstok::tmpl {
namespace {

using internal::Node;
using internal::NodeKind;
using internal::Template;

// Points every static partial and parent tag in `nodes` at its template.
// Unknown names are errors unless options say they render empty.
class Linker {
 public:
  Linker(const TemplateSet& set, const CompileOptions& options, DiagnosticSink* sink)
      : set_(set), options_(options), sink_(sink) {}

  bool Link(Template* t) {
    ok_ = true;
    t_ = t;
    Nodes(&t->nodes);
    return ok_;
  }

 private:
  void Nodes(std::vector<Node>* nodes) {
    for (Node& n : *nodes) {
      if ((n.kind == NodeKind::kPartial || n.kind == NodeKind::kParent) && !n.dynamic) {
        n.target = set_.Find(n.text);
        if (n.target == nullptr && options_.missing_partial_is_error) Unknown(n);
      }
      Nodes(&n.children);
    }
  }

  void Unknown(const Node& n) {
    std::string what = n.kind == NodeKind::kPartial ? "partial" : "parent template";
    std::vector<std::string> names = set_.Names();
    std::erase(names, std::string(TemplateSet::kMain));
    std::string suggestion = ClosestMatch(n.text, names);
    internal::ReportAt(sink_, t_->path, t_->source, n.line, n.column,
                       "unknown " + what + " '" + n.text + "'",
                       suggestion.empty() ? "" : "did you mean '" + suggestion + "'?");
    ok_ = false;
  }

  const TemplateSet& set_;
  const CompileOptions& options_;
  DiagnosticSink* sink_;
  Template* t_ = nullptr;
  bool ok_ = true;
};

}  // namespace

TemplateSet::~TemplateSet() = default;

std::unique_ptr<TemplateSet> TemplateSet::Compile(const std::map<std::string, Source>& sources,
                                                  DiagnosticSink* sink,
                                                  const CompileOptions& options) {
  std::unique_ptr<TemplateSet> set(new TemplateSet());
  bool ok = true;
  for (const auto& [name, source] : sources) {
    auto t = internal::ParseTemplate(name, source.path, source.text, sink);
    if (t == nullptr) {
      ok = false;
      continue;
    }
    set->templates_.emplace(name, std::move(t));
  }
  // Linking needs every template parsed first: partials may refer to each
  // other in any order, and to themselves.
  Linker linker(*set, options, sink);
  for (auto& [name, t] : set->templates_) ok = linker.Link(t.get()) && ok;
  if (!ok) return nullptr;
  return set;
}

std::unique_ptr<TemplateSet> TemplateSet::CompileString(
    std::string_view text, const std::map<std::string, std::string>& partials,
    DiagnosticSink* sink, const CompileOptions& options) {
  std::map<std::string, Source> sources;
  for (const auto& [name, partial] : partials) sources[name] = Source{name, partial};
  sources[std::string(kMain)] = Source{"<template>", std::string(text)};
  return Compile(sources, sink, options);
}

bool TemplateSet::Has(std::string_view name) const { return Find(name) != nullptr; }

std::vector<std::string> TemplateSet::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, t] : templates_) names.push_back(name);
  return names;
}

const internal::Template* TemplateSet::Find(std::string_view name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : it->second.get();
}

void TemplateSet::Render(std::string_view name, const std::vector<const Value*>& context,
                         std::string* out) const {
  const Template* t = Find(name);
  if (t != nullptr) internal::RenderTemplate(*this, *t, context, out);
}

std::string TemplateSet::Render(std::string_view name, const Value& view) const {
  std::string out;
  Render(name, std::vector<const Value*>{&view}, &out);
  return out;
}

}  // namespace kapstok::tmpl
