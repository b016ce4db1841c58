// A real gongkai server for end-to-end tests: a RocksDB store in a temp dir, every projection,
// the POCO HTTP server on an ephemeral loopback port, and a FakeClock the test moves (no test
// sleeps). Requests go over real sockets through http_client.h.
//
// Users are set up through the people command path (the same events the admin routes append),
// each with password kTestPassword (at kTestPasswordHashing's cost), and logged in over HTTP.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "api/app/api.h"
#include "api/app/server_context.h"
#include "api/server/http_server.h"
#include "support/fake_clock.h"
#include "support/temp_dir.h"
#include "support/http_client.h"

namespace gongkai::testing {

inline constexpr const char* kTestPassword = "test-password-1";
inline constexpr const char* kAdminPassword = "admin-password-1";
// The cost of the test servers' password records: scrypt at a 16th of the default, which made
// most of the API suite's time (logins of every test's cast); sessions_test checks the default.
inline constexpr api::auth::ScryptParameters kTestPasswordHashing{.n = 1024, .r = 8, .p = 1};

class TestServer {
 public:
  // The clock starts at 10:00 agency time on `today`. `store_env` (tests/support/
  // fault_injection_fs.h) runs the store on an Env that injects I/O faults, across restarts too.
  explicit TestServer(domain::time::CivilDate today = *domain::time::CivilDate::parse("2021-03-10"),
                      api::app::ServerConfig config = {},
                      std::shared_ptr<rocksdb::Env> store_env = nullptr);
  ~TestServer();

  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  [[nodiscard]] FakeClock& clock() { return clock_; }
  [[nodiscard]] api::app::ServerContext& context() { return *context_; }
  [[nodiscard]] api::app::Api& api() { return *api_; }
  [[nodiscard]] const std::filesystem::path& data_dir() const { return dir_.path(); }

  // Departments and users (password kTestPassword) through the people command path.
  void add_department(const std::string& code, const std::string& name = "");
  void add_user(const std::string& username, const std::vector<std::string>& roles,
                const std::vector<std::string>& departments = {});
  // POST /api/v1/sessions; fails the test when the login is refused.
  [[nodiscard]] std::string login(const std::string& username,
                                  const std::string& password = kTestPassword);

  // A request with `token` (empty: none) over a fresh connection.
  [[nodiscard]] HttpResult request(const std::string& method, const std::string& target,
                                   const std::string& token = "", const std::string& body = "",
                                   const std::map<std::string, std::string>& headers = {});
  [[nodiscard]] HttpResult get(const std::string& target, const std::string& token) {
    return request("GET", target, token);
  }
  [[nodiscard]] HttpResult post(const std::string& target, const std::string& token,
                                const std::string& body,
                                const std::map<std::string, std::string>& headers = {}) {
    return request("POST", target, token, body, headers);
  }

  // Stops the HTTP server and closes the store (to reopen on the same directory: restart()).
  void stop();
  void restart();
  // The configuration the server starts with: a change takes effect at the next restart().
  [[nodiscard]] api::app::ServerConfig& config() { return config_; }

 private:
  void start();

  TempDir dir_;
  FakeClock clock_;
  api::app::ServerConfig config_;
  std::shared_ptr<rocksdb::Env> store_env_;
  std::unique_ptr<api::app::ServerContext> context_;
  std::unique_ptr<api::app::Api> api_;
  std::unique_ptr<api::server::HttpServer> server_;
  std::set<std::string> departments_;
};

// A registration body of API.md (the applicant a natural person), received on `received_on`.
[[nodiscard]] std::string registration_body(const std::string& received_on = "2021-03-01",
                                            const std::string& department = "");

}  // namespace gongkai::testing
