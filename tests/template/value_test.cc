// The view model's flat objects: members stay sorted and unique however they
// are inserted, lookups find exactly the member asked for (the renderer's
// FindAtOffset with a right, wrong or stale offset, in small scanned objects
// and in large binary-searched ones), and the renderer's per-name hints never
// carry a value over from an object of another shape.
#include "template/value.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "template/template.h"

namespace kapstok::tmpl {
namespace {

// Value::Borrowed keeps a pointer to its string: it takes a named string and
// refuses a temporary at compile time (the deleted rvalue overload).
template <typename S>
concept CanBorrow = requires(S&& s) { Value::Borrowed(std::forward<S>(s)); };
static_assert(CanBorrow<std::string&>);
static_assert(CanBorrow<const std::string&>);
static_assert(!CanBorrow<std::string>);
static_assert(!CanBorrow<const std::string>);

std::vector<std::string> Keys(const Value& v) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : v.as_object()) keys.push_back(key);
  return keys;
}

TEST(ValueTest, IteratesMembersInKeyOrderWhateverTheInsertionOrder) {
  Value v;
  v.Set("title", 1).Set("b", 2).Set("a", 3).Set("Z", 4).Set("ab", 5).Set("", 6);
  v.Set("\xc3\xa9", 7);  // bytes compare unsigned: after ASCII
  EXPECT_EQ(Keys(v), (std::vector<std::string>{"", "Z", "a", "ab", "b", "title", "\xc3\xa9"}));
  EXPECT_EQ(v.as_object().size(), 7u);
}

TEST(ValueTest, SetReplacesAndOperatorBracketInsertsNull) {
  Value v;
  v.Set("a", 1).Set("a", "two");
  EXPECT_EQ(v.Find("a")->as_string(), "two");
  EXPECT_EQ(v.as_object().size(), 1u);
  EXPECT_TRUE(v["new"].is_null());
  v["new"] = 3;
  EXPECT_EQ(v.Find("new")->as_int(), 3);
  EXPECT_EQ(Keys(v), (std::vector<std::string>{"a", "new"}));
  EXPECT_TRUE(v.as_object().contains("a"));
  EXPECT_EQ(v.as_object().find("missing"), v.as_object().end());
}

TEST(ValueTest, FindsEveryMemberOfSmallAndLargeObjects) {
  for (int size : {1, 2, 15, 16, 17, 40, 300}) {
    Value v;
    // Inserted in a scrambled order, so both the append and insert paths run.
    for (int i = 0; i < size; ++i) {
      int k = (i * 7919) % size;
      v.Set("key" + std::to_string(k), k);
    }
    ASSERT_EQ(v.as_object().size(), static_cast<size_t>(size));
    for (int k = 0; k < size; ++k) {
      const Value* found = v.Find("key" + std::to_string(k));
      ASSERT_NE(found, nullptr) << size << " " << k;
      EXPECT_EQ(found->as_int(), k);
    }
    EXPECT_EQ(v.Find("key"), nullptr);
    EXPECT_EQ(v.Find("key" + std::to_string(size)), nullptr);
    EXPECT_EQ(v.Find("kex0"), nullptr);
  }
}

// The renderer's lookup (Span::FindAtOffset, with the name's tag and Bloom
// bit precomputed as the parser does) and the member's byte offset it keeps.
const Value* FindAtOffset(const Value& v, std::string_view key, uint32_t* offset) {
  return v.as_object().members().FindAtOffset(
      key, KeyTag::Of(key), ValueObject::BloomBit(HashKey(key)), offset);
}

constexpr uint32_t kMember = sizeof(ObjectMember);

TEST(ValueTest, FindAtOffsetIgnoresWrongAndOutOfRangeOffsets) {
  Value v;
  v.Set("alpha", 1).Set("beta", 2).Set("gamma", 3);
  for (uint32_t start : {0u, 1u, 2u, 3u, 1000u}) {
    uint32_t offset = start * kMember;
    const Value* beta = FindAtOffset(v, "beta", &offset);
    ASSERT_NE(beta, nullptr);
    EXPECT_EQ(beta->as_int(), 2);
    EXPECT_EQ(offset, 1 * kMember);  // where beta is
    uint32_t miss_offset = start * kMember;
    EXPECT_EQ(FindAtOffset(v, "delta", &miss_offset), nullptr);  // Bloom or scan miss
    EXPECT_EQ(FindAtOffset(v, "alphb", &miss_offset), nullptr);
    EXPECT_EQ(miss_offset, start * kMember);  // unchanged by a miss
  }
}

