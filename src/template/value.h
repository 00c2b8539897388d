// Value is the view model that Mustache templates render: null, bool,
// integer, double, string, list or object (keys sorted, so anything that
// iterates an object is deterministic). Values are built in C++ by the render
// stage and are read-only while templates render them, so one Value may be
// rendered from many threads at once. A Value can also share a subtree that
// many views reference (the site navigation, say) without copying it:
// Value::Shared. Owned by the `template` stage.
//
// Objects are flat: one sorted vector of members plus a 64-bit Bloom filter of
// their key hashes, so building a view allocates per object rather than per
// member, and the renderer's name lookups (thousands per page) mostly cost
// one bit test (a miss) or one key comparison at a remembered position (a
// hit) on data that sits close together in memory. Each member carries its
// key's KeyTag (the key's first 15 bytes and its length in two words), so
// that comparison reads the member itself rather than its key's bytes.
#ifndef KAPSTOK_TEMPLATE_VALUE_H_
#define KAPSTOK_TEMPLATE_VALUE_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace kapstok::tmpl {

// Orders object keys exactly as std::less<std::string> does (bytewise,
// unsigned, shorter first on a tie). Transparent, so lookups by
// std::string_view need no temporary string.
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

// The hash of a key that objects file in their Bloom filter (32-bit FNV-1a);
// Find takes it as an argument. Callers that look
// the same name up many times (the renderer) compute it once.
inline uint32_t HashKey(std::string_view key) {
  uint32_t h = 2166136261u;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// A key's first 15 bytes (zero-padded) and its length (capped at 255) in
// the last byte, as two words. Equal keys have equal tags; for keys of at
// most kTagged bytes equal tags also mean equal keys, longer ones must be
// compared in full after their tags match.
struct KeyTag {
  // Of() reads key bytes with word loads and shifts that put byte k at bits
  // 8k and up, which only little-endian loads do; elsewhere distinct keys
  // could share a tag.
  static_assert(std::endian::native == std::endian::little, "KeyTag::Of assumes little-endian");
  static constexpr size_t kTagged = 15;
  uint64_t lo = 0;
  uint64_t hi = 0;

  static KeyTag Of(std::string_view key) {
    const char* p = key.data();
    const size_t n = key.size();
    KeyTag t;
    if (n > 8) {
      std::memcpy(&t.lo, p, 8);
      // Bytes 8 .. min(n, 15) - 1, from a load that ends at the last of them.
      const size_t last = n < kTagged ? n : kTagged;
      std::memcpy(&t.hi, p + last - 8, 8);
      t.hi >>= 8 * (16 - last);
    } else if (n >= 4) {
      uint32_t a, b;  // overlapping: the shared bytes are equal
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      t.lo = a | (uint64_t{b} << (8 * (n - 4)));
    } else {
      for (size_t k = 0; k < n; ++k) t.lo |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    }
    t.hi |= uint64_t{n < 255 ? n : 255} << 56;
    return t;
  }
  bool operator==(const KeyTag& o) const { return ((lo ^ o.lo) | (hi ^ o.hi)) == 0; }
};

class Value;

// A member of an object: key `first`, value `second` and the key's tag
// (kept by ValueObject). Binds as a pair: `for (const auto& [key, value] : o)`.
// A template, like the std::pair it replaced, so that it is instantiated
// where Value is complete.
template <typename V>
struct BasicObjectMember {
  std::string first;
  V second;
  KeyTag tag;  // KeyTag::Of(first)

  template <size_t I>
  const auto& get() const {
    if constexpr (I == 0) {
      return first;
    } else {
      return second;
    }
  }
};

using ObjectMember = BasicObjectMember<Value>;

// Whether a[0, n) == b[0, n); inline for the short keys of views.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) {
    uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, a, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// The members of an object Value: (key, value) pairs in key order (KeyLess),
// each key once. Iteration is read-only and sorted. Like a std::vector, and
// unlike a std::map, inserting a key invalidates references to members.
class ValueObject {
 public:
  using value_type = ObjectMember;  // .first is the key, .second the value
  using const_iterator = std::vector<value_type>::const_iterator;
  using iterator = const_iterator;

  ValueObject() = default;

  // (Defined below Value, which must be complete first.)
  const_iterator begin() const;
  const_iterator end() const;
  size_t size() const;
  bool empty() const;

  // The member `key`, or end().
  const_iterator find(std::string_view key) const;
  bool contains(std::string_view key) const;
  // The member `key` (hash == HashKey(key)), or nullptr.
  const Value* Find(std::string_view key, uint32_t hash) const;
  // The member `key`, inserted as null when missing.
  Value& operator[](std::string_view key);
  // Sets member `key` to `v` (inserting it when missing) and returns it.
  // Appending in key order constructs the member in place.
  Value& Put(std::string_view key, Value&& v);
  // Makes room for `n` members (as std::vector::reserve), so that a view
  // built with up to `n` inserts allocates its members once. Changes nothing
  // else; the members are as before.
  void reserve(size_t n);

  // The members as they are now, for a caller that searches the same object
  // many times (the renderer keeps one per context): Find without the detour
  // through the object. Valid until the object changes.
  struct Span {
    const value_type* begin = nullptr;
    const value_type* end = nullptr;
    uint64_t bloom = 0;  // see bloom_

    // As ValueObject::Find; sets *at to the member's number.
    const Value* Find(std::string_view key, uint32_t hash, size_t* at) const;
    // The renderer's lookup: the member `key`, with the key's tag
    // (KeyTag::Of(key)) and Bloom bit (BloomBit(HashKey(key))) precomputed,
    // as the renderer keeps them per name. Compares tags, and keys only when
    // longer than KeyTag::kTagged. Tries the member at byte offset *offset
    // from `begin` first: *offset must be 0 or an offset this function set
    // (a multiple of sizeof(value_type)), possibly for another object; one
    // past `end` is just not tried. On success *offset is set to the
    // member's offset (its number times sizeof(value_type)), unchanged on a
    // miss. For callers that look the same name up in many objects of the
    // same shape (the items of a list).
    const Value* FindAtOffset(std::string_view key, const KeyTag& tag, uint64_t bloom_bit,
                              uint32_t* offset) const;
    // The member `key` of tag `tag` (no Bloom test); sets *at to its number.
    const Value* Find(std::string_view key, const KeyTag& tag, size_t* at) const;
  };
  Span members() const;

 private:
  // Objects up to this size are searched by scanning; larger ones by binary
  // search on the sorted keys.
  static constexpr size_t kScanLimit = 16;

  size_t LowerBound(std::string_view key) const;

 public:
  // The bit that a key of hash `hash` (HashKey) sets in the Bloom filter.
  static uint64_t BloomBit(uint32_t hash) { return uint64_t{1} << (hash >> 26); }

 private:

  std::vector<value_type> entries_;
  uint64_t bloom_ = 0;  // BloomBit(HashKey(k)) of every key k: most misses stop here
};

class Value {
 public:
  using List = std::vector<Value>;
  using Object = ValueObject;

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
  // The string `s` read in place, without a copy: reads see it as a string
  // (is_string, as_string, if_string). `s` must outlive the value (and every
  // copy of it) and must not change while it is read. For views of data
  // that outlive them (the render stage's page view reads the model).
  static Value Borrowed(const std::string& s) {
    Value out;
    out.v_ = BorrowedString{&s};
    return out;
  }
  // (Not a temporary: it would be gone before the value is read.)
  static Value Borrowed(const std::string&& s) = delete;
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
  bool is_string() const { return if_string() != nullptr; }
  bool is_list() const { return std::holds_alternative<List>(Resolved().v_); }
  bool is_object() const { return std::holds_alternative<Object>(Resolved().v_); }

  // Accessors; each requires the matching is_*() to be true.
  bool as_bool() const { return std::get<bool>(Resolved().v_); }
  int64_t as_int() const { return std::get<int64_t>(Resolved().v_); }
  double as_double() const { return std::get<double>(Resolved().v_); }
  const std::string& as_string() const {
    const std::string* s = if_string();
    return s != nullptr ? *s : std::get<std::string>(Resolved().v_);  // (throws as before)
  }
  const List& as_list() const { return std::get<List>(Resolved().v_); }
  const Object& as_object() const { return std::get<Object>(Resolved().v_); }

  // Pointer accessors for code that tests and reads in one step (the
  // renderer): the string, list or object, or nullptr when this (resolved) is
  // something else.
  const std::string* if_string() const {
    const Value& r = Resolved();
    if (const std::string* s = std::get_if<std::string>(&r.v_)) return s;
    const BorrowedString* b = std::get_if<BorrowedString>(&r.v_);
    return b != nullptr ? b->s : nullptr;
  }
  const List* if_list() const { return std::get_if<List>(&Resolved().v_); }
  const Object* if_object() const { return std::get_if<Object>(&Resolved().v_); }
  // The string this Value holds itself (not through Shared), or nullptr:
  // one test, for the renderer's most common case.
  const std::string* if_own_string() const { return std::get_if<std::string>(&v_); }

  // Object member lookup; nullptr when this is not an object or has no key.
  const Value* Find(std::string_view key) const { return Find(key, HashKey(key)); }
  // The same with the key's hash precomputed: `hash` must be HashKey(key).
  const Value* Find(std::string_view key, uint32_t hash) const {
    const Object* o = if_object();
    return o == nullptr ? nullptr : o->Find(key, hash);
  }

  // Builders. Set turns a null Value into an object; Push into a list.
  Value& Set(std::string_view key, Value v) {
    if (!std::holds_alternative<Object>(v_)) v_ = Object{};
    std::get<Object>(v_).Put(key, std::move(v));
    return *this;
  }
  Value& Push(Value v) {
    if (!std::holds_alternative<List>(v_)) v_ = List{};
    std::get<List>(v_).push_back(std::move(v));
    return *this;
  }
  // The member `key` (inserted as null when missing). The reference is valid
  // until another key is inserted into this object.
  Value& operator[](std::string_view key) {
    if (!std::holds_alternative<Object>(v_)) v_ = Object{};
    return std::get<Object>(v_)[key];
  }

  // Mustache truthiness: null, false and the empty list are falsey.
  bool Truthy() const {
    const Value& r = Resolved();
    if (std::holds_alternative<std::monostate>(r.v_)) return false;
    if (auto* b = std::get_if<bool>(&r.v_)) return *b;
    if (auto* l = std::get_if<List>(&r.v_)) return !l->empty();
    return true;
  }

 private:
  struct BorrowedString {
    const std::string* s;
  };
  std::variant<std::monostate, bool, int64_t, double, std::string, List, Object,
               std::shared_ptr<const Value>, BorrowedString>
      v_;
};

inline ValueObject::const_iterator ValueObject::begin() const { return entries_.begin(); }
inline ValueObject::const_iterator ValueObject::end() const { return entries_.end(); }
inline size_t ValueObject::size() const { return entries_.size(); }
// Out of the class, where Value is complete (clang instantiates the vector's
// reserve where it is named).
inline void ValueObject::reserve(size_t n) { entries_.reserve(n); }
inline bool ValueObject::empty() const { return entries_.empty(); }
inline bool ValueObject::contains(std::string_view key) const { return find(key) != end(); }

inline size_t ValueObject::LowerBound(std::string_view key) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const value_type& e, std::string_view k) {
                               return KeyLess()(e.first, k);
                             });
  return static_cast<size_t>(it - entries_.begin());
}

