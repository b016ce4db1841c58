// POST /api/v1/admin/backups (api/README.md, backups): an admin backs the running store up and the
// backup restores to a store whose head hash is the one answered; other roles get 403; the backup
// is in the audit log.
#include <catch2/catch.hpp>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "support/test_server.h"

namespace gongkai::testing {

TEST_CASE(
    "Given a running server with a case, When an admin posts a backup, Then it is 201 and "
    "restores to a store with the head hash it answered",
    "[api][backup]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto registrar = server.login("reg1");
  REQUIRE(server.post("/api/v1/cases", registrar, registration_body()).status == 201);
  const auto admin = server.login("admin", kAdminPassword);

  const auto created = server.post("/api/v1/admin/backups", admin, "{}");
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto body = created.json();
  CHECK(body["backup_id"] == 1);
  CHECK(body["directory"] == (server.data_dir() / "backups").string());
  CHECK(body["head_position"] == server.context().store().head_position());

  bool audited = false;
  for (const auto& entry : server.context().audit().recent()) {
    audited = audited || (entry.kind == "backup" && entry.status == 201);
  }
  CHECK(audited);

  // The store keeps serving; a second backup gets the next id.
  REQUIRE(server.post("/api/v1/cases", registrar, registration_body()).status == 201);
  const auto second = server.post("/api/v1/admin/backups", admin, "{}").json();
  CHECK(second["backup_id"] == 2);

  TempDir restored;
  const auto target = restored.path() / "store";
  REQUIRE(eventstore::restore_backup(server.data_dir() / "backups", target).ok());
  auto store = eventstore::RocksDbEventStore::open({.directory = target});
  REQUIRE(store.ok());
  const auto report = (*store)->verify_log();
  CHECK(report.ok);
  CHECK(report.head_position == second["head_position"]);
  CHECK(report.head_hash == second["head_hash"]);
  // The latest backup is the second; the first one's head is an earlier point of the same chain.
  auto earlier = (*store)->read_all(body["head_position"].get<std::uint64_t>(), 1);
  REQUIRE(earlier.ok());
  REQUIRE(earlier->size() == 1);
  CHECK(earlier->front().hash == body["head_hash"]);
}

TEST_CASE("Given a handler or a body with fields, When a backup is posted, Then it is refused",
          "[api][backup]") {
  TestServer server;
  server.add_user("han1", {"handler"});
  const auto handler = server.login("han1");
  const auto refused = server.post("/api/v1/admin/backups", handler, "{}");
  CHECK(refused.status == 403);
  CHECK(refused.code() == "role_forbids");
  CHECK(server.post("/api/v1/admin/backups", "", "{}").status == 401);
  const auto admin = server.login("admin", kAdminPassword);
  const auto unknown = server.post("/api/v1/admin/backups", admin, R"({"dir":"/tmp"})");
  CHECK(unknown.status == 400);
  CHECK(unknown.code() == "unknown_field");
  CHECK_FALSE(std::filesystem::exists(server.data_dir() / "backups"));
}

}  // namespace gongkai::testing
