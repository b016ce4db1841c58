// R3 and R4 over HTTP (RELIABILITY.md sections 1 and 4): a server whose store runs on a
// FaultInjectionFileSystem. After an injected write or sync failure (EIO, or ENOSPC: disk full),
// once or persistently, every write route answers 503 problem+json, /readyz answers 503, one clear
// log line names the stop, reads of what was acknowledged keep working, and a restart with the
// fault gone recovers with nothing acknowledged lost and the chain verifying. Each case ends with
// one JSON line on stdout.
#include <catch2/catch.hpp>

#include <iostream>
#include <mutex>

#include "support/fault_injection_fs.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

struct LogLines {
  std::mutex mutex;
  std::vector<std::string> lines;
  void add(const std::string& line) {
    const std::lock_guard lock(mutex);
    lines.push_back(line);
  }
  int count(const std::string& what) {
    const std::lock_guard lock(mutex);
    int n = 0;
    for (const auto& line : lines) n += line.find(what) != std::string::npos ? 1 : 0;
    return n;
  }
};

}  // namespace

TEST_CASE("after an injected I/O fault the server refuses writes with 503 and serves reads",
          "[api][failstop][r3][r4]") {
  const auto error = GENERATE(FaultError::eio, FaultError::enospc);
  const auto op = GENERATE(FaultOp::write, FaultOp::sync);
  const bool persistent = GENERATE(false, true);
  const char* row = error == FaultError::eio ? "R3" : "R4";
  INFO(row << " " << fault_op_name(op) << (persistent ? " persistent" : " once"));

  // Given a server on a fault-injecting store with three registered cases
  auto [fs, env] = FaultInjectionFileSystem::make_env();
  TestServer server(*domain::time::CivilDate::parse("2021-03-10"), {}, env);
  auto log = std::make_shared<LogLines>();
  server.api().set_request_log([log](const std::string& line) { log->add(line); });
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");
  std::vector<std::string> acked;
  for (int i = 0; i < 3; ++i) {
    auto created = server.post("/api/v1/cases", token, registration_body());
    REQUIRE(created.status == 201);
    acked.push_back(created.json()["id"].get<std::string>());
  }
  REQUIRE(server.get("/readyz", "").status == 200);

  // When the next write or sync of the disk fails
  fs->arm({.op = op, .k = 1, .persistent = persistent, .error = error});
  int acks_after_fault = 0;
  auto failed = server.post("/api/v1/cases", token, registration_body());
  CHECK(fs->injected > 0);
  INFO(failed.body);
  CHECK(failed.status == 503);
  CHECK(failed.header("content-type") == "application/problem+json");
  acks_after_fault += failed.status / 100 == 2 ? 1 : 0;

  // Then every later write is 503 `unavailable`, even once a one-off fault is over
  auto retried = server.post("/api/v1/cases", token, registration_body(),
                             {{"Idempotency-Key", "retry-after-fault"}});
  CHECK(retried.status == 503);
  CHECK(retried.code() == "unavailable");
  CHECK_FALSE(retried.header("retry-after").empty());
  auto withdraw = server.post("/api/v1/cases/" + acked.front() + "/withdraw", token,
                              R"({"reason":"after the fault"})");
  CHECK(withdraw.status == 503);
  for (const auto* result : {&retried, &withdraw}) {
    acks_after_fault += result->status / 100 == 2 ? 1 : 0;
  }
  CHECK(acks_after_fault == 0);

  // And /readyz says why, the log has one clear line, and acknowledged cases stay readable
  auto ready = server.get("/readyz", "");
  CHECK(ready.status == 503);
  CHECK(ready.code() == "store_stopped");
  CHECK(log->count(R"("event":"store_stopped")") == 1);
  CHECK(log->count("injected") == 1);
  for (const auto& id : acked) {
    CHECK(server.get("/api/v1/cases/" + id, token).status == 200);
    auto history = server.get("/api/v1/cases/" + id + "/history", token);
    CHECK(history.status == 200);
    CHECK_FALSE(history.json()["items"].empty());
  }

  // When the disk is healthy again and the server restarts
  fs->disarm();
  server.restart();

  // Then it is ready, nothing acknowledged is lost, the chain verifies and writes are accepted
  CHECK(server.get("/readyz", "").status == 200);
  const auto token2 = server.login("reg1");
  int lost = 0;
  for (const auto& id : acked) {
    lost += server.get("/api/v1/cases/" + id, token2).status == 200 ? 0 : 1;
  }
  CHECK(lost == 0);
  const bool verified = server.context().store().verify_log().ok;
  CHECK(verified);
  auto later = server.post("/api/v1/cases", token2, registration_body());
  CHECK(later.status == 201);
  const bool reopen_ok = verified && later.status == 201;
  std::cout << "{\"name\":\"" << row << "\",\"layer\":\"http\",\"op\":\"" << fault_op_name(op)
            << "\",\"mode\":\"" << (persistent ? "persistent" : "once") << "\",\""
            << (error == FaultError::eio ? "acks_after_fault" : "acks_after_enospc")
            << "\":" << acks_after_fault << ",\"lost\":" << lost
            << ",\"reopen_ok\":" << (reopen_ok ? "true" : "false") << ",\"seed\":0}" << std::endl;
}

}  // namespace gongkai::testing
