// The render stage's shared views (render::SharedViews) and page view on the
// real handbook: every page's reference is its own (the reference table has
// hundreds of entries), values handed out borrow from the views and show a
// Refresh, each type has its own menu and breadcrumbs, and a field is the
// same value under f.<name> and in its list. Byte-identity of whole pages is
// checked by building the sites (see the handbook and build tests).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "render/views.h"
#include "testing.h"

namespace kapstok::render {
namespace {

using test_util::LoadSite;
using test_util::SourceDir;
using tmpl::Value;

class ViewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    site_ = LoadSite(RealFileSystem(), SourceDir(), RealFileSystem(), SourceDir()).release();
  }
  static void TearDownTestSuite() {
    delete site_;
    site_ = nullptr;
  }
  static const model::SiteModel& model() { return *site_->model; }
  static const Theme& theme() { return *site_->theme; }
  static std::string Str(const Value& v, const char* key) {
    const Value* x = v.Find(key);
    return x && x->is_string() ? x->as_string() : "<missing>";
  }

  static test_util::LoadedSite* site_;
};

test_util::LoadedSite* ViewsTest::site_ = nullptr;

TEST_F(ViewsTest, EveryPageHasItsOwnReference) {
  ASSERT_NE(site_->model, nullptr) << site_->Errors();
  ASSERT_NE(site_->theme, nullptr) << site_->Errors();
  ASSERT_GT(model().pages().size(), 100u);
  SharedViews shared(model(), theme());
  for (const auto& p : model().pages()) {
    Value ref = shared.Ref(p.get());
    ASSERT_TRUE(ref.is_object()) << p->url;
    EXPECT_EQ(Str(ref, "title"), p->title());
    EXPECT_EQ(Str(ref, "url"), p->url);
    EXPECT_EQ(Str(ref, "id"), p->id());
    EXPECT_EQ(Str(ref, "type"), p->type()->id);
    EXPECT_EQ(Str(ref, "type_name"), p->type()->name);
    EXPECT_EQ(Str(ref, "summary"), p->SummaryText());
    ASSERT_NE(ref.Find("incomplete"), nullptr);
    EXPECT_EQ(ref.Find("incomplete")->as_bool(), p->src.incomplete);
  }
  EXPECT_TRUE(shared.Ref(nullptr).is_null());
  model::Page stranger;
  EXPECT_TRUE(shared.Ref(&stranger).is_null());
}

TEST_F(ViewsTest, HandedOutReferencesShowARefresh) {
  SharedViews shared(model(), theme());
  model::Page* page = model().pages().front().get();
  const std::string title = page->src.title;
  Value ref = shared.Ref(page);
  Value list{Value::List{}};
  list.Push(ref);
  Value copy = list;  // copies of a borrowed value borrow too
  page->src.title = "Een nieuwe titel";
  shared.Refresh(page);
  EXPECT_EQ(Str(ref, "title"), "Een nieuwe titel");
  EXPECT_EQ(Str(copy.as_list().front(), "title"), "Een nieuwe titel");
  EXPECT_EQ(Str(shared.Ref(page), "title"), "Een nieuwe titel");
  page->src.title = title;
  shared.Refresh(page);
  EXPECT_EQ(Str(ref, "title"), title);
  // Other pages keep their own.
  const model::Page* other = model().pages().back().get();
  EXPECT_EQ(Str(shared.Ref(other), "title"), other->title());
}