inline ValueObject::const_iterator ValueObject::find(std::string_view key) const {
  const size_t i = LowerBound(key);
  return i < entries_.size() && entries_[i].first == key ? entries_.begin() + i : end();
}

inline ValueObject::Span ValueObject::members() const {
  return Span{entries_.data(), entries_.data() + entries_.size(), bloom_};
}

namespace internal {
inline bool SameKey(const std::string& k, std::string_view key) {
  return k.size() == key.size() && SameBytes(k.data(), key.data(), key.size());
}
// Whether member `m` has key `key` of tag `tag`.
inline bool IsKey(const ObjectMember& m, std::string_view key, const KeyTag& tag) {
  return m.tag == tag && (key.size() <= KeyTag::kTagged || SameKey(m.first, key));
}
}  // namespace internal

inline const Value* ValueObject::Span::Find(std::string_view key, const KeyTag& tag,
                                            size_t* at) const {
  const size_t n = static_cast<size_t>(end - begin);
  if (n <= kScanLimit) {
    for (size_t i = 0; i < n; ++i) {
      if (internal::IsKey(begin[i], key, tag)) {
        *at = i;
        return &begin[i].second;
      }
    }
    return nullptr;
  }
  const auto less = [](const value_type& e, std::string_view k) { return KeyLess()(e.first, k); };
  const value_type* it = std::lower_bound(begin, end, key, less);
  if (it == end || it->first != key) return nullptr;
  *at = static_cast<size_t>(it - begin);
  return &it->second;
}

