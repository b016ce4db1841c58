// The web console's built files (issue 8, api/console/): served by gongkai-server for every GET
// outside /api/ that no route takes. A single-page application: a path that names no file and has
// no extension (/cases/CJZ-2021-00001, /queue) gets index.html, so that a reload or a bookmark
// works; a missing file with an extension (/assets/x.js) is 404, never HTML under a script's name.
//
// Headers: a strict Content-Security-Policy (only the server's own scripts and style sheets: Vue
// and Element Plus set styles through the CSSOM, which the policy allows, and the browser tests
// fail on any violation), nosniff, no framing; Vite's hashed files
// under /assets/ are cached for a year (immutable), everything else (index.html) is revalidated
// (no-cache + ETag). Paths with "..", ".", backslashes or NUL are refused, and a file is served
// only when its canonical path lies inside the directory (no symlink out of it).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "api/http/http_types.h"

namespace gongkai::api::http {

inline constexpr std::string_view kConsoleContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

class StaticFiles {
 public:
  // `root` need not exist: then every console request is 404 `console_not_built`.
  explicit StaticFiles(std::filesystem::path root);

  // Whether a request is the console's: GET of a path outside /api/ (the router found no route).
  [[nodiscard]] static bool is_console_request(const HttpRequest& request);

  [[nodiscard]] HttpResponse serve(const HttpRequest& request) const;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  [[nodiscard]] HttpResponse file_response(const std::filesystem::path& file,
                                           const HttpRequest& request, bool immutable) const;

  std::filesystem::path root_;  // canonical when it exists
};

// The Content-Type for a file name's extension (application/octet-stream when unknown).
[[nodiscard]] std::string content_type_for(const std::filesystem::path& file);

}  // namespace gongkai::api::http
