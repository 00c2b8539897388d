// The incremental Builder on what the small fixture of builder_test.cc does
// not have: a matrix of a map field and paginated list pages (more than
// render::kListPageSize pages of a type). After each edit the site equals a
// full Build()'s output byte for byte, both when the model is patched in
// place and when it is re-linked (an unnamed change).
#include <cstdio>

#include <gtest/gtest.h>

#include "builder_fixture.h"
#include "testing.h"

namespace kapstok::pipeline {
namespace {

// The parameter: whether changes are named (the model is patched in place)
// or not (Rebuild({}): the model is re-linked).
class BuilderPagesTest : public BuilderTest, public ::testing::WithParamInterface<bool> {
 protected:
  // Rebuilds after `path` changed and compares with a full build.
  void RebuildAndCompare(Builder* builder, const std::string& path) {
    const bool named = GetParam();
    DiagnosticSink sink;
    ASSERT_TRUE(builder->Rebuild(named ? std::vector<std::string>{path}
                                       : std::vector<std::string>{},
                                 &sink))
        << test_util::Printed(sink);
    EXPECT_EQ(builder->stats().patched, named);
    builder->UpdateSearchIndex();
    ExpectSameAsFullBuild(*builder);
  }
};

const char kCell[] = "  buurtwerker:\n    - Netwerken\n";

TEST_P(BuilderPagesTest, MatrixCellEdit) {
  AddMatrix(kCell);
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink)) << test_util::Printed(sink);
  ExpectSameAsFullBuild(builder);
  ASSERT_NE(builder.site()->Find("taken/index.html")->find("Netwerken"), std::string::npos);
  const std::string path = "content/kenmerken/samenwerken.md";
  // Another text in the cell, then a cell in another column, then none.
  for (const std::string& boks : {std::string("  buurtwerker:\n    - Verbinden\n"),
                                  std::string("  coach:\n    - Verbinden\n"),
                                  std::string()}) {
    SCOPED_TRACE(boks);
    fs_.AddFile(path, Samenwerken(boks));
    RebuildAndCompare(&builder, path);
  }
}

// The map field shows its keys' titles: a key page's title edit re-renders
// the pages whose map field it keys, and the matrix's column.
TEST_P(BuilderPagesTest, MapKeyTitleEdit) {
  AddMatrix(kCell);
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink)) << test_util::Printed(sink);
  const std::string path = "content/rollen/buurtwerker.md";
  fs_.AddFile(path, "---\ntitle: Wijkwerker\n---\nIn de wijk.\n");
  RebuildAndCompare(&builder, path);
  EXPECT_NE(builder.site()->Find("kenmerken/samenwerken/index.html")->find("Wijkwerker"),
            std::string::npos);
  // A title that moves the column in front of "Coach".
  fs_.AddFile(path, "---\ntitle: Adviseur\n---\nIn de wijk.\n");
  RebuildAndCompare(&builder, path);
}

// 120 voorbeelden: two list pages ("voorbeelden/" and
// "voorbeelden/pagina/2/"). Title edits move a page from the first list
// page to the second and back, and within one list page.
TEST_P(BuilderPagesTest, TitleEditMovesAPageAcrossAListPageBoundary) {
  auto voorbeeld = [](const std::string& title) {
  return "---\ntitle: " + title +
         "\nsamenvatting: Een voorbeeld.\nkenmerken: [samenwerken]\n---\nTekst.\n";
  };
  for (int i = 1; i <= 120; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "v%03d", i);
    fs_.AddFile("content/voorbeelden/" + std::string(id) + ".md",
                voorbeeld("Voorbeeld " + std::string(id)));
  }
  Builder builder(fs_, options_);
  DiagnosticSink sink;
  ASSERT_TRUE(builder.BuildAll(&sink)) << test_util::Printed(sink);
  ASSERT_TRUE(builder.site()->Find("voorbeelden/pagina/2/index.html"));
  ExpectSameAsFullBuild(builder);
  const std::string path = "content/voorbeelden/v005.md";
  for (const char* title : {"Zuid", "Voorbeeld v110a", "Aan het begin", "Voorbeeld v005"}) {
    SCOPED_TRACE(title);
    fs_.AddFile(path, voorbeeld(title));
    RebuildAndCompare(&builder, path);
  }
}

INSTANTIATE_TEST_SUITE_P(NamedOrNot, BuilderPagesTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Patched" : "Relinked"; });

}  // namespace
}  // namespace kapstok::pipeline
