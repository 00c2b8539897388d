// A Reflection is the data of the reflection tool, taken from the model as
// kapstok.yaml's `reflection:` section describes it: for every page of the
// configured type (a "subject", e.g. a kwaliteitskenmerk), in site order, the
// items of its statements list field, phrased as they are, and the pages of
// the related types that relate to it (in either direction) to read next.
// Built by the `reflect` stage after the model, read-only afterwards; the
// pointers point into the SiteModel, which must outlive the Reflection.
#ifndef KAPSTOK_REFLECT_REFLECTION_H_
#define KAPSTOK_REFLECT_REFLECTION_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/site_model.h"

namespace kapstok::reflect {

struct Statement {
  // Stable across builds and across edits of other statements: the subject's
  // id and a hash of the text ("op-de-vraag-af-1a2b3c4d"; "-2" on a
  // duplicate), so answers saved in a browser stay with their statement.
  std::string id;
  std::string text;  // the list item as written in the front matter
  std::string html;  // the item rendered as inline Markdown
};

struct RelatedGroup {
  const config::TypeDef* type = nullptr;
  std::vector<const model::Page*> pages;  // in site order, each once
};

struct Subject {
  const model::Page* page = nullptr;
  std::vector<Statement> statements;  // in the list's order
  std::vector<RelatedGroup> related;  // in `related` order; empty groups left out
};

struct Reflection {
  const config::ReflectionDef* def = nullptr;
  const config::TypeDef* type = nullptr;
  std::vector<Subject> subjects;  // pages of the type in site order
  size_t statement_count = 0;
};

// Builds the reflection of `model`. Requires model.config().reflection to be
// set and checked (ParseConfig does so). A subject without statements is
// kept, with none, so the page still lists it.
Reflection BuildReflection(const model::SiteModel& model);

// The statement id for `text` of `subject_id` (before duplicate suffixes):
// "<subject_id>-<8 lowercase hex digits of FNV-1a 32 of text>".
std::string StatementId(std::string_view subject_id, std::string_view text);

}  // namespace kapstok::reflect

#endif  // KAPSTOK_REFLECT_REFLECTION_H_
