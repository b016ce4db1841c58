// The crash harness's HTTP clients: each registers cases and adds notes over one keep-alive
// connection, every command with a fresh Idempotency-Key that is also its text (the case's
// description, the note's text), so the store can be searched for it. One note in eight carries an
// If-Match naming a version the case never has, so definite failures (412) happen too and are
// checked absent. Every outcome is filed in
// the Ledger before the next command: acked (2xx), definite failure (4xx) or indeterminate
// (timeout, reset, 5xx). A request refused at connect never reached the server and is not filed.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gongkai::tools::crash {

enum class Outcome { acked, definite_failure, indeterminate };

struct Attempt {
  std::string key;
  bool registration = false;  // else a note
  Outcome outcome = Outcome::indeterminate;
  int status = 0;  // HTTP status; 0 when none came
};

class Ledger {
 public:
  void file(Attempt attempt);
  [[nodiscard]] std::vector<Attempt> attempts() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Attempt> attempts_;
};

// What one client keeps across cycles: the cases it registered (acked), to add notes to.
struct ClientState {
  int index = 0;
  std::uint64_t next = 0;
  std::vector<std::string> case_ids;
};

struct Target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string token;
};

// Runs every client on its own thread until `stop` is set and its current request is over.
class ClientRun {
 public:
  ClientRun(const Target& target, int cycle, std::uint64_t seed, std::vector<ClientState>& clients,
            Ledger& ledger);
  ~ClientRun();  // stops and joins
  ClientRun(const ClientRun&) = delete;
  ClientRun& operator=(const ClientRun&) = delete;

  void stop_and_join();

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

// POST /api/v1/sessions; the token, or "" with `error` set.
std::string login(const Target& target, const std::string& username, const std::string& password,
                  std::string& error);

}  // namespace gongkai::tools::crash
