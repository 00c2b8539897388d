// The compiled form of a Mustache template: a tree of Nodes in which static
// text is already merged and stripped of standalone-line whitespace, names are
// split into dotted parts and static partials point at their compiled
// Template. Produced by the parser (parser.h), linked by TemplateSet and read
// by the renderer; never modified after TemplateSet::Compile returns.
// Internal to the `template` stage.
#ifndef KAPSTOK_TEMPLATE_NODE_H_
#define KAPSTOK_TEMPLATE_NODE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kapstok::tmpl::internal {

struct Template;

// One part of a dotted name, with its hash for Value::Find. `slot` numbers
// the part within its TemplateSet (0 .. TemplateSet::name_parts() - 1), so
// the renderer can remember per part where in an object it last found it.
struct NamePart {
  std::string key;
  uint32_t hash = 0;
  uint32_t slot = 0;
};

enum class NodeKind : uint8_t {
  kText,       // text, emitted as is (indented at line_starts)
  kVariable,   // {{name}}, HTML-escaped
  kUnescaped,  // {{{name}}} or {{&name}}
  kSection,    // {{#name}} children {{/name}}
  kInverted,   // {{^name}} children {{/name}}
  kPartial,    // {{>name}} or {{>*name}}
  kParent,     // {{<name}} blocks {{/name}}; children are the overriding blocks
  kBlock,      // {{$name}} default children {{/name}}
};

struct Node {
  NodeKind kind = NodeKind::kText;
  bool dynamic = false;     // kPartial/kParent: `path` names the template
  bool standalone = false;  // kPartial/kParent/kBlock: the tag stood alone on its line
  uint32_t pre_size = 0;    // see `pre`
  // kText: the static text. Otherwise the tag's name as written (without the
  // '*' of a dynamic name); for blocks the parameter name.
  std::string text;
  // kText: byte offsets in `text` at which a line of the template begins; the
  // current indentation is inserted there when the template is rendered as an
  // indented (standalone) partial.
  std::vector<uint32_t> line_starts;
  // kText with line_starts inside a section (rendered once per item): the
  // text with the indentation the linker expects it to render with (a
  // standalone partial's or block's) inserted at every line start, in
  // storage of the template set: `pre_size` bytes at `pre`, preceded by that
  // indentation and then its size (a uint32_t, unaligned) ending at `pre`.
  // Null when none. The renderer uses it only when the indentation matches.
  const char* pre = nullptr;
  // Dotted name parts for lookups; empty for the implicit iterator ".".
  std::vector<NamePart> path;
  // kPartial/kParent/kBlock: the whitespace that preceded the standalone tag.
  std::string indent;
  // kBlock with a standalone opening tag: the indentation common to its body,
  // removed from the body at compile time and re-added where it expands.
  std::string body_indent;
  std::vector<Node> children;
  const Template* target = nullptr;  // kPartial/kParent with a static name, once linked
  int line = 0;                      // 1-based position of the tag, for diagnostics
  int column = 0;
};

struct Template {
  std::string name;
  std::string path;
  std::string source;  // kept for diagnostics (source lines under carets)
  std::vector<Node> nodes;
};

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_NODE_H_
