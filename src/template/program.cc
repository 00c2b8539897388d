#include "template/program.h"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace kapstok::tmpl::internal {
namespace {

class Flattener {
 public:
  explicit Flattener(std::vector<std::string>* indents) : indents_(indents) {}

  void Nodes(std::vector<Node>* nodes, std::vector<Op>* ops) {
    // The text op just pushed at this level, which the next action joins.
    size_t text_at = SIZE_MAX;
    for (Node& n : *nodes) {
      if (n.kind == NodeKind::kText) {
        if (n.text.empty()) continue;
        Op op;
        op.text = n.text.data();
        op.size = static_cast<uint32_t>(n.text.size());
        if (!n.line_starts.empty()) {
          op.text_node = &n;
          if (n.pre != nullptr) {
            op.pre = n.pre;
            op.pre_size = n.pre_size;
            op.pre_id = IndentId(n);
          }
        }
        text_at = ops->size();
        ops->push_back(op);
        continue;
      }
      if (text_at != ops->size() - 1 || ops->empty()) ops->push_back(Op());
      text_at = SIZE_MAX;
      const size_t at = ops->size() - 1;
      Op& op = ops->back();
      op.path = n.path.data();
      op.parts = static_cast<uint32_t>(n.path.size());
      if (op.parts == 1) {
        const NamePart& part = n.path[0];
        op.slot = part.slot;
        op.bloom_bit = part.bloom_bit;
        op.tag = part.key.size() <= KeyTag::kTagged ? part.tag : kNoKeyTag;
      }
      switch (n.kind) {
        case NodeKind::kText: break;
        case NodeKind::kVariable: op.kind = OpKind::kVariable; break;
        case NodeKind::kUnescaped: op.kind = OpKind::kUnescaped; break;
        case NodeKind::kSection:
        case NodeKind::kInverted:
          op.kind = n.kind == NodeKind::kSection ? OpKind::kSection : OpKind::kInverted;
          Nodes(&n.children, ops);  // (may move `op`)
          (*ops)[at].skip = static_cast<uint32_t>(ops->size() - at - 1);
          break;
        case NodeKind::kPartial:
          op.kind = OpKind::kPartial;
          op.node = &n;
          break;
        case NodeKind::kParent:
          op.kind = OpKind::kParent;
          op.node = &n;
          for (Node& block : n.children) Nodes(&block.children, &block.ops);
          break;
        case NodeKind::kBlock:
          op.kind = OpKind::kBlock;
          op.node = &n;
          Nodes(&n.children, &n.ops);
          break;
      }
    }
    // The run of ops ends here: in the text op just pushed, which has no
    // action, or else in an op of its own.
    if (text_at != SIZE_MAX) {
      (*ops)[text_at].kind = OpKind::kEnd;
    } else {
      Op end;
      end.kind = OpKind::kEnd;
      ops->push_back(end);
    }
  }

 private:
  // The number of the indentation that text node `n` was pre-indented for
  // (stored before Node::pre, see node.h); 0 when the table is full.
  uint16_t IndentId(const Node& n) {
    uint32_t size;
    std::memcpy(&size, n.pre - sizeof size, sizeof size);
    const std::string_view indent(n.pre - sizeof size - size, size);
    for (size_t i = 0; i < indents_->size(); ++i) {
      if ((*indents_)[i] == indent) return static_cast<uint16_t>(i + 1);
    }
    if (indents_->size() >= UINT16_MAX - 1) return 0;
    indents_->emplace_back(indent);
    return static_cast<uint16_t>(indents_->size());
  }

  std::vector<std::string>* indents_;
};

}  // namespace

void Flatten(Template* t, std::vector<std::string>* indents) {
  t->ops.clear();
  Flattener(indents).Nodes(&t->nodes, &t->ops);
}

}  // namespace kapstok::tmpl::internal
