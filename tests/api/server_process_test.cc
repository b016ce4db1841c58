// The gongkai-server process: --help, settings precedence (file < environment < flags), SIGTERM,
// the one-time admin password, and kill -9 during a stream of acknowledged registrations.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "api/app/server_config.h"
#include "api/app/demo_data.h"
#include "support/http_client.h"
#include "support/temp_dir.h"
#include "support/test_server.h"
#include "api/server_process.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string login(std::uint16_t port, const std::string& username, const std::string& password) {
  const json body = {{"username", username}, {"password", password}};
  auto result = http_request(port, "POST", "/api/v1/sessions", body.dump(), {});
  INFO(result.body);
  REQUIRE(result.status == 201);
  return result.json()["token"].get<std::string>();
}

// Yesterday in UTC: never in the future for the agency (UTC+8).
std::string yesterday() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - 24h);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

// The ids of every registered case, from the global feed.
std::vector<std::string> registered_cases(std::uint16_t port, const std::string& token) {
  std::vector<std::string> ids;
  std::string cursor;
  for (int page = 0; page < 10000; ++page) {
    auto result = http_request(
        port, "GET", "/api/v1/events?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), "",
        {{"Authorization", "Bearer " + token}});
    REQUIRE(result.status == 200);
    const auto body = result.json();
    for (const auto& item : body["items"]) {
      if (item["type"] == "case.registered.v1") ids.push_back(item["data"]["case_id"]);
    }
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"].get<std::string>();
  }
  return ids;
}

}  // namespace

TEST_CASE("gongkai-server --help lists every setting with its default", "[api][process]") {
  TempDir dir;
  ServerProcess server({"--help"}, {}, dir.path() / "out.txt");
  REQUIRE(server.wait_exit() == 0);
  const auto help = read_file(dir.path() / "out.txt");
  const api::app::ServerConfig defaults;
  for (const auto& setting : api::app::settings()) {
    std::string flag(setting.key);
    for (char& c : flag) c = c == '_' ? '-' : c;
    INFO(setting.key);
    CHECK(help.find("--" + flag + "=") != std::string::npos);
    CHECK(help.find("env " + std::string(setting.env) + ", default \"" +
                    api::app::setting_value(defaults, setting.key) + "\"") != std::string::npos);
  }
}

TEST_CASE("settings come from the file, then the environment, then flags; SIGTERM exits 0",
          "[api][process]") {
  TempDir dir;
  const auto config = dir.path() / "gongkai.conf";
  {
    std::ofstream file(config);
    // A listen address that cannot work: the server starts only if a later source overrides it.
    file << "# test\nagency_code = FILEA\nlisten = 256.0.0.1:1\n";
  }
  const std::map<std::string, std::string> base = {{"GONGKAI_ADMIN_PASSWORD", kAdminPassword},
                                                   {"GONGKAI_CONFIG", config.string()}};
  auto start = [&](const std::string& name, std::map<std::string, std::string> env,
                   std::vector<std::string> flags) {
    env.insert(base.begin(), base.end());
    flags.push_back("--data-dir=" + (dir.path() / name).string());
    return std::make_unique<ServerProcess>(flags, env, dir.path() / (name + ".out"));
  };

  SECTION("a flag wins over the environment and the file") {
    auto server = start("a", {{"GONGKAI_AGENCY_CODE", "ENVA"}},
                        {"--agency-code=FLAGA", "--listen=127.0.0.1:0"});
    REQUIRE(server->wait_listening() != 0);
    CHECK(server->stderr_text().find("(agency FLAGA,") != std::string::npos);
    server->signal(SIGTERM);
    CHECK(server->wait_exit() == 0);
    CHECK(server->stderr_text().find("stopped") != std::string::npos);
  }
  SECTION("the environment wins over the file") {
    auto server = start("b", {{"GONGKAI_AGENCY_CODE", "ENVA"}, {"GONGKAI_LISTEN", "127.0.0.1:0"}},
                        {});
    const auto port = server->wait_listening();
    REQUIRE(port != 0);
    CHECK(server->stderr_text().find("(agency ENVA,") != std::string::npos);
    // A clean stop while a client is connected
    CHECK(http_request(port, "GET", "/healthz", "", {}).status == 200);
    server->signal(SIGTERM);
    CHECK(server->wait_exit() == 0);
  }
  SECTION("the file wins over the defaults; its bad listen address stops the start") {
    auto server = start("c", {}, {});
    CHECK(server->wait_exit() != 0);
    auto listening = start("d", {}, {"--listen=127.0.0.1:0"});
    REQUIRE(listening->wait_listening() != 0);
    CHECK(listening->stderr_text().find("(agency FILEA,") != std::string::npos);
    listening->signal(SIGTERM);
    CHECK(listening->wait_exit() == 0);
  }
}

