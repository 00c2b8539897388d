// Flattening: turns a linked template's node tree into the linear array of
// Ops (node.h) that the renderer runs in one loop. A section's body follows
// its Op inline, so rendering a list item walks a contiguous array of small
// records instead of a tree of large Nodes; every run of ops (a template's,
// a block's, a section's body) ends in an OpKind::kEnd. Internal to the `template` stage;
// TemplateSet::Compile calls it once per template, after linking.
#ifndef KAPSTOK_TEMPLATE_PROGRAM_H_
#define KAPSTOK_TEMPLATE_PROGRAM_H_

#include <string>
#include <vector>

#include "template/node.h"

namespace kapstok::tmpl::internal {

// Fills t->ops from t->nodes and the ops of every block in them (defaults
// and a parent tag's overrides). Must run after every template of the set
// has been linked (it reads Node::pre, which linking other templates sets)
// and before anything renders. Ops point into the nodes, which must not move
// afterwards. `indents` is the set's table of the indentations that texts
// were pre-indented for; new ones are appended, and each text Op with a
// pre-indented form gets its number (Op::pre_id).
void Flatten(Template* t, std::vector<std::string>* indents);

}  // namespace kapstok::tmpl::internal

#endif  // KAPSTOK_TEMPLATE_PROGRAM_H_
