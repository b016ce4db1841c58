// /healthz, /readyz, /metrics and the JSON request log.
#include <catch2/catch.hpp>
#include <mutex>
#include <regex>

#include "api/routes/operations.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

// The value of the sample `series` (name with labels, exactly as rendered); -1 when absent.
double sample(const std::string& metrics, const std::string& series) {
  std::istringstream lines(metrics);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

}  // namespace

TEST_CASE("healthz and readyz answer without a token", "[api][ops]") {
  TestServer server;
  auto health = server.get("/healthz", "");
  CHECK(health.status == 200);
  CHECK(health.json()["status"] == "ok");
  auto ready = server.get("/readyz", "");
  CHECK(ready.status == 200);
  CHECK(ready.json()["head_position"] == server.context().store().head_position());
}

TEST_CASE("readyz is 503 with the store's reason once the store stopped", "[api][ops]") {
  // The store stops after a write failure (fail-stop); readiness says so, with Retry-After.
  auto stopped = api::routes::readiness_response(
      domain::unavailable("store_stopped", "the store stopped after a failed write"), 7);
  CHECK(stopped.status == 503);
  CHECK(stopped.content_type == "application/problem+json");
  CHECK(nlohmann::json::parse(stopped.body)["code"] == "store_stopped");
  CHECK(stopped.header("Retry-After") == "5");
  auto ready = api::routes::readiness_response({}, 7);
  CHECK(ready.status == 200);
  CHECK(nlohmann::json::parse(ready.body)["head_position"] == 7);
  CHECK(api::routes::store_gauges(domain::unavailable("store_stopped", "x"), 3, {})
            .find("gongkai_store_accepting_writes 0") != std::string::npos);
}

TEST_CASE("metrics count requests per route and status, with latency histograms",
          "[api][ops][metrics]") {
  // Given a few requests: two reads of /me, a registration, an unknown path and a refusal
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");
  CHECK(server.get("/api/v1/me", token).status == 200);
  CHECK(server.get("/api/v1/me", token).status == 200);
  CHECK(server.post("/api/v1/cases", token, registration_body()).status == 201);
  CHECK(server.get("/api/v1/no/such/route", token).status == 404);
  CHECK(server.get("/api/v1/me", "").status == 401);

  // When /metrics is scraped by an admin (without a token it is 401, by a registrar 403)
  CHECK(server.get("/metrics", "").status == 401);
  CHECK(server.get("/metrics", token).status == 403);
  auto scraped = server.get("/metrics", server.login("admin", kAdminPassword));
  REQUIRE(scraped.status == 200);
  CHECK(scraped.header("content-type").starts_with("text/plain"));
  const auto& text = scraped.body;
  INFO(text);

  // Then each request is counted under its route pattern and status
  const std::string me = "route=\"/api/v1/me\",method=\"GET\",status=\"200\"";
  CHECK(sample(text, "gongkai_http_requests_total{" + me + "}") == 2);
  CHECK(sample(text, "gongkai_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"401\"}") == 1);
  CHECK(sample(text, "gongkai_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}") == 1);
  CHECK(sample(text, "gongkai_http_requests_total{route=\"/api/v1/cases\",method=\"POST\",status=\"201\"}") == 1);
  CHECK(sample(text, "gongkai_http_requests_total{route=\"/api/v1/sessions\",method=\"POST\",status=\"201\"}") == 2);
  // And the histogram's +Inf bucket and count agree with the counter
  CHECK(sample(text, "gongkai_http_request_duration_seconds_bucket{" + me + ",le=\"+Inf\"}") == 2);
  CHECK(sample(text, "gongkai_http_request_duration_seconds_count{" + me + "}") == 2);
  CHECK(sample(text, "gongkai_http_request_duration_seconds_sum{" + me + "}") >= 0);
  // And the appends, the store and the connections are there
  CHECK(sample(text, "gongkai_append_commands_total") == 1);
  CHECK(sample(text, "gongkai_appended_events_total") >= 1);
  CHECK(sample(text, "gongkai_store_head_position") == server.context().store().head_position());
  CHECK(sample(text, "gongkai_store_accepting_writes") == 1);
  // The registration sits in a memtable; nothing has been flushed or read from a table file yet
  CHECK(sample(text, "gongkai_store_memory_bytes{part=\"memtables\"}") > 0);
  CHECK(sample(text, "gongkai_store_memory_bytes{part=\"block_cache\"}") >= 0);
  CHECK(sample(text, "gongkai_store_memory_bytes{part=\"table_readers\"}") >= 0);
  CHECK(sample(text, "gongkai_store_block_cache_capacity_bytes") == 32 << 20);
  CHECK(sample(text, "gongkai_open_connections") >= 1);  // this scrape's own connection
  CHECK(sample(text, "gongkai_refused_connections_total") == 0);
  CHECK(sample(text, "gongkai_queued_connections") >= 0);
  CHECK(sample(text, "gongkai_denied_requests_total") >= 1);

  // And every line is a comment or a sample of the Prometheus text format
  const std::regex sample_line(R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? -?[0-9.eE+-]+|^# .*)");
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(std::regex_match(line, sample_line));
  }
}

