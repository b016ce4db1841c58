#include "api/app/server_config.h"

#include <charconv>
#include <fstream>

namespace gongkai::api::app {

namespace {

template <typename T>
bool parse_int(std::string_view text, T& out, T min, T max) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return false;
  }
  out = value;
  return true;
}

bool parse_bool(std::string_view text, bool& out) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") {
    out = true;
  } else if (text == "0" || text == "false" || text == "no" || text == "off") {
    out = false;
  } else {
    return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

#ifndef GONGKAI_DEFAULT_CONSOLE_DIR
#define GONGKAI_DEFAULT_CONSOLE_DIR "api/console/dist"
#endif

std::string default_console_dir() { return GONGKAI_DEFAULT_CONSOLE_DIR; }

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      {"data_dir", "GONGKAI_DATA_DIR", "store directory (RocksDB)"},
      {"listen", "GONGKAI_LISTEN", "host:port to listen on"},
      {"agency_code", "GONGKAI_AGENCY_CODE", "agency code, prefixes case numbers"},
      {"agency_name", "GONGKAI_AGENCY_NAME", "agency name"},
      {"admin_password", "GONGKAI_ADMIN_PASSWORD",
       "password of user admin, created at first start (default: random, printed once)"},
      {"tls_cert", "GONGKAI_TLS_CERT", "PEM certificate: serve HTTPS (TLS 1.2+) when set"},
      {"tls_key", "GONGKAI_TLS_KEY", "PEM private key for tls_cert"},
      {"log_level", "GONGKAI_LOG_LEVEL", "error | warning | information | debug"},
      {"max_threads", "GONGKAI_MAX_THREADS", "request threads (one per keep-alive connection)"},
      {"max_queued", "GONGKAI_MAX_QUEUED", "connections queued for a thread before refusing"},
      {"max_active", "GONGKAI_MAX_ACTIVE",
       "requests handled at once, the others wait in arrival order (0: 4 per core)"},
      {"keep_alive_seconds", "GONGKAI_KEEP_ALIVE_SECONDS", "idle keep-alive timeout"},
      {"max_event_streams", "GONGKAI_MAX_EVENT_STREAMS", "open /events/stream connections"},
      {"metrics_token", "GONGKAI_METRICS_TOKEN",
       "bearer token a scraper sends to GET /metrics (without it: a supervisor's or admin's "
       "session)"},
      {"backup_dir", "GONGKAI_BACKUP_DIR",
       "where POST /api/v1/admin/backups writes (empty: <data_dir>/backups)"},
      {"session_absolute_seconds", "GONGKAI_SESSION_ABSOLUTE_SECONDS", "session lifetime"},
      {"session_idle_seconds", "GONGKAI_SESSION_IDLE_SECONDS", "session idle timeout"},
      {"demo", "GONGKAI_DEMO", "fill an empty store with a demo township year at first start"},
      {"demo_cases", "GONGKAI_DEMO_CASES", "cases in the demo store"},
      {"demo_seed", "GONGKAI_DEMO_SEED", "seed of the demo data"},
      {"demo_year", "GONGKAI_DEMO_YEAR", "year of the demo data (0: this year)"},
      {"console_dir", "GONGKAI_CONSOLE_DIR",
       "the web console's built files (npm run build in api/console), served at /"},
  };
  return kSettings;
}

