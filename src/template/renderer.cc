#include "template/renderer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "template/escape.h"

namespace kapstok::tmpl::internal {

// Op::text relies on this: libstdc++ keeps a string of up to 15 bytes in a
// 16-byte buffer inside the object and a longer one in a heap block of at
// least 17 bytes, so 16 bytes can be read at any string's data(). Other
// standard libraries copy texts by their size.
#if defined(__GLIBCXX__)
constexpr bool kStringsHold16 = true;
#else
constexpr bool kStringsHold16 = false;
#endif

char* AppendValueText(const Value& v, const Escaper* escape, Output* out, char* w) {
  const Value& r = v.Resolved();
  if (const std::string* s = r.if_string()) {
    return escape != nullptr ? escape->Append(*s, out, w) : out->Append(w, *s);
  }
  // Numbers are written in place: an int64_t takes at most 20 bytes, a
  // double's shortest round-trip form at most 24 ("-2.2250738585072014e-308").
  constexpr size_t kNumberRoom = 32;
  if (r.is_int()) {
    w = out->Room(w, kNumberRoom);
    return std::to_chars(w, w + kNumberRoom, r.as_int()).ptr;
  }
  if (r.is_double()) {
    w = out->Room(w, kNumberRoom);
    return std::to_chars(w, w + kNumberRoom, r.as_double()).ptr;
  }
  if (r.is_bool()) {
    return out->Append(w, r.as_bool() ? std::string_view("true") : std::string_view("false"));
  }
  return w;
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

// The value of an empty context (see Renderer::Renderer). (Never destroyed.)
const Value& Null() {
  static const Value* const null = new Value();
  return *null;
}

// Where a run of ops renders: `indent` inserted at line starts (`indent_id`
// is its IndentId) and the block overrides in force.
struct At {
  std::string_view indent;
  uint32_t indent_id;
  const Scope* scope;
};

// Every member function that writes takes the output cursor `w` and returns
// the cursor after what it wrote (see output.h).
class Renderer {
  struct Frame;

 public:
  // Renders into *out (see Output), expecting to write about `expected` bytes.
  Renderer(const TemplateSet& set, const std::vector<const Value*>& context, std::string* out,
           size_t expected)
      : out_(out, expected), set_(set) {
    // The vectors of the thread's last render, with their room, and its
    // hints: each is 0 or an offset FindAtOffset stored (a member's offset in
    // some object), and is bounds- and tag-checked before use, so one from
    // another set or shape of data only misses.
    Scratch& scratch = ThreadScratch();
    stack_.swap(scratch.stack);
    loops_.swap(scratch.loops);
    hints_.swap(scratch.hints);
    stack_.clear();
    loops_.clear();
    if (hints_.size() < set.name_parts()) hints_.resize(set.name_parts(), 0);
    for (const Value* v : context) Push(v);
    // A render with no context at all looks names up in one null value: the
    // same results (nothing found renders as null does), and lookups need
    // no test for an empty stack (see Lookup).
    if (context.empty()) Push(&Null());
  }
  // Hands the vectors on to the thread's next render.
  ~Renderer() {
    Scratch& scratch = ThreadScratch();
    scratch.stack.swap(stack_);
    scratch.loops.swap(loops_);
    scratch.hints.swap(hints_);
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Runs the ops from `op` (a template's, a block's or a section's body) to
  // the kEnd that ends them, at `at`. Text and interpolation, nearly all of
  // a page's ops, are handled inline, and so are sections: entering one
  // (Enter) pushes a Loop and its first item and runs on into the body;
  // the body's kEnd moves to the next item or back out (Advance), with no
  // call per item. (No end pointer to compare each op with: the ops say
  // where a run ends. `at` by reference keeps Run's arguments in
  // registers, the cursor too.)
  char* Run(const Op* op, const At& at, char* w) {
    const size_t base = loops_.size();
    for (;;) {
      // (With no indentation, indent_id matches no pre_id and Text copies the
      // text as it is.)
      if (op->text_node == nullptr) [[likely]] {
        w = AppendText(op->text, op->size, w);
      } else if (op->pre_id == at.indent_id) {
        w = out_.Append(w, std::string_view(op->pre, op->pre_size));
      } else {
        w = Text(*op->text_node, at.indent, w);
      }
      // No range check: an op's kind is one of OpKind's (the compiler makes
      // only those), so the default is unreachable. -Wswitch-enum (made an
      // error here) still reports a kind added to OpKind but not handled.
      // (A range check before the switch instead of the default, or a masked
      // kind, costs 1-6 % of a list page's render instructions with GCC 12:
      // it keeps its compare or moves code.)
#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wswitch-enum"
      switch (op->kind) {
        case OpKind::kText: break;
        case OpKind::kEnd:
          if (loops_.size() == base) return w;
          op = Advance();
          continue;
        case OpKind::kVariable:
          if (const Value* v = Lookup(op)) {
            if (const std::string* s = v->if_own_string()) [[likely]] {
              w = escape_.Append(*s, &out_, w);
            } else {
              w = AppendValueText(*v, &escape_, &out_, w);
            }
          }
          break;
        case OpKind::kUnescaped:
          if (const Value* v = Lookup(op)) w = AppendValueText(*v, nullptr, &out_, w);
          break;
        case OpKind::kSection: {
          const Op* const after = op + 1 + op->skip;
          const Value* v = Lookup(op);
          op = v != nullptr && Enter(v->Resolved(), op + 1, after) ? op + 1 : after;
          continue;
        }
        case OpKind::kInverted: {
          const Op* const after = op + 1 + op->skip;
          const Value* v = Lookup(op);
          if (v == nullptr || !v->Truthy()) w = Run(op + 1, at, w);
          op = after;
          continue;
        }
        case OpKind::kPartial:
        case OpKind::kParent: w = Include(*op->node, at.indent, at.scope, w); break;
        case OpKind::kBlock: w = Block(*op->node, at.indent, at.scope, w); break;
        default: __builtin_unreachable();
      }
#pragma GCC diagnostic pop
      ++op;
    }
  }

  // At the end of a section body being run (loops_.back(), entered by
  // Enter): the next item's frame instead of the current one and the body's
  // first op, or after the last item the op after the body.
  const Op* Advance() {
    Loop& l = loops_.back();
    stack_.pop_back();
    if (++l.item != l.last) {
      Push(l.item);
      return l.body;
    }
    const Op* const after = l.after;
    loops_.pop_back();
    return after;
  }

  // The cursor at which the output starts, and the end of the output at
  // cursor `w`: Output::Start and Output::Finish.
  char* Start() const { return out_.Start(); }
  size_t Finish(char* w) { return out_.Finish(w); }

  // Runs `ops` (a template's or a block's) at `indent`.
  char* Program(const std::vector<Op>& ops, std::string_view indent, const Scope* scope,
                char* w) {
    const At at{indent, IndentId(indent), scope};
    return Run(ops.data(), at, w);
  }

 private:
  // The number that Op::pre_id gives a text pre-indented for `indent`, or
  // kNoIndentId (which matches none) when no text was.
  static constexpr uint32_t kNoIndentId = 0x10000;
  uint32_t IndentId(std::string_view indent) const {
    if (indent.empty()) return kNoIndentId;
    const std::vector<std::string>& known = set_.pre_indents();
    for (size_t i = 0; i < known.size(); ++i) {
      if (known[i] == indent) return static_cast<uint32_t>(i + 1);
    }
    return kNoIndentId;
  }

  // Appends the n bytes at `text`, of which 16 can be read whatever n (see
  // Op::text): up to 16 bytes in one move.
  char* AppendText(const char* text, size_t n, char* w) {
    w = out_.Room(w, n | 16);
    if (kStringsHold16 && n <= 16) [[likely]] {
      std::memcpy(w, text, 16);  // (one unaligned 16-byte load and store)
    } else {
      Output::Copy(w, text, n);
    }
    return w + n;
  }

  char* Text(const Node& n, std::string_view indent, char* w) {
    if (indent.empty() || n.line_starts.empty()) return out_.Append(w, n.text);
    if (n.pre != nullptr) {
      uint32_t size;
      std::memcpy(&size, n.pre - sizeof size, sizeof size);
      if (size == indent.size() &&
          SameBytes(n.pre - sizeof size - size, indent.data(), indent.size())) {
        return out_.Append(w, std::string_view(n.pre, n.pre_size));
      }
    }
    // Room for the text and every indentation at once, then plain copies.
    w = out_.Room(w, n.text.size() + n.line_starts.size() * indent.size());
    const char* text = n.text.data();
    size_t pos = 0;
    for (uint32_t at : n.line_starts) {
      Output::Copy(w, text + pos, at - pos);
      w += at - pos;
      Output::Copy(w, indent.data(), indent.size());
      w += indent.size();
      pos = at;
    }
    Output::Copy(w, text + pos, n.text.size() - pos);
    return w + (n.text.size() - pos);
  }

  // Resolves an op's name against the context stack, top down; nullptr when
  // any part is missing. A plain name (most): the first frame from the top
  // whose Bloom filter has its bit (the top one for a list item's member,
  // the page's for a name like `root` inside a list) is tried here at the
  // offset where the name was found last, with the part's fields in the op;
  // anything else in LookupNameFrom. Dotted names and the implicit iterator
  // have no Bloom bit (Op::bloom_bit), so they pass no frame and end in
  // LookupPath, with no test of their own here.
  // (The stack always has a frame: see the constructor.)
  [[gnu::always_inline]] const Value* Lookup(const Op* op) const {
    const Frame* const bottom = stack_.data();
    const Frame* top = bottom + stack_.size();
    do {
      --top;
      const Value::Object::Span& m = top->members;
      if ((m.bloom & op->bloom_bit) == 0) continue;
      const uint32_t offset = hints_[op->slot];
      const char* const first = reinterpret_cast<const char*>(m.begin);
      if (offset < static_cast<size_t>(reinterpret_cast<const char*>(m.end) - first)) {
        const ObjectMember& member = *reinterpret_cast<const ObjectMember*>(first + offset);
        if (member.tag == op->tag) return &member.second;
      }
      return LookupNameFrom(op, top + 1);  // (this frame again, in full, then those below)
    } while (top != bottom);
    return op->parts == 1 ? nullptr : LookupPath(op);
  }
  // Lookup of a dotted name or the implicit iterator (a few per page).
  [[gnu::noinline]] const Value* LookupPath(const Op* op) const {
    return Lookup(op->path, op->parts);
  }
  // Lookup of a one-part name in the frames below `top` (a pointer one past
  // the first frame to search), top down.
  [[gnu::noinline]] const Value* LookupNameFrom(const Op* op, const Frame* top) const {
    const Frame* const bottom = stack_.data();
    const NamePart& part = op->path[0];
    uint32_t* const hint = &hints_[part.slot];
    while (top != bottom) {
      --top;
      if (const Value* v = top->members.FindAtOffset(part.key, part.tag, part.bloom_bit, hint)) {
        return v;
      }
    }
    return nullptr;
  }
  [[gnu::always_inline]] const Value* Lookup(const NamePart* part, size_t parts) const {
    const Frame* bottom = stack_.data();
    const Frame* top = bottom + stack_.size();
    // (Never true, the stack always has a frame (see the constructor), but
    // without the test GCC 12 inlines differently into Run: +3.8k
    // instructions per list page.)
    if (top == bottom) return nullptr;
    const NamePart* const end = part + parts;
    if (part == end) return top[-1].value;
    const Value* v = nullptr;
    uint32_t* const hints = hints_.data();
    // (A frame that is not an object has an empty Bloom filter.)
    do {
      --top;
      v = top->members.FindAtOffset(part->key, part->tag, part->bloom_bit, &hints[part->slot]);
    } while (v == nullptr && top != bottom);
    for (++part; part != end && v != nullptr; ++part) {
      const Value::Object* o = v->if_object();
      v = o == nullptr ? nullptr
                       : o->members().FindAtOffset(part->key, part->tag, part->bloom_bit,
                                                   &hints[part->slot]);
    }
    return v;
  }

  // A section whose name resolved to `v`, with its body at `body` and the
  // op after the body at `after`: pushes the Loop that runs the body once
  // per item of a list, or once with `v` pushed for any other truthy value,
  // and the first item's frame. False (nothing pushed) when the body does
  // not render at all.
  bool Enter(const Value& v, const Op* body, const Op* after) {
    const Value* first = &v;
    const Value* last = &v + 1;
    if (const Value::List* list = v.if_list()) {
      if (list->empty()) return false;
      first = list->data();
      last = first + list->size();
    } else if (!v.Truthy()) {
      return false;
    }
    loops_.push_back(Loop{body, after, first, last});
    Push(first);
    return true;
  }

  // A partial, or a parent with its overriding blocks. A standalone tag
  // indents every line of the included template by the tag's indentation.
  char* Include(const Node& n, std::string_view indent, const Scope* scope, char* w) {
    const Template* t = n.target;
    if (n.dynamic) {
      const Value* name = Lookup(n.path.data(), n.path.size());
      const std::string* s = name != nullptr ? name->if_string() : nullptr;
      t = s != nullptr ? set_.Find(*s) : nullptr;
    }
    if (t == nullptr || depth_ >= kMaxDepth || includes_ >= kMaxIncludes) return w;
    ++includes_;
    std::string inner_indent;
    if (n.standalone) {
      inner_indent.reserve(indent.size() + n.indent.size());
      inner_indent.append(indent).append(n.indent);
    }
    ++depth_;
    if (n.kind == NodeKind::kParent) {
      Scope inner{scope, &n.children, indent};
      w = Program(t->ops, inner_indent, &inner, w);
    } else {
      w = Program(t->ops, inner_indent, scope, w);
    }
    --depth_;
    return w;
  }

  // A block renders the innermost override passed down by parent tags, or
  // else its own default content.
  char* Block(const Node& n, std::string_view indent, const Scope* scope, char* w) {
    Override o = FindOverride(scope, n.text);
    // A block inside the override that is being rendered for it (directly or
    // through other overrides) shows its own default content; otherwise the
    // override would include itself forever.
    if (o.block != nullptr &&
        std::find(active_.begin(), active_.end(), o.block) != active_.end()) {
      o = Override{};
    }
    if (o.block != nullptr) active_.push_back(o.block);
    w = RenderBlock(n, o, indent, scope, w);
    if (o.block != nullptr) active_.pop_back();
    return w;
  }

  char* RenderBlock(const Node& n, const Override& o, std::string_view indent,
                    const Scope* scope, char* w) {
    const Node& content = o.block != nullptr ? *o.block : n;
    std::string_view base = o.block != nullptr ? o.indent : indent;
    if (!n.standalone) return Program(content.ops, base, scope, w);
    std::string inner_indent(indent);
    inner_indent += n.body_indent.empty() ? n.indent : n.body_indent;
    return Program(content.ops, inner_indent, scope, w);
  }

  // A context on the stack, with its members when it is an object (found
  // once here rather than at every lookup; none otherwise).
  struct Frame {
    const Value* value;
    Value::Object::Span members;
  };
  void Push(const Value* v) {
    const Value::Object* o = v->if_object();
    stack_.push_back(Frame{v, o != nullptr ? o->members() : Value::Object::Span{}});
  }

  // What a render's vectors held, kept per thread between renders (a render
  // inside a render, were there one, would start from empty ones).
  struct Loop;
  struct Scratch {
    std::vector<Frame> stack;
    std::vector<Loop> loops;
    std::vector<uint32_t> hints;
  };
  static Scratch& ThreadScratch() {
    thread_local Scratch scratch;
    return scratch;
  }

  // A section being run (Run): `body` its first op, `after` the op after
  // its kEnd; items [item, last) still to render, `item`'s frame on top of
  // stack_.
  struct Loop {
    const Op* body;
    const Op* after;
    const Value* item;
    const Value* last;
  };

  // The output, in the renderer itself and first: its end is one load from
  // `this`, and `this` is its address.
  Output out_;
  const TemplateSet& set_;
  std::vector<Frame> stack_;  // bottom first
  std::vector<Loop> loops_;   // innermost last
  const Escaper escape_;
  int depth_ = 0;
  int includes_ = 0;
  std::vector<const Node*> active_;  // overrides being rendered, outermost first
  // Per name part (NamePart::slot): the byte offset of the member at which
  // it was last found (Span::FindAtOffset), tried first next time.
  mutable std::vector<uint32_t> hints_;
};

}  // namespace

void RenderTemplate(const TemplateSet& set, const Template& t,
                    const std::vector<const Value*>& context, std::string* out) {
  // Room for what the last rendering of `t` wrote, and a little more: pages
  // of one template differ in their data. A template not rendered before
  // (in a new set, say) starts from what this thread rendered last, as the
  // thread's reused buffer did before output went straight to *out.
  thread_local size_t thread_last = 0;
  const size_t last = t.last_size.load(std::memory_order_relaxed);
  const size_t expected = last != 0 ? last : thread_last;
  Renderer r(set, context, out, expected + expected / 16);
  const size_t written = r.Finish(r.Program(t.ops, {}, nullptr, r.Start()));
  if (written != last) t.last_size.store(written, std::memory_order_relaxed);
  thread_last = written;
}

}  // namespace kapstok::tmpl::internal
