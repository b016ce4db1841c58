// gongkai-crash: RELIABILITY.md §4 R1, the kill -9 loop end to end. Starts the real gongkai-server
// on a fresh demo data dir, runs --clients HTTP clients sending keyed commands (register case,
// add note) and files every outcome, SIGKILLs the server after a random 0.2-3 s, reads the store
// back offline (tools/crash/crash_check.h), restarts the server and goes on, --cycles times.
// Prints a line per cycle on stderr and ends stdout with one JSON line {"name":"R1",...}.
// Exit 0 when every pass rule holds, 1 when one fails, 2 on usage errors.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "crash_check.h"
#include "crash_clients.h"
#include "server_child.h"

namespace {

using namespace gongkai::tools::crash;
using Clock = std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::milliseconds(120'000);

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

struct Settings {
  int cycles = 25;
  int clients = 4;
  std::uint64_t seed = 0;
  std::string server = GONGKAI_SERVER_BINARY;
  std::string work_dir;  // "" : a temp dir, removed at the end
  bool keep = false;
};

// Starts the server and, the first time, logs in as the demo registrar (a session outlives a
// restart, and a login costs most of a second of scrypt); the target, or port 0 with `error` set.
Target start(std::unique_ptr<ServerChild>& server, const Settings& s,
             const std::filesystem::path& work, const std::string& token, double* recovery_ms,
             std::string& error) {
  const auto before = Clock::now();
  server = std::make_unique<ServerChild>(s.server, work / "data", work);
  Target target;
  target.port = server->wait_listening(kStartTimeout);
  if (target.port == 0) {
    error = "the server did not start:\n" + server->stderr_tail();
    return target;
  }
  if (recovery_ms != nullptr) {
    *recovery_ms = std::chrono::duration<double, std::milli>(Clock::now() - before).count();
  }
  target.token = token.empty() ? login(target, "dengji", "gongkai-demo", error) : token;
  if (target.token.empty()) target.port = 0;
  return target;
}

int run(const Settings& s) {
  const std::uint64_t seed = s.seed != 0 ? s.seed : std::random_device{}();
  std::mt19937_64 random(seed);
  std::filesystem::path work = s.work_dir;
  if (work.empty()) {
    work = std::filesystem::temp_directory_path() /
           ("gongkai-crash-" + std::to_string(::getpid()));
  }
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work);
  std::cerr << "gongkai-crash: work dir " << work << ", seed " << seed << "\n";

  Ledger ledger;
  std::vector<ClientState> clients(static_cast<std::size_t>(s.clients));
  for (int i = 0; i < s.clients; ++i) clients[static_cast<std::size_t>(i)].index = i;
  std::vector<double> recovery_ms;
  CheckFigures last;
  std::uint64_t lost_max = 0, duplicated_max = 0, definite_present_max = 0, gaps_max = 0;
  int chain_failures = 0, projection_mismatches = 0, survived_kill = 0, cycles_done = 0;
  std::string failure;

  std::unique_ptr<ServerChild> server;
  Target target = start(server, s, work, "", nullptr, failure);
  for (int cycle = 0; cycle < s.cycles && target.port != 0 && failure.empty(); ++cycle) {
    const auto run_ms = std::chrono::milliseconds(200 + random() % 2801);
    {
      ClientRun run(target, cycle, seed, clients, ledger);
      std::this_thread::sleep_for(run_ms);
      if (!server->kill9()) ++survived_kill;  // it had exited on its own: a failure
      run.stop_and_join();
    }
    last = check_store(work / "data" / "store", ledger.attempts(), work / "rebuild", "CJZ");
    ++cycles_done;
    if (!last.error.empty()) {
      failure = "cycle " + std::to_string(cycle) + ": " + last.error;
      break;
    }
    lost_max = std::max(lost_max, last.lost);
    duplicated_max = std::max(duplicated_max, last.duplicated);
    definite_present_max = std::max(definite_present_max, last.definite_present);
    gaps_max = std::max(gaps_max, last.gaps);
    if (!last.chain_ok) ++chain_failures;
    if (!last.projection_difference.empty()) {
      ++projection_mismatches;
      std::cerr << "gongkai-crash: cycle " << cycle << ": projections differ from a rebuild: "
                << last.projection_difference << "\n";
    }
    double ms = 0;
    target = start(server, s, work, target.token, &ms, failure);
    recovery_ms.push_back(ms);
    std::cerr << "cycle " << cycle << ": ran " << run_ms.count() << " ms; events " << last.events
              << ", acked " << last.acked << ", definite " << last.definite << ", indeterminate "
              << last.indeterminate << " (present " << last.indeterminate_present << "), lost "
              << last.lost << ", duplicated " << last.duplicated << ", gaps " << last.gaps
              << ", chain " << (last.chain_ok ? "ok" : "BROKEN") << "; restart " << ms << " ms\n";
  }
  server.reset();

  // The test of the test: the same store against a doctored ledger, one ack that never happened
  // and one acked (present) command filed as a 4xx, must show exactly one more loss and one
  // definite failure present. Else the check could not see what it is there to see.
  bool sees_loss = false;
  if (failure.empty() && last.acked > 0) {
    auto doctored = ledger.attempts();
    for (auto& attempt : doctored) {
      if (attempt.outcome == Outcome::acked) {
        attempt.outcome = Outcome::definite_failure;
        break;
      }
    }
    doctored.push_back(Attempt{.key = "crk-forged-0", .registration = false,
                               .outcome = Outcome::acked, .status = 201});
    const auto forged = check_store(work / "data" / "store", doctored, work / "rebuild", "CJZ");
    sees_loss = forged.error.empty() && forged.lost == last.lost + 1 &&
                forged.definite_present == last.definite_present + 1;
    if (!sees_loss) failure = "the harness is broken: a forged loss went unseen";
  }

  const bool pass = sees_loss && failure.empty() && cycles_done == s.cycles && last.acked > 0 &&
                    lost_max == 0 && duplicated_max == 0 && definite_present_max == 0 &&
                    gaps_max == 0 && chain_failures == 0 && projection_mismatches == 0 &&
                    survived_kill == 0;
  if (!failure.empty()) std::cerr << "gongkai-crash: " << failure << "\n";
  if (!s.keep && pass) std::filesystem::remove_all(work);
  const nlohmann::ordered_json line = {
      {"name", "R1"},
      {"cycles", cycles_done},
      {"clients", s.clients},
      {"events", last.events},
      {"acked", last.acked},
      {"definite", last.definite},
      {"indeterminate", last.indeterminate},
      {"lost", lost_max},
      {"duplicated", duplicated_max},
      {"definite_present", definite_present_max},
      {"indeterminate_present", last.indeterminate_present},
      {"gaps", gaps_max},
      {"chain_failures", chain_failures},
      {"projection_mismatches", projection_mismatches},
      {"exited_before_kill", survived_kill},
      {"sees_forged_loss", sees_loss},
      {"recovery_ms", {{"p50", percentile(recovery_ms, 0.5)}, {"p99", percentile(recovery_ms, 0.99)}}},
      {"pass", pass},
      {"seed", seed},
  };
  std::cout << line.dump() << std::endl;
  return pass ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"R1 of RELIABILITY.md: kill -9 the real gongkai-server under keyed HTTP commands "
               "and check that nothing acknowledged is lost"};
  Settings s;
  app.add_option("--cycles", s.cycles, "kill -9 and restart cycles")->check(CLI::Range(1, 100000));
  app.add_option("--clients", s.clients, "concurrent HTTP clients")->check(CLI::Range(1, 256));
  app.add_option("--seed", s.seed, "seed of the kill times and commands (0: random)");
  app.add_option("--server", s.server, "the gongkai-server binary")->capture_default_str();
  app.add_option("--work-dir", s.work_dir, "where the data dir and logs go (default: a temp dir)");
  app.add_flag("--keep", s.keep, "keep the work dir (it is kept anyway when a rule fails)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    return run(s);
  } catch (const std::exception& e) {  // a server that cannot be spawned, a work dir not writable
    std::cerr << "gongkai-crash: " << e.what() << "\n";
    return 1;
  }
}