TEST_CASE("the server keeps glibc's per-thread caches to small chunks unless GLIBC_TUNABLES "
          "sets them",
          "[api][process]") {
  TempDir dir;
  // The environment the running image was started with (after the server ran itself again), as
  // raw bytes: glibc ends each tunable's value with a NUL in place while reading them, so
  // "a=1:b=2" shows as "a=1\0b=2" here. Hence substrings, not entries.
  auto environment_of = [](const ServerProcess& server) {
    return read_file("/proc/" + std::to_string(server.pid()) + "/environ");
  };
  auto has = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  };
  auto start = [&](const std::string& name, std::map<std::string, std::string> env) {
    env["GONGKAI_ADMIN_PASSWORD"] = kAdminPassword;
    const std::vector<std::string> flags = {"--listen=127.0.0.1:0",
                                            "--data-dir=" + (dir.path() / name).string()};
    return std::make_unique<ServerProcess>(flags, env, dir.path() / (name + ".out"));
  };
  SECTION("none set: seven chunks of up to 256 bytes each") {
    auto server = start("a", {});
    REQUIRE(server->wait_listening() != 0);
    const auto environment = environment_of(*server);
    CHECK(has(environment, "GLIBC_TUNABLES=glibc.malloc.tcache_count=7"));
    CHECK(has(environment, "glibc.malloc.tcache_max=256"));
  }
  SECTION("other tunables set: kept, and the caches limited") {
    auto server = start("b", {{"GLIBC_TUNABLES", "glibc.malloc.arena_max=2"}});
    REQUIRE(server->wait_listening() != 0);
    const auto environment = environment_of(*server);
    CHECK(has(environment, "GLIBC_TUNABLES=glibc.malloc.arena_max=2"));
    CHECK(has(environment, "glibc.malloc.tcache_max=256"));
  }
  SECTION("the operator's own cache setting wins") {
    auto server = start("c", {{"GLIBC_TUNABLES", "glibc.malloc.tcache_count=0"}});
    REQUIRE(server->wait_listening() != 0);
    const auto environment = environment_of(*server);
    CHECK(has(environment, "GLIBC_TUNABLES=glibc.malloc.tcache_count=0"));
    CHECK_FALSE(has(environment, "tcache_max=256"));
  }
}

TEST_CASE("the first start prints a one-time admin password that works, once", "[api][process]") {
  TempDir dir;
  const std::vector<std::string> flags = {"--data-dir=" + (dir.path() / "data").string(),
                                          "--listen=127.0.0.1:0"};
  std::string password;
  {
    ServerProcess server(flags, {}, dir.path() / "out1.txt");
    const auto port = server.wait_listening();
    REQUIRE(port != 0);
    password = server.capture("one-time password ([^ \\n]+)");
    REQUIRE(password.size() >= 12);
    CHECK_FALSE(login(port, "admin", password).empty());
    const json wrong = {{"username", "admin"}, {"password", password + "x"}};
    CHECK(http_request(port, "POST", "/api/v1/sessions", wrong.dump(), {}).status == 401);
    server.signal(SIGTERM);
    REQUIRE(server.wait_exit() == 0);
    // The password is in no log line
    CHECK(read_file(dir.path() / "out1.txt").find(password) == std::string::npos);
  }
  // A restart on the same store creates nobody and prints no password
  ServerProcess again(flags, {}, dir.path() / "out2.txt");
  const auto port = again.wait_listening();
  REQUIRE(port != 0);
  CHECK(again.stderr_text().find("one-time password") == std::string::npos);
  CHECK_FALSE(login(port, "admin", password).empty());
}

