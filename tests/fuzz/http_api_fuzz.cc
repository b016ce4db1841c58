// S1 target `http_api`: raw request bytes through the real request pipeline (api::app::Api:
// router, auth, JSON bodies and every route's decoder, handlers) on a real RocksDB store in a temp
// dir, opened once per process. Every people/admin/session/case body decoder is reached this way.
//
// Input: the first byte picks whose bearer token the harness adds (none, admin, registrar,
// handler, supervisor, auditor) unless the request sends its own Authorization; the rest is an
// HTTP/1.1 request head and body ("POST /api/v1/cases HTTP/1.1\r\nContent-Type: ...\r\n\r\n{..}").
// "$CASE" in the target names a case registered at startup. Split as the POCO adapter does
// (Poco::URI for path and query, header names lower case).
// Checked: the pipeline never throws and never answers 500; a 401 for a harness token means it
// was revoked (a fuzzed logout or password change), and the harness logs in again.
// Not sent: POST /api/v1/admin/backups (it copies the whole store per request) and
// server-sent-event bodies (their streamer writes until the client leaves).
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/app/api.h"
#include "api/app/server_context.h"
#include "api/http/http_types.h"
#include "api/http/json_body.h"
#include "fuzz_check.h"
#include "support/fake_clock.h"
#include "support/temp_dir.h"