TEST(ValueTest, FindAtOffsetFindsEveryMemberOfSmallAndLargeObjects) {
  for (int size : {1, 2, 15, 16, 17, 40, 300}) {
    Value v;
    for (int i = 0; i < size; ++i) {
      int k = (i * 7919) % size;
      v.Set("key" + std::to_string(k), k);
    }
    // One offset carried from lookup to lookup, as the renderer does for a
    // name: stale for every key but the last one found.
    uint32_t offset = 0;
    for (int k = 0; k < size; ++k) {
      const std::string key = "key" + std::to_string(k);
      const Value* found = FindAtOffset(v, key, &offset);
      ASSERT_NE(found, nullptr) << size << " " << k;
      EXPECT_EQ(found->as_int(), k);
      EXPECT_EQ(&v.as_object().members().begin[offset / kMember].second, found);
      EXPECT_EQ(FindAtOffset(v, key, &offset), found);  // the remembered member
    }
    EXPECT_EQ(FindAtOffset(v, "key", &offset), nullptr);
    EXPECT_EQ(FindAtOffset(v, "key" + std::to_string(size), &offset), nullptr);
    EXPECT_EQ(FindAtOffset(v, "kex0", &offset), nullptr);
  }
}

TEST(ValueTest, KeysOfEqualLengthAndSharedPrefixesAreTellApart) {
  Value v;
  // Same length, differing only in the middle, the first or the last byte,
  // across the word sizes the comparison uses.
  v.Set("abc", 1).Set("abd", 2).Set("type_labelX", 3).Set("type_labelY", 4);
  v.Set("0123456789abcdefA", 5).Set("0123456789abcdefB", 6).Set("x1yz", 7).Set("x2yz", 8);
  EXPECT_EQ(v.Find("abd")->as_int(), 2);
  EXPECT_EQ(v.Find("type_labelY")->as_int(), 4);
  EXPECT_EQ(v.Find("0123456789abcdefA")->as_int(), 5);
  EXPECT_EQ(v.Find("x2yz")->as_int(), 8);
  EXPECT_EQ(v.Find("x3yz"), nullptr);
  EXPECT_EQ(v.Find("ab"), nullptr);
}

// Member keys are compared by KeyTag (first 15 bytes and length) and, past
// 15 bytes, in full: tags tell every key of up to 15 bytes apart, and
// longer keys that share a tag are still found exactly.
TEST(ValueTest, KeyTagsTellShortKeysApartAndLongKeysAreComparedInFull) {
  std::vector<std::string> keys;
  for (size_t n = 0; n <= 20; ++n) {
    keys.push_back(std::string(n, 'k'));
    if (n > 0) {
      std::string first = keys.back(), last = keys.back();
      first[0] = 'j';
      last[n - 1] = 'j';
      keys.push_back(first);
      if (n > 1) keys.push_back(last);
    }
  }
  keys.push_back(std::string("a\0", 2));  // a NUL byte is not padding
  keys.push_back(std::string(300, 'x'));
  keys.push_back(std::string(301, 'x'));  // the same capped length in the tag
  for (const std::string& a : keys) {
    for (const std::string& b : keys) {
      const bool same_tag = KeyTag::Of(a) == KeyTag::Of(b);
      if (a == b) {
        EXPECT_TRUE(same_tag) << a.size();
      }
      if (a.size() <= KeyTag::kTagged && b.size() <= KeyTag::kTagged) {
        EXPECT_EQ(same_tag, a == b) << a.size() << " " << b.size();
      }
    }
  }
  Value v;
  for (size_t i = 0; i < keys.size(); ++i) v.Set(keys[i], static_cast<int>(i));
  ASSERT_EQ(v.as_object().size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const Value* found = v.Find(keys[i]);
    ASSERT_NE(found, nullptr) << keys[i].size();
    EXPECT_EQ(found->as_int(), static_cast<int>(i));
  }
  // Long keys sharing their first 15 bytes and their length, in a small
  // (scanned) object, found with and without a hint.
  Value w;
  const std::string p(15, 'p');
  w.Set(p + "12345", 1).Set(p + "12346", 2).Set(p + "02345", 3);
  for (uint32_t start : {0u, 1u, 2u}) {
    uint32_t offset = start * kMember;
    const std::string key = p + "12346";
    const Value* found = FindAtOffset(w, key, &offset);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->as_int(), 2);
    offset = start * kMember;
    const std::string missing = p + "12347";
    EXPECT_EQ(FindAtOffset(w, missing, &offset), nullptr);
  }
}

std::string Render(std::string_view text, const Value& view) {
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString(text, {}, &sink);
  EXPECT_NE(set, nullptr);
  return set == nullptr ? "" : set->Render(TemplateSet::kMain, view);
}

// The renderer remembers, per name, where it last found it; items of other
// shapes must not get a neighbour's value or lose their own.
TEST(ValueTest, ListItemsOfDifferentShapesRenderTheirOwnMembers) {
  Value items;
  items.Push(Value().Set("a", "1").Set("b", "B1"));
  items.Push(Value().Set("b", "B2"));
  items.Push(Value().Set("b", "B3").Set("c", "x").Set("d", "y").Set("aa", "z"));
  items.Push(Value().Set("x", "no b here"));
  items.Push(Value::Shared(std::make_shared<const Value>(Value().Set("b", "B5").Set("a", "5"))));
  items.Push("not an object");
  Value big;
  for (int i = 0; i < 40; ++i) big.Set(std::string("k").append(std::to_string(i)), i);
  big.Set("b", "B7");
  items.Push(big);
  Value view;
  view.Set("items", items).Set("b", "outer");
  EXPECT_EQ(Render("{{#items}}[{{b}}|{{a}}]{{/items}}", view),
            "[B1|1][B2|][B3|][outer|][B5|5][outer|][B7|]");
}