TEST_CASE("kill -9 during acknowledged registrations loses none of them", "[api][process][kill]") {
  TempDir dir;
  const std::vector<std::string> flags = {"--data-dir=" + (dir.path() / "data").string(),
                                          "--listen=127.0.0.1:0", "--demo=true",
                                          "--demo-cases=0"};
  const std::map<std::string, std::string> env = {{"GONGKAI_ADMIN_PASSWORD", kAdminPassword}};
  const std::string demo(api::app::kDemoPassword);
  const auto body = registration_body(yesterday());

  std::vector<std::string> acked;
  std::size_t before = 0;
  {
    // Given a server and a client registering cases one after another on a keep-alive connection
    ServerProcess server(flags, env, dir.path() / "out1.txt");
    const auto port = server.wait_listening();
    REQUIRE(port != 0);
    before = registered_cases(port, login(port, "duban", demo)).size();
    const auto token = login(port, "dengji", demo);
    std::mutex mutex;
    std::condition_variable progress;
    std::thread client([&] {
      Poco::Net::HTTPClientSession session("127.0.0.1", port);
      session.setKeepAlive(true);
      session.setTimeout(Poco::Timespan(10, 0));
      for (int i = 0; i < 100000; ++i) {
        try {
          Poco::Net::HTTPRequest request("POST", "/api/v1/cases", Poco::Net::HTTPMessage::HTTP_1_1);
          request.set("Authorization", "Bearer " + token);
          request.setContentType("application/json");
          request.setContentLength(static_cast<std::streamsize>(body.size()));
          request.setKeepAlive(true);
          session.sendRequest(request) << body;
          Poco::Net::HTTPResponse response;
          std::string text;
          Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
          if (response.getStatus() != 201) return;
          std::lock_guard lock(mutex);
          acked.push_back(json::parse(text)["id"].get<std::string>());  // acknowledged
          progress.notify_all();
        } catch (const std::exception&) {
          return;  // the server died: this request's outcome is indeterminate
        }
      }
    });
    // When the server is killed while acknowledgements keep coming
    {
      std::unique_lock lock(mutex);
      CHECK(progress.wait_for(lock, 120s, [&] { return acked.size() >= 25; }));
    }
    server.signal(SIGKILL);
    client.join();
    CHECK(server.wait_exit() == -SIGKILL);
  }

  // Then after a restart on the same data every acknowledged case is there, once, and at most
  // the one request in flight was added besides
  ServerProcess server(flags, env, dir.path() / "out2.txt");
  const auto port = server.wait_listening();
  REQUIRE(port != 0);
  const auto after = registered_cases(port, login(port, "duban", demo));
  const std::set<std::string> present(after.begin(), after.end());
  CHECK(present.size() == after.size());
  for (const auto& id : acked) {
    INFO("acknowledged " << id);
    CHECK(present.count(id) == 1);
  }
  CHECK(after.size() - before >= acked.size());
  CHECK(after.size() - before <= acked.size() + 1);
  // And the global chain verifies
  auto verified = http_request(port, "GET", "/api/v1/log/verify", "",
                               {{"Authorization", "Bearer " + login(port, "shenji", demo)}});
  CHECK(verified.json()["ok"] == true);
}

}  // namespace gongkai::testing