inline const Value* ValueObject::Span::FindAtOffset(std::string_view key, const KeyTag& tag,
                                                    uint64_t bloom_bit, uint32_t* offset) const {
  if ((bloom & bloom_bit) == 0) return nullptr;
  const char* const first = reinterpret_cast<const char*>(begin);
  const size_t bytes = static_cast<size_t>(reinterpret_cast<const char*>(end) - first);
  if (*offset < bytes) {
    const value_type& m = *reinterpret_cast<const value_type*>(first + *offset);
    if (internal::IsKey(m, key, tag)) return &m.second;
  }
  size_t at;
  const Value* v = Find(key, tag, &at);
  // (Always a member's offset: 0 for one past what 32 bits hold.)
  if (v != nullptr) {
    *offset = at < UINT32_MAX / sizeof(value_type) ? static_cast<uint32_t>(at * sizeof(value_type))
                                                   : 0;
  }
  return v;
}

inline const Value* ValueObject::Span::Find(std::string_view key, uint32_t hash,
                                            size_t* at) const {
  if ((bloom & BloomBit(hash)) == 0) return nullptr;
  return Find(key, KeyTag::Of(key), at);
}

inline const Value* ValueObject::Find(std::string_view key, uint32_t hash) const {
  size_t at;
  return members().Find(key, hash, &at);
}

