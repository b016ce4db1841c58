// gongkai-server: a POCO ServerApplication. Settings: defaults, then the config file (--config or
// GONGKAI_CONFIG), then GONGKAI_* variables, then --flags (api/app/server_config.h); --help lists
// them with their defaults. SIGTERM/SIGINT stop it cleanly; after kill -9 the store recovers
// everything it acknowledged (every 2xx was fsynced).
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <malloc.h>
#include <pthread.h>
#include <unistd.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "api/app/api.h"
#include "api/app/deadline_ticker.h"
#include "api/app/demo_data.h"
#include "api/app/periodic_thread.h"
#include "api/app/server_config.h"
#include "api/app/server_context.h"
#include "api/server/http_server.h"
#include "api/server/system_clock.h"

extern char** environ;

namespace gongkai::api::server {

namespace {

std::string flag_of(std::string_view key) {
  std::string flag(key);
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return flag;
}

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos && entry.starts_with("GONGKAI_")) {
      env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return env;
}

// One JSON line at a time on stdout, whichever thread writes it.
void log_line(const std::string& line) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::cout << line << "\n" << std::flush;
}

class ServerMain final : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show the settings and their defaults"));
    options.addOption(
        Poco::Util::Option("config", "", "config file of key = value lines (env GONGKAI_CONFIG)")
            .argument("file"));
    for (const auto& s : app::settings()) {
      options.addOption(Poco::Util::Option(flag_of(s.key), "", std::string(s.help)).argument("value"));
    }
  }

  void handleOption(const std::string& name, const std::string& value) override {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
      help_ = true;
      stopOptionsProcessing();
    } else if (name == "config") {
      config_file_ = value;
    } else {
      flags_.emplace_back(name, value);
    }
  }

  int main(const std::vector<std::string>&) override {
    if (help_) {
      print_help();
      return EXIT_OK;
    }
    app::ServerConfig config;
    const auto env = environment();
    if (config_file_.empty() && env.count("GONGKAI_CONFIG") != 0) config_file_ = env.at("GONGKAI_CONFIG");
    domain::Status status;
    if (!config_file_.empty()) status = app::apply_config_file(config, config_file_);
    if (status.ok()) status = app::apply_environment(config, env);
    for (const auto& [flag, value] : flags_) {
      if (!status.ok()) break;
      std::string key = flag;
      for (char& c : key) {
        if (c == '-') c = '_';
      }
      status = app::apply_setting(config, key, value);
    }
    std::string host;
    std::uint16_t port = 0;
    if (status.ok()) status = app::split_listen(config.listen, host, port);
    if (!status.ok()) {
      std::cerr << "gongkai-server: " << status.message() << "\n";
      return EXIT_USAGE;
    }
    return serve(config, host, port);
  }

 private:
  int serve(const app::ServerConfig& config, const std::string& host, std::uint16_t port) {
    SystemClock clock;
    std::string generated_password;
    auto context = app::ServerContext::open(config, clock, &generated_password);
    if (!context.ok()) {
      std::cerr << "gongkai-server: " << context.status().message() << "\n";
      return EXIT_SOFTWARE;
    }
    if (!generated_password.empty()) {
      // Printed once, never stored in clear: the admin changes it after the first login.
      std::cerr << "gongkai-server: created user admin with one-time password "
                << generated_password << "\n";
    }
    if (config.demo) {
      auto demo = app::fill_demo_if_empty(**context, config);
      if (!demo.ok()) {
        std::cerr << "gongkai-server: demo data: " << demo.status().message() << "\n";
        return EXIT_SOFTWARE;
      }
      if (!demo->empty()) std::cerr << "gongkai-server: " << *demo << "\n";
    }
    app::Api api(**context);
    api.set_request_log(log_line);
    (*context)->audit().set_sink(log_line);
    auto server = HttpServer::start(api, {.host = host,
                                          .port = port,
                                          .max_threads = config.max_threads,
                                          .max_queued = config.max_queued,
                                          .keep_alive_seconds = config.keep_alive_seconds,
                                          .tls_cert = config.tls_cert,
                                          .tls_key = config.tls_key});
    if (!server.ok()) {
      std::cerr << "gongkai-server: " << server.status().message() << "\n";
      return EXIT_UNAVAILABLE;
    }
    std::cerr << "gongkai-server: listening on " << ((*server)->tls() ? "https" : "http") << "://"
              << host << ":" << (*server)->port() << " (agency " << config.agency_code
              << ", data " << config.data_dir << ")\n";
    {
      app::DeadlineTicker ticker(**context, std::chrono::seconds(60), log_line);
      // glibc gives memory back by itself only from the top of an arena; what a burst of
      // requests frees below blocks that live on (cached blocks, case folds) stayed resident, so
      // RSS drifted up with the bursts (tests/RELIABILITY.md L1).
      app::PeriodicThread trim_heap(std::chrono::seconds(10), [] { malloc_trim(0); },
                                    app::PeriodicThread::First::after_interval);
      waitForTerminationRequest();
    }
    (*server)->stop();
    std::cerr << "gongkai-server: stopped\n";
    return EXIT_OK;
  }

  void print_help() {
    app::ServerConfig defaults;
    std::cout << "gongkai-server: the gongkai HTTP API (API.md)\n\n"
              << "Settings: defaults < config file (--config FILE, env GONGKAI_CONFIG) < "
                 "environment < flags\n\n";
    for (const auto& s : app::settings()) {
      std::cout << "  --" << flag_of(s.key) << "=VALUE  (env " << s.env << ", default \""
                << app::setting_value(defaults, s.key) << "\")\n      " << s.help << "\n";
    }
  }

  bool help_ = false;
  std::string config_file_;
  std::vector<std::pair<std::string, std::string>> flags_;
};

}  // namespace

}  // namespace gongkai::api::server