namespace {

namespace app = gongkai::api::app;
namespace http = gongkai::api::http;
using json = nlohmann::json;

constexpr std::string_view kAdminPassword = "fuzz-admin-password-1";
constexpr std::string_view kUserPassword = "fuzz-user-password-1";
constexpr std::array<const char*, 5> kUsers = {"admin", "reg1", "han1", "sup1", "aud1"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class World {
 public:
  World() : clock_(gongkai::testing::office_hours(*gongkai::domain::time::CivilDate::parse(
                "2021-03-10"))) {
    app::ServerConfig config;
    config.data_dir = (dir_.path() / "data").string();
    config.backup_dir = (dir_.path() / "backups").string();
    config.admin_password = std::string(kAdminPassword);
    config.console_dir = (dir_.path() / "console").string();
    auto context = app::ServerContext::open(config, clock_);
    GONGKAI_FUZZ_CHECK(context.ok(), "the fuzz store opens");
    context_ = std::move(*context);
    api_ = std::make_unique<app::Api>(*context_);

    log_in(0);
    expect(send("POST", "/api/v1/departments", tokens_[0],
                R"({"code":"GEN","name":"综合科"})"), 201, "department GEN");
    const std::array<const char*, 4> roles = {"registrar", "handler", "supervisor", "auditor"};
    for (std::size_t i = 1; i < kUsers.size(); ++i) {
      const json user = {{"username", kUsers[i]},   {"display_name", kUsers[i]},
                         {"password", kUserPassword}, {"roles", {roles[i - 1]}},
                         {"departments", {"GEN"}}};
      expect(send("POST", "/api/v1/users", tokens_[0], user.dump()), 201, "a user");
      log_in(i);
    }
    const json registration = {
        {"applicant",
         {{"type", "natural_person"}, {"name", "张三"}, {"id_type", "resident_id"},
          {"id_number", "370303199001011234"}, {"phone", "13800000000"}}},
        {"channel", "in_person"},
        {"received_on", "2021-03-10"},
        {"description", "申请公开本镇2020年度财政预算执行情况"},
        {"department", "GEN"}};
    auto registered = send("POST", "/api/v1/cases", tokens_[1], registration.dump());
    expect(registered, 201, "a case");
    case_id_ = json::parse(registered.body).at("id").get<std::string>();
  }

  void run(std::uint8_t who, std::string_view text) {
    http::HttpRequest request;
    if (!parse(text, request)) return;
    if (request.method == "POST" && request.path.starts_with("/api/v1/admin/backups")) return;
    const std::size_t user = who % (kUsers.size() + 1);
    const bool harness_token = user > 0 && !request.headers.contains("authorization");
    if (harness_token) request.headers["authorization"] = "Bearer " + tokens_[user - 1];

    const http::HttpResponse response = api_->handle(request);
    if (trace_) {
      std::fprintf(stderr, "%d %s %s\n", response.status, request.method.c_str(),
                   request.path.c_str());
    }
    GONGKAI_FUZZ_CHECK(response.status >= 200 && response.status < 600, "an HTTP status");
    if (response.status == 500) {
      std::fprintf(stderr, "500 for %s %s: %s\n", request.method.c_str(), request.path.c_str(),
                   response.body.c_str());
    }
    GONGKAI_FUZZ_CHECK(response.status != 500, "no request makes the API answer 500");
    if (harness_token && response.status == 401) log_in(user - 1);
  }

 private:
  // Logs user i in again through the API; if the fuzzer changed the password, sets it back first.
  void log_in(std::size_t i) {
    const std::string password(i == 0 ? kAdminPassword : kUserPassword);
    const json body = {{"username", kUsers[i]}, {"password", password}};
    auto response = send("POST", "/api/v1/sessions", "", body.dump());
    if (response.status != 201 && i != 0) {
      const json reset = {{"password", password}, {"disabled", false}};
      (void)send("PATCH", std::string("/api/v1/users/u-") + kUsers[i], tokens_[0], reset.dump());
      response = send("POST", "/api/v1/sessions", "", body.dump());
    }
    if (response.status != 201) return;  // e.g. the admin's own password changed: stay logged out
    tokens_[i] = json::parse(response.body).at("token").get<std::string>();
  }

  http::HttpResponse send(const std::string& method, const std::string& path,
                          const std::string& token, const std::string& body) {
    http::HttpRequest request;
    request.method = method;
    request.path = path;
    request.headers["content-type"] = "application/json";
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    request.body = body;
    request.remote_address = "127.0.0.1";
    return api_->handle(request);
  }

  static void expect(const http::HttpResponse& response, int status, const char* what) {
    if (response.status != status) {
      std::fprintf(stderr, "fuzz setup: %s: %d %s\n", what, response.status, response.body.c_str());
    }
    GONGKAI_FUZZ_CHECK(response.status == status, what);
  }

  // "METHOD TARGET [VERSION]" line, "Name: value" lines, an empty line, then the body; "\n" or
  // "\r\n". False for what the POCO adapter would refuse before the API sees it.
  bool parse(std::string_view text, http::HttpRequest& request) const {
    auto next_line = [&text]() {
      const std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return line;
    };
    const std::string_view first = next_line();
    const std::size_t space = first.find(' ');
    if (space == std::string_view::npos || space == 0) return false;
    request.method = std::string(first.substr(0, space));
    std::string_view target = first.substr(space + 1);
    target = target.substr(0, target.find(' '));
    std::string uri(target);
    for (std::size_t at = uri.find("$CASE"); at != std::string::npos; at = uri.find("$CASE")) {
      uri.replace(at, 5, case_id_);
    }
    try {
      Poco::URI parsed(uri);
      request.path = parsed.getPath();
      for (auto& [name, value] : parsed.getQueryParameters()) request.query[name] = value;
    } catch (const Poco::Exception&) {
      return false;  // the adapter answers 400 invalid_uri
    }
    while (!text.empty()) {
      const std::string_view line = next_line();
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return false;
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      request.headers[lower(line.substr(0, colon))] = std::string(value);
    }
    request.body = std::string(text);
    request.remote_address = "192.0.2.1";
    return request.body.size() <= http::kMaxBodyBytes;
  }

  gongkai::testing::TempDir dir_;
  gongkai::testing::FakeClock clock_;
  std::unique_ptr<app::ServerContext> context_;
  std::unique_ptr<app::Api> api_;
  std::array<std::string, kUsers.size()> tokens_;
  std::string case_id_;
  // GONGKAI_FUZZ_TRACE=1: one line per request (status, method, path), to see what a corpus reaches.
  bool trace_ = std::getenv("GONGKAI_FUZZ_TRACE") != nullptr;
};

World& world() {
  static World instance;
  return instance;
}

}  // namespace

// The world (a store, five users with hashed passwords, a case) is built before the first input:
// libFuzzer's per-input timeout (10 s, tools/fuzz.sh) counts only LLVMFuzzerTestOneInput, and built
// there, under ASan on a slow machine, it took the first input past the timeout (CI, 2026-12-02).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  world().run(data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  return 0;
}
