// `kapstok serve`: builds the site in memory, serves it on 127.0.0.1 with
// live reload, watches the project and rebuilds what changed (see
// pipeline/builder.h and serve/server.h). Owned by the `cli` stage.
#ifndef KAPSTOK_CLI_SERVE_H_
#define KAPSTOK_CLI_SERVE_H_

#include <string>
#include <vector>

namespace kapstok::cli {

extern const char kServeHelp[];

// Runs until SIGINT or SIGTERM; returns 0 then, 2 on usage errors or when
// the port cannot be opened.
int Serve(const std::vector<std::string>& args);

}  // namespace kapstok::cli

#endif  // KAPSTOK_CLI_SERVE_H_
