#include "template/template.h"

#include <algorithm>
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

// Points every static partial and parent tag in `nodes` at its template
// (unknown names are errors unless options say they render empty), and
// numbers every name part (NamePart::slot) from *next_slot on.
class Linker {
 public:
  Linker(const TemplateSet& set, const CompileOptions& options, DiagnosticSink* sink,
         size_t* next_slot)
      : set_(set), options_(options), sink_(sink), next_slot_(next_slot) {}

  bool Link(Template* t) {
    ok_ = true;
    t_ = t;
    Nodes(&t->nodes);
    return ok_;
  }

 private:
  void Nodes(std::vector<Node>* nodes) {
    for (Node& n : *nodes) {
      for (internal::NamePart& part : n.path) part.slot = static_cast<uint32_t>((*next_slot_)++);
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
  size_t* next_slot_;
  Template* t_ = nullptr;
  bool ok_ = true;
};

// Finds templates that include themselves through partial or parent tags
// that no section or block guards: rendering them could never end.
class CycleFinder {
 public:
  explicit CycleFinder(DiagnosticSink* sink) : sink_(sink) {}

  // Returns false (and reports) when some cycle exists.
  bool Check(const std::map<std::string, std::unique_ptr<Template>, std::less<>>& templates) {
    for (const auto& [name, t] : templates) Visit(t.get());
    return ok_;
  }

 private:
  enum class Mark { kNew, kActive, kDone };

  void Visit(const Template* t) {
    Mark& mark = marks_[t];
    if (mark != Mark::kNew) return;
    mark = Mark::kActive;
    path_.push_back(t);
    Edges(t, t->nodes);
    path_.pop_back();
    marks_[t] = Mark::kDone;
  }

  void Edges(const Template* from, const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      if ((n.kind != NodeKind::kPartial && n.kind != NodeKind::kParent) || n.target == nullptr) {
        continue;
      }
      if (marks_[n.target] == Mark::kActive) {
        Report(from, n);
      } else {
        Visit(n.target);
      }
    }
  }

  void Report(const Template* from, const Node& n) {
    std::string cycle;
    bool in_cycle = false;
    for (const Template* t : path_) {
      in_cycle = in_cycle || t == n.target;
      if (in_cycle) cycle += "'" + t->name + "' -> ";
    }
    cycle += "'" + n.target->name + "'";
    internal::ReportAt(sink_, from->path, from->source, n.line, n.column,
                       "template '" + n.target->name +
                           "' includes itself with no section around the tag, so rendering "
                           "would never end: " + cycle);
    ok_ = false;
  }

  DiagnosticSink* sink_;
  std::map<const Template*, Mark> marks_;
  std::vector<const Template*> path_;
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
  Linker linker(*set, options, sink, &set->name_parts_);
  for (auto& [name, t] : set->templates_) ok = linker.Link(t.get()) && ok;
  if (!ok || !CycleFinder(sink).Check(set->templates_)) return nullptr;
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
  std::string out;  // the renderer sizes it once, at the end
  Render(name, std::vector<const Value*>{&view}, &out);
  return out;
}

}  // namespace kapstok::tmpl
