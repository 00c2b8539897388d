// Stage helpers that Build() and the incremental Builder share, so both
// produce the same files. Owned by the `pipeline` stage.
#ifndef KAPSTOK_PIPELINE_STAGES_H_
#define KAPSTOK_PIPELINE_STAGES_H_

#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/output_file.h"

namespace kapstok::pipeline {

// Copies every file below `dir` into the site under `prefix`; symbolic links
// and unreadable files are errors.
void CopyTree(const FileSystem& fs, const std::string& dir, const std::string& prefix,
              OutputFiles* out, DiagnosticSink* sink);

}  // namespace kapstok::pipeline

#endif  // KAPSTOK_PIPELINE_STAGES_H_
