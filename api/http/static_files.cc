#include "api/http/static_files.h"

#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "api/http/problem.h"

namespace gongkai::api::http {

namespace fs = std::filesystem;

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The path's segments when every one is a plain name; false for "..", ".", empty inner segments,
// backslashes and control characters (a traversal attempt or a malformed path).
bool safe_relative(std::string_view path, fs::path& out) {
  if (path.empty() || path.front() != '/') return false;
  std::string_view rest = path.substr(1);
  fs::path relative;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (char c : segment) {
      if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    }
    relative /= std::string(segment);
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
    if (rest.empty()) break;  // a trailing slash
  }
  out = relative;
  return true;
}

bool inside(const fs::path& root, const fs::path& file) {
  auto r = root.begin();
  auto f = file.begin();
  for (; r != root.end(); ++r, ++f) {
    if (f == file.end() || *r != *f) return false;
  }
  return true;
}

bool has_extension(const fs::path& relative) {
  return !relative.empty() && relative.filename().has_extension();
}

HttpResponse with_console_headers(HttpResponse response) {
  response.with_header("Content-Security-Policy", std::string(kConsoleContentSecurityPolicy));
  response.with_header("X-Content-Type-Options", "nosniff");
  response.with_header("X-Frame-Options", "DENY");
  response.with_header("Referrer-Policy", "no-referrer");
  return response;
}

HttpResponse not_found() {
  return with_console_headers(problem(404, "file_not_found", "no such file in the console"));
}

}  // namespace

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code error;
  fs::path canonical = fs::canonical(root_, error);
  if (!error) root_ = std::move(canonical);
}

bool StaticFiles::is_console_request(const HttpRequest& request) {
  return request.method == "GET" && !starts_with(request.path, "/api/") && request.path != "/api";
}

HttpResponse StaticFiles::serve(const HttpRequest& request) const {
  std::error_code error;
  const fs::path index = root_ / "index.html";
  if (!fs::is_regular_file(index, error)) {
    return with_console_headers(problem(404, "console_not_built",
                                        "the web console is not built here (console_dir " +
                                            root_.string() +
                                            "): run tools/console-build.sh, or set console_dir"));
  }
  fs::path relative;
  if (!safe_relative(request.path, relative)) {
    return with_console_headers(problem(400, "invalid_path", "the path is not a console path"));
  }
  if (relative.empty()) return file_response(index, request, false);

  const fs::path candidate = root_ / relative;
  if (fs::is_regular_file(candidate, error)) {
    const fs::path canonical = fs::canonical(candidate, error);
    if (error || !inside(root_, canonical)) return not_found();
    const bool hashed = *relative.begin() == "assets";
    return file_response(canonical, request, hashed);
  }
  // An application route (no extension): the single-page application decides what it shows.
  if (!has_extension(relative)) return file_response(index, request, false);
  return not_found();
}

HttpResponse StaticFiles::file_response(const fs::path& file, const HttpRequest& request,
                                        bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found();
  std::ostringstream body;
  body << in.rdbuf();

  std::error_code error;
  const auto size = fs::file_size(file, error);
  const auto written = fs::last_write_time(file, error).time_since_epoch().count();
  const std::string etag =
      "\"" + std::to_string(size) + "-" + std::to_string(static_cast<long long>(written)) + "\"";

  HttpResponse response;
  response.content_type = content_type_for(file);
  response.with_header("ETag", etag);
  response.with_header("Cache-Control",
                       immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (request.header("if-none-match") == etag) {
    response.status = 304;
    response.content_type.clear();
  } else {
    response.status = 200;
    response.body = body.str();
  }
  return with_console_headers(std::move(response));
}

}  // namespace gongkai::api::http
