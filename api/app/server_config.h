// The server's settings (issue 5, DESIGN.md The server): defaults, then a config file
// (key = value lines), then GONGKAI_* environment variables, then --flags; the later wins.
// `--help` prints every setting with its default from kSettings.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/auth/password.h"
#include "domain/base/status.h"

namespace gongkai::api::app {

// Where the built web console is (api/console/dist of the source tree this binary was built from).
[[nodiscard]] std::string default_console_dir();

struct ServerConfig {
  std::string data_dir = "./data";
  std::string listen = "127.0.0.1:8080";
  std::string agency_code = "CJZ";
  std::string agency_name = "示例镇人民政府";
  std::string admin_password;  // empty: a random one-time password is printed at first start
  std::string tls_cert;
  std::string tls_key;
  std::string log_level = "information";
  int max_threads = 192;      // POCO holds a thread per keep-alive connection: >= 128 clients
  int max_queued = 256;       // connections waiting for a thread; beyond this they are refused
  int max_active = 0;         // requests in the handlers at once, in arrival order; 0: 4 per core
  int keep_alive_seconds = 10;
  int max_event_streams = 32;  // open server-sent event streams
  std::string metrics_token;   // a static bearer token for Prometheus scrapers (optional)
  std::string backup_dir;      // POST /admin/backups writes here; empty: <data_dir>/backups
  std::int64_t session_absolute_seconds = 12 * 3600;
  std::int64_t session_idle_seconds = 30 * 60;
  bool demo = false;           // fill an empty store with demo data at first start
  int demo_cases = 300;
  std::uint64_t demo_seed = 1;
  int demo_year = 0;           // 0: the current year
  std::string console_dir = default_console_dir();  // the web console's built files, served at /
  // The cost of new password records (the bootstrap admin's, users' set over the API). Not a
  // setting: operators get the default. Tests lower it (tests/support/test_server.cc), where
  // scrypt at full cost was most of the API suite's time.
  auth::ScryptParameters password_hashing;
};

struct Setting {
  std::string_view key;   // config-file key and flag name: data_dir -> --data-dir
  std::string_view env;   // GONGKAI_DATA_DIR
  std::string_view help;
};

[[nodiscard]] const std::vector<Setting>& settings();

// Applies `key` = `value` (a config-file line, an environment variable or a flag) to `config`:
// invalid_argument unknown_setting / invalid_setting.
[[nodiscard]] domain::Status apply_setting(ServerConfig& config, std::string_view key,
                                           std::string_view value);

// Reads "key = value" lines ('#' starts a comment).
[[nodiscard]] domain::Status apply_config_file(ServerConfig& config, const std::string& path);

// Applies every GONGKAI_* variable of `environment` that names a setting.
[[nodiscard]] domain::Status apply_environment(ServerConfig& config,
                                               const std::map<std::string, std::string>& env);

// The value of a setting as text (for --help's defaults).
[[nodiscard]] std::string setting_value(const ServerConfig& config, std::string_view key);

// "host:port" split; invalid_argument invalid_listen.
[[nodiscard]] domain::Status split_listen(const std::string& listen, std::string& host,
                                          std::uint16_t& port);

}  // namespace gongkai::api::app