namespace {

// glibc keeps up to 7 freed chunks of each size up to 1 KiB per thread (its tcache) for that thread
// alone: with a thread per keep-alive connection and RocksDB's own, ~200 threads held ~15 MiB the
// others could not reuse (tests/RELIABILITY.md "Memory, 2026-11-30"), so the server ran without
// them. But then every allocation takes an arena's lock, and with 128 connections the server spent
// ~18 % more CPU per request on it (tests/RELIABILITY.md "Starvation and per-request CPU,
// 2026-12-01"), which the 128 first requests arriving at once feel most. Caching only chunks of up
// to 256 bytes (the strings and JSON nodes of a request) keeps most of that CPU for less than half
// the memory. glibc reads these settings only from GLIBC_TUNABLES when the process starts, so
// the server sets them and runs itself again (same pid, same arguments) — unless the operator's
// GLIBC_TUNABLES already says something of the tcache.
void restart_with_small_thread_caches(char** argv) {
  constexpr std::string_view kTcache = "glibc.malloc.tcache";
  const char* current = std::getenv("GLIBC_TUNABLES");
  const std::string tunables = current != nullptr ? current : "";
  if (tunables.find(kTcache) != std::string::npos) return;
  const std::string updated = (tunables.empty() ? "" : tunables + ":") +
                              "glibc.malloc.tcache_count=7:glibc.malloc.tcache_max=256";
  if (setenv("GLIBC_TUNABLES", updated.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: the exec failed (no /proc); run with glibc's default caches rather than not at all.
}

}  // namespace

int main(int argc, char** argv) {
  restart_with_small_thread_caches(argv);
  // glibc gives threads that allocate at the same time their own arenas (up to 8 per core) and
  // keeps what is freed in each: with a thread per keep-alive connection that was most of the
  // server's memory (L1 soak: heap 42 MiB, RSS 160–280 MiB). One arena per core is enough, since
  // the fair gate lets only a few requests run at once. MALLOC_ARENA_MAX still overrides it.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) {
    mallopt(M_ARENA_MAX, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  }
  // Blocks of 1 MiB and more (RocksDB allocates its memtables in such blocks) are mapped on their
  // own and unmapped when freed. glibc's default threshold rises to the size of each such block
  // freed, so after the first memtable flush the next ones came from the heap and stayed resident
  // at their high-water mark (L1 soak: RSS rose with each peak of the memtables' cycle and never
  // went down). A fixed threshold gives them back at every flush. MALLOC_MMAP_THRESHOLD_ still
  // overrides it.
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr) mallopt(M_MMAP_THRESHOLD, 1 << 20);
  // SIGTERM/SIGINT/SIGQUIT stay pending until waitForTerminationRequest() takes them: blocked here,
  // before any thread starts, so that no thread (RocksDB's, the server's) inherits them unblocked
  // and a signal sent during start-up still ends in a clean stop instead of the default kill.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  gongkai::api::server::ServerMain app;
  return app.run(argc, argv);
}
