// The web console's files served by gongkai-server (issue 8): index.html for / and for
// application paths (single-page fallback), hashed assets cached for a year, the security
// headers, API paths never answered with HTML, path traversal and symlinks out of the directory
// refused, and a clear 404 when the console is not built.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "api/http/static_files.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A small fake of Vite's output: dist/index.html, dist/assets/<name>-<hash>.js|css, favicon;
// and a secret next to dist/ that must never be served.
struct FakeConsole {
  TempDir dir;
  fs::path dist = dir.path() / "dist";
  FakeConsole() {
    write_file(dist / "index.html", "<!doctype html><title>政务公开</title><div id=app></div>");
    write_file(dist / "assets" / "index-Bx12ab.js", "console.log('app')");
    write_file(dist / "assets" / "index-Cd34ef.css", "body{margin:0}");
    write_file(dist / "favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write_file(dir.path() / "secret.txt", "SECRET");
  }
  api::app::ServerConfig config() const {
    api::app::ServerConfig c;
    c.console_dir = dist.string();
    return c;
  }
};

const auto kToday = *domain::time::CivilDate::parse("2021-03-10");

void check_security_headers(const HttpResult& r) {
  const std::string csp = r.header("content-security-policy");
  CHECK(csp.find("default-src 'self'") != std::string::npos);
  CHECK(csp.find("script-src 'self';") != std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(csp.find("unsafe-eval") == std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(r.header("x-content-type-options") == "nosniff");
}

}  // namespace

TEST_CASE("the console's index is served at / with no-cache and a strict policy",
          "[api][console]") {
  // Given a server whose console_dir holds a built console
  FakeConsole console;
  TestServer server(kToday, console.config());

  // When a browser asks for /
  auto index = server.get("/", "");

  // Then it gets index.html, revalidated on every load, with the security headers
  REQUIRE(index.status == 200);
  CHECK(index.header("content-type") == "text/html; charset=utf-8");
  CHECK(index.body.find("<div id=app>") != std::string::npos);
  CHECK(index.header("cache-control") == "no-cache");
  check_security_headers(index);

  // And the same ETag sent back is 304 without a body
  auto again = server.request("GET", "/", "", "", {{"If-None-Match", index.header("etag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
}

TEST_CASE("hashed assets are cached for a year with their content type", "[api][console]") {
  FakeConsole console;
  TestServer server(kToday, console.config());

  auto script = server.get("/assets/index-Bx12ab.js", "");
  REQUIRE(script.status == 200);
  CHECK(script.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(script.header("cache-control") == "public, max-age=31536000, immutable");
  CHECK(script.body == "console.log('app')");
  check_security_headers(script);

  auto style = server.get("/assets/index-Cd34ef.css", "");
  CHECK(style.header("content-type") == "text/css; charset=utf-8");

  // A file outside assets/ is not hashed: revalidated
  auto icon = server.get("/favicon.svg", "");
  CHECK(icon.header("content-type") == "image/svg+xml");
  CHECK(icon.header("cache-control") == "no-cache");
}

TEST_CASE("application paths get index.html; missing files and API paths do not",
          "[api][console]") {
  FakeConsole console;
  TestServer server(kToday, console.config());

  // A page of the single-page application (a bookmark, a reload)
  for (const char* page : {"/queue", "/cases/CJZ-2021-00001", "/reports/annual/"}) {
    auto r = server.get(page, "");
    INFO(page);
    CHECK(r.status == 200);
    CHECK(r.body.find("<div id=app>") != std::string::npos);
  }
  // A missing script is 404, never HTML under a script's name
  auto missing = server.get("/assets/gone-123.js", "");
  CHECK(missing.status == 404);
  CHECK(missing.body.find("<div id=app>") == std::string::npos);

  // An unknown API path stays the API's problem
  auto api = server.get("/api/v1/nothing-here", "");
  CHECK(api.status == 404);
  CHECK(api.code() == "route_not_found");
  CHECK(api.header("content-type") == "application/problem+json");

  // API routes are unchanged and POST outside /api/ is not the console's
  CHECK(server.get("/healthz", "").status == 200);
  CHECK(server.post("/", "", "{}").code() == "route_not_found");
}

TEST_CASE("paths that leave the console directory are refused", "[api][console]") {
  FakeConsole console;
  TestServer server(kToday, console.config());
  fs::create_symlink(console.dir.path() / "secret.txt", console.dist / "link.txt");

  for (const char* target :
       {"/../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
        "/%2e%2e/secret.txt", "/assets/..\\..\\secret.txt", "/link.txt"}) {
    auto r = server.get(target, "");
    INFO(target);
    CHECK(r.status >= 400);
    CHECK(r.body.find("SECRET") == std::string::npos);
  }
}

TEST_CASE("the file handler refuses traversal without the server too", "[api][console]") {
  FakeConsole console;
  api::http::StaticFiles files(console.dist);
  api::http::HttpRequest request;
  request.method = "GET";

  request.path = "/assets/../../secret.txt";
  CHECK(files.serve(request).status == 400);
  request.path = "/./index.html";
  CHECK(files.serve(request).status == 400);
  request.path = "/assets/index-Bx12ab.js";
  CHECK(files.serve(request).status == 200);
  CHECK(api::http::content_type_for("x.woff2") == "font/woff2");
  CHECK(api::http::content_type_for("x.unknown") == "application/octet-stream");
}

TEST_CASE("a server without a built console says so at /", "[api][console]") {
  TempDir empty;
  api::app::ServerConfig config;
  config.console_dir = (empty.path() / "dist").string();
  TestServer server(kToday, config);

  auto r = server.get("/", "");
  CHECK(r.status == 404);
  CHECK(r.code() == "console_not_built");
  CHECK(server.get("/healthz", "").status == 200);
}

}  // namespace gongkai::testing
