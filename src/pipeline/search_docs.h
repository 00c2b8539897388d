// Turns the model into the search stage's documents: one per page, split in
// sections per field and per body heading, with type and relation facets.
// Owned by the `pipeline` stage, which is the only one that knows both.
#ifndef KAPSTOK_PIPELINE_SEARCH_DOCS_H_
#define KAPSTOK_PIPELINE_SEARCH_DOCS_H_

#include <vector>

#include "model/site_model.h"
#include "search/search_index.h"

namespace kapstok::pipeline {

std::vector<search::Document> SearchDocuments(const model::SiteModel& model);

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_PIPELINE_SEARCH_DOCS_H_