inline Value& ValueObject::operator[](std::string_view key) {
  // Views are often built in key order; appending is then O(1).
  size_t i = entries_.size();
  if (i > 0 && !KeyLess()(entries_.back().first, key)) {
    i = LowerBound(key);
    if (entries_[i].first == key) return entries_[i].second;
  }
  const uint32_t hash = HashKey(key);
  entries_.insert(entries_.begin() + static_cast<std::ptrdiff_t>(i),
                  ObjectMember{std::string(key), Value(), KeyTag::Of(key)});
  bloom_ |= BloomBit(hash);
  return entries_[i].second;
}

inline Value& ValueObject::Put(std::string_view key, Value&& v) {
  if (!entries_.empty() && !KeyLess()(entries_.back().first, key)) {
    return (*this)[key] = std::move(v);
  }
  bloom_ |= BloomBit(HashKey(key));
#if defined(__cpp_aggregate_paren_init)  // GCC: the member is made in place
  return entries_.emplace_back(std::string(key), std::move(v), KeyTag::Of(key)).second;
#else  // clang before 16 (the fuzz build): made, then moved in
  return entries_.emplace_back(ObjectMember{std::string(key), std::move(v), KeyTag::Of(key)})
      .second;
#endif
}

}  // namespace kapstok::tmpl

template <typename V>
struct std::tuple_size<kapstok::tmpl::BasicObjectMember<V>> : std::integral_constant<size_t, 2> {};
template <typename V>
struct std::tuple_element<0, kapstok::tmpl::BasicObjectMember<V>> {
  using type = const std::string;
};
template <typename V>
struct std::tuple_element<1, kapstok::tmpl::BasicObjectMember<V>> {
  using type = const V;
};

#endif  // KAPSTOK_TEMPLATE_VALUE_H_