// Names longer than a key tag whose tags are equal (same first 15 bytes,
// same length): the renderer's remembered positions must still check the
// whole key.
TEST(ValueTest, LongNamesWithEqualTagsRenderTheirOwnMembers) {
  const std::string p = "section_summary";  // 15 bytes
  Value items;
  items.Push(Value().Set(p + "_a", "A1").Set(p + "_b", "B1"));
  items.Push(Value().Set(p + "_b", "B2"));
  items.Push(Value().Set(p + "_a", "A3"));
  Value view;
  view.Set("items", items).Set(p + "_b", "outer");
  EXPECT_EQ(Render("{{#items}}[{{" + p + "_a}}|{{" + p + "_b}}]{{/items}}", view),
            "[A1|B1][|B2][A3|outer]");
}

TEST(ValueTest, DottedNamesResolveInEveryItem) {
  Value items;
  items.Push(Value().Set("p", Value().Set("q", "1").Set("r", "x")));
  items.Push(Value().Set("p", Value().Set("r", "y").Set("q", "2")));
  items.Push(Value().Set("p", Value().Set("r", "z")));
  items.Push(Value().Set("p", "scalar"));
  Value view;
  view.Set("items", items);
  EXPECT_EQ(Render("{{#items}}<{{p.q}}>{{/items}}", view), "<1><2><><>");
}

// Set appends a key greater than every member's in place (Put) and inserts
// any other in order; both keep the Bloom filter and the keys' tags right,
// so every member is found afterwards, by Find and by the renderer.
TEST(ValueTest, SetInOrderOutOfOrderAndReplacingKeepsEveryMemberFindable) {
  Value v;
  v.Set("b", 1).Set("d", 2).Set("f", 3);            // in order: appended
  v.Set("a", 4).Set("c", 5).Set("e", 6).Set("g", 7);  // before, between, after
  v.Set("d", "replaced").Set("g", "last replaced");   // existing keys
  EXPECT_EQ(Keys(v), (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"}));
  EXPECT_EQ(v.Find("a")->as_int(), 4);
  EXPECT_EQ(v.Find("b")->as_int(), 1);
  EXPECT_EQ(v.Find("d")->as_string(), "replaced");
  EXPECT_EQ(v.Find("g")->as_string(), "last replaced");
  EXPECT_EQ(v.Find("h"), nullptr);
  EXPECT_EQ(Render("{{a}}{{b}}{{c}}{{d}}{{e}}{{f}}{{g}}{{h}}", v),
            "415replaced63last replaced");
  // A long key (compared in full past its tag) appended in order.
  v.Set("zz-a-key-longer-than-fifteen-bytes", "long");
  EXPECT_EQ(Render("{{zz-a-key-longer-than-fifteen-bytes}}", v), "long");
  EXPECT_EQ(Render("{{zz-a-key-longer-than-fifteen-bytez}}", v), "");
}

// A borrowed string is read in place (no copy: a change to the source is
// seen) and behaves as a string everywhere: accessors, escaping,
// truthiness, sections, dotted names, dynamic partial names.
TEST(ValueTest, BorrowedStringsAreReadInPlaceAndBehaveAsStrings) {
  std::string title = "Tom & \"Jerry\" <b>";
  const std::string empty;
  const std::string name = "part";
  Value v;
  v.Set("empty", Value::Borrowed(empty))
      .Set("name", Value::Borrowed(name))
      .Set("title", Value::Borrowed(title));
  const Value& t = *v.Find("title");
  EXPECT_TRUE(t.is_string());
  EXPECT_EQ(t.if_string(), &title);
  EXPECT_EQ(&t.as_string(), &title);
  EXPECT_EQ(t.if_own_string(), nullptr);
  EXPECT_TRUE(v.Find("empty")->Truthy());  // as an own empty string
  EXPECT_EQ(Render("{{title}}|{{{title}}}|{{#title}}[{{.}}]{{/title}}|{{^empty}}no{{/empty}}", v),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;|Tom & \"Jerry\" <b>|"
            "[Tom &amp; &quot;Jerry&quot; &lt;b&gt;]|");
  title = "changed";
  EXPECT_EQ(Render("{{title}}", v), "changed");
  Value outer;
  outer.Set("inner", v);  // a copy of a borrowed value borrows the same string
  EXPECT_EQ(Render("{{inner.title}}", outer), "changed");
  DiagnosticSink sink;
  auto set = TemplateSet::CompileString("({{>*name}})", {{"part", "P{{title}}"}}, &sink);
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->Render(TemplateSet::kMain, v), "(Pchanged)");
  const Value own("Tom");
  EXPECT_EQ(Value::Borrowed(own.as_string()).as_string(), "Tom");
}

}  // namespace
}  // namespace kapstok::tmpl