TEST_CASE("a scraper's static metrics token opens /metrics and nothing else", "[api][ops][metrics]") {
  api::app::ServerConfig config;
  config.metrics_token = "scrape-0123456789abcdef";
  TestServer server(*domain::time::CivilDate::parse("2021-03-10"), config);
  CHECK(server.get("/metrics", "scrape-0123456789abcdef").status == 200);
  CHECK(server.get("/metrics", "scrape-wrong-0123456789").status == 401);
  // The metrics token is no session: it opens no API route.
  CHECK(server.get("/api/v1/me", "scrape-0123456789abcdef").status == 401);
}

TEST_CASE("the request log has one JSON line per request, never a password, token or query",
          "[api][ops][log]") {
  // Given a server whose request log is captured
  TestServer server;
  server.add_user("reg1", {"registrar"});
  std::mutex mutex;
  std::vector<std::string> lines;
  server.api().set_request_log([&](const std::string& line) {
    std::lock_guard lock(mutex);
    lines.push_back(line);
  });

  // When a user logs in, reads, and sends a query string and a wrong password
  const auto token = server.login("reg1");
  CHECK(server.get("/api/v1/me?q=secret-query-370303199001011234", token).status == 200);
  const nlohmann::json wrong = {{"username", "reg1"}, {"password", "wrong-password-9"}};
  CHECK(server.post("/api/v1/sessions", "", wrong.dump()).status == 401);
  CHECK(server.post("/api/v1/cases", token, registration_body()).status == 201);

  // Then there is one line per request, each a JSON object with the route, status and duration
  std::lock_guard lock(mutex);
  REQUIRE(lines.size() == 4);
  for (const auto& line : lines) {
    INFO(line);
    CHECK(line.find('\n') == std::string::npos);
    const auto entry = nlohmann::json::parse(line);
    CHECK(entry["route"].is_string());
    CHECK(entry["status"].is_number_integer());
    CHECK(entry["duration_ms"].is_number());
    CHECK_FALSE(entry["correlation_id"].get<std::string>().empty());
    CHECK(entry["time"].get<std::string>().ends_with("Z"));
    // And never the password, the token, the query or the body's personal data
    CHECK(line.find(kTestPassword) == std::string::npos);
    CHECK(line.find("wrong-password-9") == std::string::npos);
    CHECK(line.find(token) == std::string::npos);
    CHECK(line.find("secret-query") == std::string::npos);
    CHECK(line.find("370303199001011234") == std::string::npos);
    CHECK(line.find("张三") == std::string::npos);
  }
  CHECK(nlohmann::json::parse(lines[0])["route"] == "/api/v1/sessions");
  CHECK(nlohmann::json::parse(lines[1])["user"] == "u-reg1");
  CHECK(nlohmann::json::parse(lines[2])["status"] == 401);
}

}  // namespace gongkai::testing
