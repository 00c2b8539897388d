#include "template/template.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "base/text.h"
#include "template/lexer.h"
#include "template/node.h"
#include "template/parser.h"
#include "template/program.h"
#include "template/renderer.h"

namespace kapstok::tmpl {
namespace {

using internal::Node;
using internal::NodeKind;
using internal::Template;

// Points every static partial and parent tag in `nodes` at its template
// (unknown names are errors unless options say they render empty), and
// numbers every name part (NamePart::slot) from *next_slot on, and
// pre-indents the text in sections of standalone partials and blocks
// (Node::pre), so that the renderer copies list items' lines whole.
class Linker {
 public:
  // Pre-indented texts go into chunks of at least `chunk_size` bytes
  // appended to *chunks.
  Linker(const TemplateSet& set, const CompileOptions& options, DiagnosticSink* sink,
         size_t* next_slot, std::vector<std::unique_ptr<char[]>>* chunks, size_t chunk_size)
      : set_(set),
        options_(options),
        sink_(sink),
        next_slot_(next_slot),
        chunks_(chunks),
        chunk_size_(chunk_size) {}

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
      PreIndent(n);
      Nodes(&n.children);
    }
  }

  // Pre-indents the text that tag `n` makes the renderer indent, for the
  // indentation it gets when the template holding `n` renders unindented
  // (a page, or a layout through a page's parent tag): a standalone
  // partial's whole template, a standalone block's default content and,
  // for a parent tag, each overriding block that replaces a standalone block
  // of the parent. Only a guess: the renderer checks the indentation.
  void PreIndent(Node& n) {
    if (n.kind == NodeKind::kPartial && n.standalone && !n.indent.empty() &&
        n.target != nullptr) {
      // The set is still being built and nothing renders it yet.
      Template* target = const_cast<Template*>(n.target);
      Texts(&target->nodes, n.indent);
    } else if (n.kind == NodeKind::kBlock && n.standalone) {
      Texts(&n.children, BlockIndent(n));
    } else if (n.kind == NodeKind::kParent && n.target != nullptr) {
      for (Node& b : n.children) {
        if (b.kind != NodeKind::kBlock) continue;
        const Node* slot = FindBlock(n.target->nodes, b.text);
        if (slot != nullptr && slot->standalone) Texts(&b.children, BlockIndent(*slot));
      }
    }
  }

  static const std::string& BlockIndent(const Node& block) {
    return block.body_indent.empty() ? block.indent : block.body_indent;
  }

  // The first block named `name` in `nodes`, looking into sections and
  // blocks but not into other templates.
  static const Node* FindBlock(const std::vector<Node>& nodes, const std::string& name) {
    for (const Node& n : nodes) {
      if (n.kind == NodeKind::kBlock && n.text == name) return &n;
      if (n.kind == NodeKind::kSection || n.kind == NodeKind::kInverted ||
          n.kind == NodeKind::kBlock) {
        if (const Node* found = FindBlock(n.children, name)) return found;
      }
    }
    return nullptr;
  }

  // Gives every multi-line text within a section in `nodes` (sections
  // render at the indentation of what holds them) that has none yet its
  // text pre-indented by `indent`. Texts outside sections render once per
  // page, so pre-indenting them would cost compile time to save as much
  // render time.
  void Texts(std::vector<Node>* nodes, const std::string& indent, bool in_section = false) {
    if (indent.empty()) return;
    for (Node& n : *nodes) {
      if (n.kind == NodeKind::kSection || n.kind == NodeKind::kInverted) {
        Texts(&n.children, indent, true);
      } else if (in_section && n.kind == NodeKind::kText && !n.line_starts.empty() &&
                 n.pre == nullptr) {
        const size_t size = n.text.size() + n.line_starts.size() * indent.size();
        const uint32_t indent_size = static_cast<uint32_t>(indent.size());
        char* w = Allocate(indent.size() + sizeof indent_size + size);
        std::memcpy(w, indent.data(), indent.size());
        w += indent.size();
        std::memcpy(w, &indent_size, sizeof indent_size);
        w += sizeof indent_size;
        n.pre = w;
        n.pre_size = static_cast<uint32_t>(size);
        size_t pos = 0;
        for (uint32_t at : n.line_starts) {
          std::memcpy(w, n.text.data() + pos, at - pos);
          w += at - pos;
          std::memcpy(w, indent.data(), indent.size());
          w += indent.size();
          pos = at;
        }
        std::memcpy(w, n.text.data() + pos, n.text.size() - pos);
      }
    }
  }

  // `size` bytes of pre-indented text storage; one chunk usually holds all
  // of a set's.
  char* Allocate(size_t size) {
    if (room_ < size) {
      const size_t chunk = std::max(size, chunk_size_);
      chunks_->emplace_back(new char[chunk]);
      next_ = chunks_->back().get();
      room_ = chunk;
    }
    char* p = next_;
    next_ += size;
    room_ -= size;
    return p;
  }

  void Unknown(const Node& n) {
    std::string what = n.kind == NodeKind::kPartial ? "partial" : "parent template";
    std::vector<std::string> names = set_.Names();
    std::erase(names, std::string(TemplateSet::kMain));
    std::string suggestion = ClosestMatch(n.text, names);
    internal::ReportAt(sink_, t_->path, t_->source, n.line,
                       internal::ColumnAt(t_->source, n.offset),
                       "unknown " + what + " '" + n.text + "'",
                       suggestion.empty() ? "" : "did you mean '" + suggestion + "'?");
    ok_ = false;
  }

  const TemplateSet& set_;
  const CompileOptions& options_;
  DiagnosticSink* sink_;
  size_t* next_slot_;
  std::vector<std::unique_ptr<char[]>>* chunks_;
  size_t chunk_size_;
  char* next_ = nullptr;  // the free bytes of chunks_->back()
  size_t room_ = 0;
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
    internal::ReportAt(sink_, from->path, from->source, n.line,
                       internal::ColumnAt(from->source, n.offset),
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
  // Pre-indented texts are the lines of list items: a kilobyte usually
  // holds all of a set's.
  constexpr size_t kChunkSize = 1024;
  Linker linker(*set, options, sink, &set->name_parts_, &set->pre_indented_, kChunkSize);
  for (auto& [name, t] : set->templates_) ok = linker.Link(t.get()) && ok;
  if (!ok || !CycleFinder(sink).Check(set->templates_)) return nullptr;
  for (auto& [name, t] : set->templates_) internal::Flatten(t.get(), &set->pre_indents_);
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
