#include "template/renderer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "template/escape.h"

namespace kapstok::tmpl::internal {

void AppendValueText(const Value& v, bool escape, std::string* out) {
  const Value& r = v.Resolved();
  if (r.is_string()) {
    if (escape) {
      AppendEscaped(r.as_string(), out);
    } else {
      out->append(r.as_string());
    }
    return;
  }
  char buf[64];
  std::to_chars_result res{buf, std::errc()};
  if (r.is_int()) {
    res = std::to_chars(buf, buf + sizeof buf, r.as_int());
  } else if (r.is_double()) {
    res = std::to_chars(buf, buf + sizeof buf, r.as_double());
  } else if (r.is_bool()) {
    out->append(r.as_bool() ? "true" : "false");
    return;
  }
  out->append(buf, res.ptr);
}

namespace {

// Limits on partial and parent expansion within one render. Templates that
// include themselves with no section around the tag are compile errors, but
// recursion can still run away through data (a node whose children list is
// looked up in its parent) or through a block override that includes the
// parent again, and then it may branch exponentially. Past these limits the
// renderer includes nothing more. Real pages stay far below both: navigation
// trees nest a few levels, and a page of 100,000 includes would be megabytes
// of HTML.
constexpr int kMaxDepth = 100;
constexpr int kMaxIncludes = 100000;

// The block overrides in force: those of the innermost parent tag being
// rendered plus, with precedence, those of every parent tag around it.
struct Scope {
  const Scope* outer;
  const std::vector<Node>* blocks;
  std::string_view indent;  // indentation where the overriding blocks were written
};

struct Override {
  const Node* block = nullptr;
  std::string_view indent;
};

Override FindOverride(const Scope* scope, const std::string& name) {
  if (scope == nullptr) return {};
  Override o = FindOverride(scope->outer, name);
  if (o.block != nullptr) return o;
  for (const Node& b : *scope->blocks) {
    if (b.text == name) return {&b, scope->indent};
  }
  return {};
}

class Renderer {
 public:
  Renderer(const TemplateSet& set, const std::vector<const Value*>& context, std::string* out)
      : set_(set), stack_(context), out_(out) {}

  void Nodes(const std::vector<Node>& nodes, std::string_view indent, const Scope* scope) {
    for (const Node& n : nodes) One(n, indent, scope);
  }

 private:
  void One(const Node& n, std::string_view indent, const Scope* scope) {
    switch (n.kind) {
      case NodeKind::kText: Text(n, indent); break;
      case NodeKind::kVariable:
      case NodeKind::kUnescaped:
        if (const Value* v = Lookup(n.path)) {
          AppendValueText(*v, n.kind == NodeKind::kVariable, out_);
        }
        break;
      case NodeKind::kSection: Section(n, indent, scope); break;
      case NodeKind::kInverted: {
        const Value* v = Lookup(n.path);
        if (v == nullptr || !v->Truthy()) Nodes(n.children, indent, scope);
        break;
      }
      case NodeKind::kPartial:
      case NodeKind::kParent: Include(n, indent, scope); break;
      case NodeKind::kBlock: Block(n, indent, scope); break;
    }
  }

  void Text(const Node& n, std::string_view indent) {
    if (indent.empty() || n.line_starts.empty()) {
      out_->append(n.text);
      return;
    }
    size_t pos = 0;
    for (uint32_t at : n.line_starts) {
      out_->append(n.text, pos, at - pos);
      out_->append(indent);
      pos = at;
    }
    out_->append(n.text, pos, std::string::npos);
  }

  // Resolves a dotted name against the context stack, top down; nullptr when
  // any part is missing.
  const Value* Lookup(const std::vector<std::string>& path) const {
    if (stack_.empty()) return nullptr;
    if (path.empty()) return stack_.back();
    const Value* v = nullptr;
    for (auto it = stack_.rbegin(); it != stack_.rend() && v == nullptr; ++it) {
      v = (*it)->Find(path[0]);
    }
    for (size_t i = 1; i < path.size() && v != nullptr; ++i) v = v->Find(path[i]);
    return v;
  }

  void Section(const Node& n, std::string_view indent, const Scope* scope) {
    const Value* v = Lookup(n.path);
    if (v == nullptr || !v->Truthy()) return;
    if (v->is_list()) {
      for (const Value& item : v->as_list()) {
        stack_.push_back(&item);
        Nodes(n.children, indent, scope);
        stack_.pop_back();
      }
      return;
    }
    stack_.push_back(v);
    Nodes(n.children, indent, scope);
    stack_.pop_back();
  }

  // A partial, or a parent with its overriding blocks. A standalone tag
  // indents every line of the included template by the tag's indentation.
  void Include(const Node& n, std::string_view indent, const Scope* scope) {
    const Template* t = n.target;
    if (n.dynamic) {
      const Value* name = Lookup(n.path);
      t = (name != nullptr && name->is_string()) ? set_.Find(name->as_string()) : nullptr;
    }
    if (t == nullptr || depth_ >= kMaxDepth || includes_ >= kMaxIncludes) return;
    ++includes_;
    std::string inner_indent;
    if (n.standalone) {
      inner_indent.reserve(indent.size() + n.indent.size());
      inner_indent.append(indent).append(n.indent);
    }
    ++depth_;
    if (n.kind == NodeKind::kParent) {
      Scope inner{scope, &n.children, indent};
      Nodes(t->nodes, inner_indent, &inner);
    } else {
      Nodes(t->nodes, inner_indent, scope);
    }
    --depth_;
  }

  // A block renders the innermost override passed down by parent tags, or
  // else its own default content.
  void Block(const Node& n, std::string_view indent, const Scope* scope) {
    Override o = FindOverride(scope, n.text);
    // A block inside the override that is being rendered for it (directly or
    // through other overrides) shows its own default content; otherwise the
    // override would include itself forever.
    if (o.block != nullptr &&
        std::find(active_.begin(), active_.end(), o.block) != active_.end()) {
      o = Override{};
    }
    if (o.block != nullptr) active_.push_back(o.block);
    RenderBlock(n, o, indent, scope);
    if (o.block != nullptr) active_.pop_back();
  }

  void RenderBlock(const Node& n, const Override& o, std::string_view indent,
                   const Scope* scope) {
    const Node& content = o.block != nullptr ? *o.block : n;
    std::string_view base = o.block != nullptr ? o.indent : indent;
    if (!n.standalone) {
      Nodes(content.children, base, scope);
      return;
    }
    std::string inner_indent(indent);
    inner_indent += n.body_indent.empty() ? n.indent : n.body_indent;
    Nodes(content.children, inner_indent, scope);
  }

  const TemplateSet& set_;
  std::vector<const Value*> stack_;
  std::string* out_;
  int depth_ = 0;
  int includes_ = 0;
  std::vector<const Node*> active_;  // overrides being rendered, outermost first
};

}  // namespace

void RenderTemplate(const TemplateSet& set, const Template& t,
                    const std::vector<const Value*>& context, std::string* out) {
  Renderer r(set, context, out);
  r.Nodes(t.nodes, {}, nullptr);
}

}  // namespace kapstok::tmpl::internal