domain::Status apply_setting(ServerConfig& c, std::string_view key, std::string_view value) {
  bool ok = true;
  if (key == "data_dir") {
    c.data_dir = value;
    ok = !value.empty();
  } else if (key == "listen") {
    c.listen = value;
  } else if (key == "agency_code") {
    c.agency_code = value;
    ok = !value.empty();
  } else if (key == "agency_name") {
    c.agency_name = value;
  } else if (key == "admin_password") {
    c.admin_password = value;
  } else if (key == "tls_cert") {
    c.tls_cert = value;
  } else if (key == "tls_key") {
    c.tls_key = value;
  } else if (key == "log_level") {
    c.log_level = value;
    ok = value == "error" || value == "warning" || value == "information" || value == "debug";
  } else if (key == "max_threads") {
    ok = parse_int(value, c.max_threads, 4, 4096);
  } else if (key == "max_queued") {
    ok = parse_int(value, c.max_queued, 1, 65536);
  } else if (key == "max_active") {
    ok = parse_int(value, c.max_active, 0, 4096);
  } else if (key == "keep_alive_seconds") {
    ok = parse_int(value, c.keep_alive_seconds, 1, 3600);
  } else if (key == "max_event_streams") {
    ok = parse_int(value, c.max_event_streams, 0, 4096);
  } else if (key == "metrics_token") {
    c.metrics_token = value;
    ok = value.empty() || value.size() >= 16;
  } else if (key == "backup_dir") {
    c.backup_dir = value;
  } else if (key == "session_absolute_seconds") {
    ok = parse_int<std::int64_t>(value, c.session_absolute_seconds, 60, 30LL * 86400);
  } else if (key == "session_idle_seconds") {
    ok = parse_int<std::int64_t>(value, c.session_idle_seconds, 10, 30LL * 86400);
  } else if (key == "demo") {
    ok = parse_bool(value, c.demo);
  } else if (key == "demo_cases") {
    ok = parse_int(value, c.demo_cases, 0, 1'000'000);
  } else if (key == "demo_seed") {
    ok = parse_int<std::uint64_t>(value, c.demo_seed, 0, UINT64_MAX);
  } else if (key == "demo_year") {
    ok = parse_int(value, c.demo_year, 0, 2100);
  } else if (key == "console_dir") {
    c.console_dir = value;
  } else {
    return domain::invalid_argument("unknown_setting", "unknown setting " + std::string(key));
  }
  if (!ok) {
    return domain::invalid_argument("invalid_setting", "invalid value for " + std::string(key) +
                                                           ": " + std::string(value));
  }
  return {};
}

domain::Status apply_config_file(ServerConfig& config, const std::string& path) {
  std::ifstream in(path);
  if (!in) return domain::invalid_argument("config_unreadable", "cannot read " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view text = trim(std::string_view(line).substr(0, line.find('#')));
    if (text.empty()) continue;
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) {
      return domain::invalid_argument("invalid_setting",
                                      path + ":" + std::to_string(number) + ": expected key = value");
    }
    auto status = apply_setting(config, trim(text.substr(0, eq)), trim(text.substr(eq + 1)));
    if (!status.ok()) return status;
  }
  return {};
}

domain::Status apply_environment(ServerConfig& config,
                                 const std::map<std::string, std::string>& env) {
  for (const Setting& s : settings()) {
    auto it = env.find(std::string(s.env));
    if (it == env.end()) continue;
    auto status = apply_setting(config, s.key, it->second);
    if (!status.ok()) return status;
  }
  return {};
}

std::string setting_value(const ServerConfig& c, std::string_view key) {
  if (key == "data_dir") return c.data_dir;
  if (key == "listen") return c.listen;
  if (key == "agency_code") return c.agency_code;
  if (key == "agency_name") return c.agency_name;
  if (key == "admin_password") return c.admin_password.empty() ? "(random)" : "(set)";
  if (key == "tls_cert") return c.tls_cert;
  if (key == "tls_key") return c.tls_key;
  if (key == "log_level") return c.log_level;
  if (key == "max_threads") return std::to_string(c.max_threads);
  if (key == "max_queued") return std::to_string(c.max_queued);
  if (key == "max_active") return std::to_string(c.max_active);
  if (key == "keep_alive_seconds") return std::to_string(c.keep_alive_seconds);
  if (key == "max_event_streams") return std::to_string(c.max_event_streams);
  if (key == "metrics_token") return c.metrics_token.empty() ? "" : "(set)";
  if (key == "backup_dir") return c.backup_dir;
  if (key == "session_absolute_seconds") return std::to_string(c.session_absolute_seconds);
  if (key == "session_idle_seconds") return std::to_string(c.session_idle_seconds);
  if (key == "demo") return c.demo ? "true" : "false";
  if (key == "demo_cases") return std::to_string(c.demo_cases);
  if (key == "demo_seed") return std::to_string(c.demo_seed);
  if (key == "demo_year") return std::to_string(c.demo_year);
  if (key == "console_dir") return c.console_dir;
  return "";
}

domain::Status split_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !parse_int<std::uint16_t>(std::string_view(listen).substr(colon + 1), port, 0, 65535)) {
    return domain::invalid_argument("invalid_listen", "listen must be host:port, not " + listen);
  }
  host = listen.substr(0, colon);
  return {};
}

}  // namespace gongkai::api::app
