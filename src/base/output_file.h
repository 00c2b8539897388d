// OutputFile is one file of the generated site: a path relative to the output
// folder ('/'-separated, never absolute, never containing "..") and its bytes.
// Render, search and print stages return these; only `output` writes them.
#ifndef KAPSTOK_BASE_OUTPUT_FILE_H_
#define KAPSTOK_BASE_OUTPUT_FILE_H_

#include <string>
#include <vector>

namespace kapstok {

struct OutputFile {
  std::string path;
  std::string bytes;
};

using OutputFiles = std::vector<OutputFile>;

}  // namespace kapstok

#endif  // KAPSTOK_BASE_OUTPUT_FILE_H_
