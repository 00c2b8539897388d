// The compiled form of a Mustache template: a tree of Nodes in which static
// text is already merged and stripped of standalone-line whitespace, names are
// split into dotted parts and static partials point at their compiled
// Template. Produced by the parser (parser.h), linked by TemplateSet, which
// then flattens every template (and every block's content) into a linear
// array of Ops, the form the renderer runs; never modified after
// TemplateSet::Compile returns. Internal to the `template` stage.
#ifndef KAPSTOK_TEMPLATE_NODE_H_
#define KAPSTOK_TEMPLATE_NODE_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "template/value.h"

namespace kapstok::tmpl::internal {

struct Template;
struct Node;

// One part of a dotted name, with its hash, tag and Bloom bit for the
// lookups of ValueObject::Span. `slot` numbers the part within its
// TemplateSet (0 .. TemplateSet::name_parts() - 1), so the renderer can
// remember per part where in an object it last found it.
struct NamePart {
  std::string key;
  uint32_t hash = 0;
  uint32_t slot = 0;
  KeyTag tag;              // KeyTag::Of(key)
  uint64_t bloom_bit = 0;  // ValueObject::BloomBit(hash)
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

// One step of a flattened node list (program.h): static text to copy, then
// an action. Texts and interpolations carry what the renderer reads inline;
// a section's body follows it, `skip` ops long, so sections nest without a
// tree; partials, parents and blocks (rare: a few per page) point at their
// Node. Most ops are a text followed by an interpolation.
enum class OpKind : uint8_t {
  kText,       // the text only
  kVariable,   // then lookup `path`, HTML-escaped
  kUnescaped,  // then lookup `path`
  kSection,    // then lookup `path`; the next `skip` ops are the body
  kInverted,   // then lookup `path`; the next `skip` ops are the body
  kPartial,    // then `node` (kPartial)
  kParent,     // then `node` (kParent)
  kBlock,      // then `node` (kBlock)
  kEnd,        // the text only, and the run of ops ends (every body, template and block)
};

struct Op {
  static constexpr char kNoText[16] = {};
  OpKind kind = OpKind::kText;
  // A text with a pre-indented form: 1 + the number of its indentation in
  // the set's table of indentations (TemplateSet::pre_indents); 0 when none.
  uint16_t pre_id = 0;
  uint32_t parts = 0;     // name parts at `path` (0: the implicit iterator)
  uint32_t size = 0;      // text bytes at `text` (0: none)
  uint32_t skip = 0;      // kSection/kInverted: the number of ops in the body, its kEnd too
  uint32_t pre_size = 0;  // bytes at `pre`
  // 16 bytes can be read at `text` whatever `size` (Op::kNoText when there
  // is none, else a Node::text's data: a std::string keeps at least 16
  // bytes at its data, see renderer.cc), so texts of up to 16 bytes are
  // copied with one 16-byte move.
  const char* text = kNoText;
  const char* pre = nullptr;           // text_node->pre
  const Node* text_node = nullptr;     // the text's Node when it has line starts
  const NamePart* path = nullptr;
  const Node* node = nullptr;
  // parts == 1 (most names): path[0]'s slot, Bloom bit and tag, read here
  // by the renderer's inline lookup without going through `path`. The tag
  // of a key longer than KeyTag::kTagged (which then needs a compare of the
  // keys) is kNoKeyTag, so that the inline test fails over to the full one.
  // Dotted names and the implicit iterator have no Bloom bit (0): no frame
  // passes the inline test, and they are looked up by `path`.
  uint32_t slot = 0;
  uint64_t bloom_bit = 0;
  KeyTag tag;
};

// A tag that no key has: hi's top byte is the key's length (KeyTag::Of), so
// hi is 0 only for the empty key, whose lo is 0 too.
inline constexpr KeyTag kNoKeyTag{1, 0};

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
  // kBlock (defaults and overrides alike): `children` flattened.
  std::vector<Op> ops;
  const Template* target = nullptr;  // kPartial/kParent with a static name, once linked
  int line = 0;         // 1-based line of the tag, for diagnostics
  uint32_t offset = 0;  // byte offset of the tag in the source (column: ColumnAt)
};

struct Template {
  std::string name;
  std::string path;
  std::string source;  // kept for diagnostics (source lines under carets)
  std::vector<Node> nodes;
  std::vector<Op> ops;  // `nodes` flattened
  // The size of this template's last rendering (by any thread; relaxed, only
  // a hint): the room the next one starts with.
  mutable std::atomic<size_t> last_size{0};
};

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_NODE_H_
