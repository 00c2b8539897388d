// Value is the view model that Mustache templates render: null, bool,
// integer, double, string, list or object (keys sorted, so anything that
// iterates an object is deterministic). Values are built in C++ by the render
// stage and are read-only while templates render them, so one Value may be
// rendered from many threads at once. A Value can also share a subtree that
// many views reference (the site navigation, say) without copying it:
// Value::Shared. Owned by the `template` stage.
#ifndef KAPSTOK_TEMPLATE_VALUE_H_
#define KAPSTOK_TEMPLATE_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kapstok::tmpl {

// Orders object keys exactly as std::less<std::string> does (bytewise,
// unsigned, shorter first on a tie) but compares short keys inline, which
// makes the lookups that templates do many of cheaper. Transparent, so
// Find(std::string_view) needs no temporary string.
struct KeyLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const {
    const size_t n = a.size() < b.size() ? a.size() : b.size();
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
  }
};

class Value {
 public:
  using List = std::vector<Value>;
  using Object = std::map<std::string, Value, KeyLess>;

  Value() = default;  // null
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<int64_t>(i)) {}
  Value(int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(List l) : v_(std::move(l)) {}
  Value(Object o) : v_(std::move(o)) {}
  // A reference to a shared, immutable subtree; reads see through it.
  static Value Shared(std::shared_ptr<const Value> v) {
    Value out;
    out.v_ = std::move(v);
    return out;
  }

  // Looks through Shared indirection.
  const Value& Resolved() const {
    const Value* v = this;
    while (auto* p = std::get_if<std::shared_ptr<const Value>>(&v->v_)) v = p->get();
    return *v;
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(Resolved().v_); }
  bool is_bool() const { return std::holds_alternative<bool>(Resolved().v_); }
  bool is_int() const { return std::holds_alternative<int64_t>(Resolved().v_); }
  bool is_double() const { return std::holds_alternative<double>(Resolved().v_); }
  bool is_string() const { return std::holds_alternative<std::string>(Resolved().v_); }
  bool is_list() const { return std::holds_alternative<List>(Resolved().v_); }
  bool is_object() const { return std::holds_alternative<Object>(Resolved().v_); }

  // Accessors; each requires the matching is_*() to be true.
  bool as_bool() const { return std::get<bool>(Resolved().v_); }
  int64_t as_int() const { return std::get<int64_t>(Resolved().v_); }
  double as_double() const { return std::get<double>(Resolved().v_); }
  const std::string& as_string() const { return std::get<std::string>(Resolved().v_); }
  const List& as_list() const { return std::get<List>(Resolved().v_); }
  const Object& as_object() const { return std::get<Object>(Resolved().v_); }

  // Object member lookup; nullptr when this is not an object or has no key.
  const Value* Find(std::string_view key) const {
    const Value& r = Resolved();
    auto* o = std::get_if<Object>(&r.v_);
    if (!o) return nullptr;
    auto it = o->find(key);
    return it == o->end() ? nullptr : &it->second;
  }

  // Builders. Set turns a null Value into an object; Push into a list.
  Value& Set(std::string key, Value v) {
    if (!std::holds_alternative<Object>(v_)) v_ = Object{};
    std::get<Object>(v_)[std::move(key)] = std::move(v);
    return *this;
  }
  Value& Push(Value v) {
    if (!std::holds_alternative<List>(v_)) v_ = List{};
    std::get<List>(v_).push_back(std::move(v));
    return *this;
  }
  Value& operator[](const std::string& key) {
    if (!std::holds_alternative<Object>(v_)) v_ = Object{};
    return std::get<Object>(v_)[key];
  }

  // Mustache truthiness: null, false and the empty list are falsey.
  bool Truthy() const {
    const Value& r = Resolved();
    if (r.is_null()) return false;
    if (auto* b = std::get_if<bool>(&r.v_)) return *b;
    if (auto* l = std::get_if<List>(&r.v_)) return !l->empty();
    return true;
  }

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, List, Object,
               std::shared_ptr<const Value>>
      v_;
};

}  // namespace kapstok::tmpl

#endif  // KAPSTOK_TEMPLATE_VALUE_H_
