// The only code that writes the site to disk. WriteSite checks every output
// path (relative, no "..", no NUL, no absolute path), writes all files into a
// fresh sibling folder and then swaps it into place with renames, so a build
// that fails, or dies half-way, leaves the previous site as it was. Owned by
// `output`.
#ifndef KAPSTOK_OUTPUT_WRITER_H_
#define KAPSTOK_OUTPUT_WRITER_H_

#include <string>

#include "base/output_file.h"
#include "base/status.h"

namespace kapstok::output {

// True when `path` is a safe relative output path ("a/b.html").
bool IsSafeOutputPath(const std::string& path);

// Replaces the folder `out_dir` with exactly `files`. Fails (and leaves
// out_dir untouched) on an unsafe or duplicate path or any I/O error.
Status WriteSite(const std::string& out_dir, const OutputFiles& files);

}  // namespace kapstok::output

#endif  // KAPSTOK_OUTPUT_WRITER_H_