// Refresh of pages that were not in the model when the views were built
// inserts them, and the table grows (rehashes) on the way: references handed
// out before, of old and of new pages, still read their own page and still
// show a later Refresh.
TEST_F(ViewsTest, RefreshOfNewPagesGrowsTheTableAndKeepsHandedOutReferences) {
  SharedViews shared(model(), theme());
  const auto& pages = model().pages();
  model::Page* old_page = pages.front().get();
  const std::string old_title = old_page->src.title;
  Value old_ref = shared.Ref(old_page);
  // More new pages than the model has: the table (at most half full) must
  // grow at least once.
  std::vector<std::unique_ptr<model::Page>> added;
  std::vector<Value> added_refs;
  for (size_t i = 0; i < pages.size() + 20; ++i) {
    added.push_back(std::make_unique<model::Page>(*pages[i % pages.size()]));
    added.back()->src.title = "Nieuw " + std::to_string(i);
    added.back()->url = "nieuw/" + std::to_string(i) + "/";
    EXPECT_TRUE(shared.Ref(added.back().get()).is_null()) << i;
    shared.Refresh(added.back().get());
    added_refs.push_back(shared.Ref(added.back().get()));
  }
  for (size_t i = 0; i < added.size(); ++i) {
    EXPECT_EQ(Str(added_refs[i], "title"), "Nieuw " + std::to_string(i));
    EXPECT_EQ(Str(shared.Ref(added[i].get()), "url"), "nieuw/" + std::to_string(i) + "/");
  }
  for (const auto& p : pages) EXPECT_EQ(Str(shared.Ref(p.get()), "url"), p->url);
  EXPECT_EQ(Str(old_ref, "title"), old_page->title());
  // After the growth, a Refresh still reaches values handed out before it.
  old_page->src.title = "Een andere titel";
  shared.Refresh(old_page);
  added[3]->src.title = "Nog een titel";
  shared.Refresh(added[3].get());
  EXPECT_EQ(Str(old_ref, "title"), "Een andere titel");
  EXPECT_EQ(Str(added_refs[3], "title"), "Nog een titel");
  EXPECT_EQ(Str(added_refs[4], "title"), "Nieuw 4");
  old_page->src.title = old_title;
  shared.Refresh(old_page);
  EXPECT_EQ(Str(old_ref, "title"), old_title);
}

TEST_F(ViewsTest, FrameMarksTheCurrentTypeInTheMenu) {
  SharedViews shared(model(), theme());
  const config::SiteConfig& c = model().config();
  ASSERT_GE(c.menu.size(), 2u);
  for (const std::string& current : {c.menu[0], c.menu[1], std::string(), std::string("geen-type")}) {
    Value frame = shared.Frame("../../", "Titel", current, "a/b/");
    EXPECT_EQ(Str(frame, "root"), "../../");
    EXPECT_EQ(Str(frame, "page_title"), "Titel | " + c.title);
    EXPECT_EQ(Str(frame, "canonical"), c.base_url + "a/b/");
    EXPECT_EQ(Str(frame, "lang"), c.language);
    ASSERT_NE(frame.Find("site"), nullptr);
    EXPECT_EQ(Str(*frame.Find("site"), "title"), c.title);
    const Value* menu = frame.Find("menu");
    ASSERT_NE(menu, nullptr);
    ASSERT_TRUE(menu->is_list());
    size_t n = 0, marked = 0;
    for (const std::string& id : c.menu) {
      const config::TypeDef* t = c.FindType(id);
      if (!t || !t->list) continue;
      ASSERT_LT(n, menu->as_list().size());
      const Value& item = menu->as_list()[n++];
      EXPECT_EQ(Str(item, "url"), t->folder + "/");
      bool is_current = item.Find("current")->as_bool();
      EXPECT_EQ(is_current, id == current) << id << " / " << current;
      marked += is_current;
    }
    EXPECT_EQ(n, menu->as_list().size());
    EXPECT_EQ(marked, current.empty() || current == "geen-type" ? 0u : 1u);
  }
  EXPECT_EQ(Str(shared.Frame("", "", "", ""), "root"), "./");
  EXPECT_EQ(Str(shared.Frame("", c.title, "", ""), "page_title"), c.title);
}

TEST_F(ViewsTest, BreadcrumbsLeadHomeThenToTheList) {
  SharedViews shared(model(), theme());
  for (const config::TypeDef& t : model().config().types) {
    Value crumbs = shared.Breadcrumbs(t);
    ASSERT_TRUE(crumbs.is_list());
    ASSERT_EQ(crumbs.as_list().size(), t.list ? 2u : 1u) << t.id;
    EXPECT_EQ(Str(crumbs.as_list()[0], "title"), theme().String("home"));
    EXPECT_EQ(Str(crumbs.as_list()[0], "url"), "");
    if (t.list) {
      EXPECT_EQ(Str(crumbs.as_list()[1], "url"), t.folder + "/");
    }
  }
  config::TypeDef unknown;  // not of this model: made on the spot
  unknown.list = true;
  unknown.folder = "elders";
  Value crumbs = shared.Breadcrumbs(unknown);
  ASSERT_EQ(crumbs.as_list().size(), 2u);
  EXPECT_EQ(Str(crumbs.as_list()[1], "url"), "elders/");
}

