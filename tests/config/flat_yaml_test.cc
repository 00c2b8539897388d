#include "config/flat_yaml.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace kapstok::config {
namespace {

// Documents the fast path must read, exactly as yaml-cpp does.
const char* const kFlat[] = {
    "id: \"bron-00001\"\ntitle: \"Oudere leren\"\njaar: 2018\n",
    "kenmerken: [samenwerken, integraal-werken]\nbronnen: [bron-00381]\n",
    "title:   plain  value  \nk: [a,  \"b c\" , d]\nj: 2021\n",
    "l:\n  - x y\n  - \"z\"\nm:\n- q\ns: 'it''s'\ne: []\nf: [ ]\n",
    "\n\ntitle: na lege regels\n\nb: 'x'\n",
    "title: \"Coöperatie «Zorg» #1\"\nurl: https://movisie.nl/a?b=c\n",
    "title: Een titel, met niets bijzonders ]\nx: a - b\ny: C#\nz: a:b\n",
    "l:\n    -   ver ingesprongen\n    - 'twee'\nvolgende: 1\n",
    "a: [\"é\", 'ü x', \"\"]\nb: ''\nc: \"\"\nd: true\ne: +3\n",
    "title: zonder regeleinde",
};

// Documents outside the subset: yaml-cpp must read them (or report them).
const char* const kNotFlat[] = {
    "title: ~\n",                       // null
    "title:\n",                         // null
    "# commentaar\ntitle: A\n",         // comment
    "title: A # commentaar\n",          // comment
    "title: A\ntitle: B\n",             // duplicate key
    "boks: {x: [een]}\n",               // flow mapping
    "boks:\n  x: een\n",                // nested mapping
    "title: \"a\\\"b\"\n",              // escape
    "title: \"twee\n  regels\"\n",      // multi-line quoted
    "title: twee\n  regels\n",          // multi-line plain
    "korte: |\n  a\n",                  // block scalar
    "l: [a, [b]]\n",                    // nested list
    "l: [a, ]\n",                       // trailing comma
    "l: [bron?-003]\n",                 // '?' in a flow item (fuzz/flat_yaml_fuzzer)
    "l:\n  - a\n  -\n",                 // null item
    "l:\n  - a\n   - b\n",              // uneven indentation
    "title: &x A\nb: *x\n",             // anchor and alias
    "title: !tag A\n",                  // tag
    "title\tA: b\n",                    // control character
    "- a\n- b\n",                       // a list, not a mapping
    "",                                 // empty
    "title: a: b\n",                    // mapping in a plain scalar
};

TEST(FlatYamlTest, ReadsFlatFrontMatterExactlyAsYamlCpp) {
  for (const char* doc : kFlat) {
    std::optional<FlatYaml> flat = ParseFlatYaml(doc);
    ASSERT_TRUE(flat) << doc;
    EXPECT_EQ(DifferenceFromYamlCpp(YAML::Load(doc), *flat), "") << doc;
  }
}

TEST(FlatYamlTest, LeavesEverythingElseToYamlCpp) {
  for (const char* doc : kNotFlat) EXPECT_FALSE(ParseFlatYaml(doc)) << doc;
}

TEST(FlatYamlTest, AnswersLookupsLikeYamlCpp) {
  std::optional<FlatYaml> flat = ParseFlatYaml("title: A\nl: [x]\n");
  ASSERT_TRUE(flat);
  EXPECT_EQ((*flat)["title"].Scalar(), "A");
  EXPECT_TRUE((*flat)["l"].IsSequence());
  EXPECT_TRUE(!(*flat)["missing"]);
  EXPECT_EQ((*flat)["title"].Tag(), "?");
}

// Many small documents made of pieces near the subset's edges: whenever the
// fast path accepts one, its tree must equal yaml-cpp's.
TEST(FlatYamlTest, AgreesWithYamlCppOnGeneratedDocuments) {
  const std::vector<std::string> values = {
      "a", "b c", "2021", "-5", "true", "null", "~", "a: b", "a:b", "a #c", "C#", "\"q r\"",
      "'s t'", "'it''s'", "\"a\\\"b\"", "\"a\" x", "[a, b]", "[ a , \"b c\" ]", "[]", "[a, ]",
      "[a: b]", "[a #b]", "[a, [b]]", "{a: b}", "&x a", "*x", "! a", "| x", "> x", "%x", "@x",
      "a ]", "a [b]", "a, b", "?", "- a", "-", "a:", "http://x.nl", "\"é\"", "[é, 'ü x']", "a'b"};
  const std::vector<std::string> keys = {"title", "id", "a-b", "_x", "1", "null", "A"};
  uint32_t seed = 12345;
  auto next = [&](size_t n) {
    seed = seed * 1103515245 + 12345;
    return static_cast<size_t>((seed >> 8) % n);
  };
  int accepted = 0;
  for (int d = 0; d < 20000; ++d) {
    std::string doc;
    for (size_t l = 0, lines = 1 + next(4); l < lines; ++l) {
      const std::string& key = keys[next(keys.size())];
      if (next(4) == 0) {
        doc += key + ":\n";
        std::string indent(next(3) * 2, ' ');
        for (size_t i = 0, items = 1 + next(3); i < items; ++i)
          doc += indent + (next(6) == 0 ? "-  " : "- ") + values[next(values.size())] + "\n";
      } else {
        doc += key + (next(5) == 0 ? ":  " : ": ") + values[next(values.size())] +
               (next(5) == 0 ? " \n" : "\n");
      }
    }
    std::optional<FlatYaml> flat = ParseFlatYaml(doc);
    if (!flat) continue;
    ++accepted;
    try {
      EXPECT_EQ(DifferenceFromYamlCpp(YAML::Load(doc), *flat), "") << doc;
    } catch (const YAML::Exception& e) {
      ADD_FAILURE() << "yaml-cpp rejects what the fast path read: " << e.what() << "\n" << doc;
    }
  }
  EXPECT_GT(accepted, 1000);  // the test exercises the fast path
}

}  // namespace
}  // namespace kapstok::config