TEST_F(ViewsTest, AFieldIsOneValueUnderItsNameAndInItsList) {
  SharedViews shared(model(), theme());
  size_t checked = 0;
  for (const auto& p : model().pages()) {
    Value view = PageView(shared, *p);
    const Value* f = view.Find("f");
    if (!f || !f->is_object()) continue;
    for (const char* list : {"facts", "sections"}) {
      for (const Value& field : view.Find(list)->as_list()) {
        const std::string name = Str(field, "name");
        const Value* named = f->Find(name);
        ASSERT_NE(named, nullptr) << p->url << " " << name;
        EXPECT_EQ(&named->Resolved(), &field.Resolved()) << p->url << " " << name;
        ++checked;
      }
    }
    // The page's own members.
    EXPECT_EQ(Str(view, "url"), p->url);
    EXPECT_EQ(Str(view, "body_html"), p->body.html);
    EXPECT_EQ(view.Find("breadcrumbs")->as_list().size(), p->type()->list ? 2u : 1u);
  }
  EXPECT_GT(checked, 100u);
}

// Whether `def` is shown on `page` (as f.<name> and in facts or sections).
bool Shown(const model::Page& page, const config::FieldDef& def) {
  return page.src.fields.count(def.name) && def.name != page.type()->summary &&
         def.name != page.type()->order_by;
}

// f is null when no field is shown (an empty object would be truthy in
// Mustache), else it holds exactly the shown fields, in their lists in the
// type's order.
TEST_F(ViewsTest, FHoldsTheShownFieldsAndIsNullWithoutThem) {
  SharedViews shared(model(), theme());
  size_t with = 0, without = 0;
  for (const auto& p : model().pages()) {
    Value view = PageView(shared, *p);
    std::vector<std::string> shown;
    for (const config::FieldDef& def : p->type()->fields)
      if (Shown(*p, def)) shown.push_back(def.name);
    const Value* f = view.Find("f");
    ASSERT_NE(f, nullptr) << p->url;
    if (shown.empty()) {
      EXPECT_TRUE(f->is_null()) << p->url;
      EXPECT_FALSE(f->Truthy()) << p->url;
      ++without;
      continue;
    }
    ++with;
    ASSERT_TRUE(f->is_object()) << p->url;
    EXPECT_EQ(f->as_object().size(), shown.size()) << p->url;
    std::vector<std::string> listed;  // facts then sections, each in type order
    for (const char* list : {"facts", "sections"})
      for (const Value& field : view.Find(list)->as_list()) listed.push_back(Str(field, "name"));
    std::vector<std::string> expected;
    for (bool section : {false, true})
      for (const config::FieldDef& def : p->type()->fields)
        if (Shown(*p, def) && (def.type == config::FieldType::kText ||
                               def.type == config::FieldType::kList ||
                               def.type == config::FieldType::kMap) == section)
          expected.push_back(def.name);
    EXPECT_EQ(listed, expected) << p->url;
  }
  EXPECT_GT(with, 100u);
  EXPECT_GT(without, 0u);
}

// The toc: the field sections' anchors (FieldAnchors) in the type's order,
// then the body's level-2 headings in order; has_toc from two entries on.
TEST_F(ViewsTest, TocListsFieldSectionsThenLevelTwoHeadings) {
  SharedViews shared(model(), theme());
  size_t checked = 0;
  for (const auto& p : model().pages()) {
    Value view = PageView(shared, *p);
    const std::map<std::string, std::string> anchors = FieldAnchors(*p);
    std::vector<std::string> expected;
    for (const config::FieldDef& def : p->type()->fields)
      if (Shown(*p, def) && anchors.count(def.name))
        expected.push_back(anchors.at(def.name) + " " + def.label);
    for (const markdown::Heading& h : p->body.headings)
      if (h.level == 2) expected.push_back(h.id + " " + h.text);
    std::vector<std::string> toc;
    for (const Value& entry : view.Find("toc")->as_list())
      toc.push_back(Str(entry, "id") + " " + Str(entry, "text"));
    EXPECT_EQ(toc, expected) << p->url;
    EXPECT_EQ(view.Find("has_toc")->as_bool(), expected.size() >= 2) << p->url;
    checked += toc.size();
  }
  EXPECT_GT(checked, 50u);  // the handbook has 67
}

}  // namespace
}  // namespace kapstok::render
