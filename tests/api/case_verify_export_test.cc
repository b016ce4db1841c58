// GET /api/v1/cases/{id}/verify and /export over HTTP: the stream verifies, the dossier holds
// every event and verifies offline (api/DOSSIER.md), a byte changed on disk is named by verify,
// and the refusals.
#include <rocksdb/db.h>

#include <catch2/catch.hpp>

#include "eventstore/chain_verifier.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/export/dossier_verifier.h"
#include "eventstore/rocksdb/keys.h"
#include "projections/export/case_dossier.h"
#include "read_world.h"

namespace gongkai::testing {

namespace {

namespace keys = eventstore::rocksdb_store;

std::string case_with_events(ReadWorld& world) {
  const auto id = world.register_case("2021-03-08");
  world.run(world.han1, id, dc::AddNote{"第一条备注"});
  world.run(world.han1, id, dc::AddNote{"第二条备注"});
  return id;
}

// The dossier checked as api/DOSSIER.md says, with nothing from the server but the file.
eventstore::VerifyReport verify_offline(const nlohmann::json& dossier) {
  eventstore::ChainVerifier verifier(eventstore::ChainVerifier::Scope::one_stream);
  for (const auto& e : dossier["events"]) {
    eventstore::RecordedEvent event;
    event.position = e["position"].get<std::uint64_t>();
    event.stream = e["stream"].get<std::string>();
    event.version = e["version"].get<std::uint64_t>();
    event.event_id = e["event_id"].get<std::string>();
    event.type = e["type"].get<std::string>();
    REQUIRE(eventstore::codec::parse_instant(e["recorded_at"].get<std::string>(), event.recorded_at));
    event.actor = e["actor"].get<std::string>();
    event.correlation_id = e["correlation_id"].get<std::string>();
    event.causation_id = e["causation_id"].get<std::string>();
    auto data = eventstore::codec::canonical_json(e["data"].dump());
    REQUIRE(data.ok());
    event.data_json = *data;
    event.prev_hash = e["prev_hash"].get<std::string>();
    event.stream_prev_hash = e["stream_prev_hash"].get<std::string>();
    event.hash = e["hash"].get<std::string>();
    if (event.stream != dossier["stream"]) verifier.fail(event.position, "another stream");
    verifier.add(event);
  }
  return verifier.report();
}

// Replaces `from` by `to` (same length) in the stored bytes of the event at `position`, through
// raw RocksDB while the server is stopped, as someone with disk access could.
void tamper(const std::filesystem::path& dir, std::uint64_t position, const std::string& from,
            const std::string& to) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles, &db).ok());
  rocksdb::ColumnFamilyHandle* log = nullptr;
  for (auto* handle : handles) {
    if (handle->GetName() == keys::kLogFamily) log = handle;
  }
  REQUIRE(log != nullptr);
  std::string value;
  REQUIRE(db->Get(rocksdb::ReadOptions(), log, keys::position_key(position), &value).ok());
  const auto at = value.find(from);
  REQUIRE(at != std::string::npos);
  value.replace(at, from.size(), to);
  REQUIRE(db->Put(rocksdb::WriteOptions(), log, keys::position_key(position), value).ok());
  for (auto* handle : handles) REQUIRE(db->DestroyColumnFamilyHandle(handle).ok());
  REQUIRE(db->Close().ok());
  delete db;
}

}  // namespace

TEST_CASE("an intact case verifies and its dossier verifies offline", "[api][reads][verify]") {
  // Given a case with four events
  ReadWorld world;
  const auto id = case_with_events(world);
  auto history = world.server.get("/api/v1/cases/" + id + "/history", world.supervisor).json()["items"];
  REQUIRE(history.size() == 4);

  // When the supervisor verifies it
  auto verified = world.server.get("/api/v1/cases/" + id + "/verify", world.supervisor);

  // Then it is ok with every event counted and the last hash as head
  INFO(verified.body);
  REQUIRE(verified.status == 200);
  CHECK(verified.json()["ok"] == true);
  CHECK(verified.json()["events"] == 4);
  CHECK(verified.json()["head_hash"] == history.back()["hash"]);
  CHECK(verified.json()["first_bad_position"].is_null());

  // And the export holds every event with the history's hashes and verifies without the server
  auto& store = world.server.context().store();
  const auto audits_before = *store.stream_version("audit-CJZ");
  auto exported = world.server.get("/api/v1/cases/" + id + "/export", world.supervisor);
  REQUIRE(exported.status == 200);
  const auto dossier = exported.json();
  CHECK(dossier["format"] == "gongkai.dossier.v1");
  CHECK(dossier["case_id"] == id);
  REQUIRE(dossier["events"].size() == history.size());
  for (std::size_t i = 0; i < history.size(); ++i) {
    CHECK(dossier["events"][i]["hash"] == history[i]["hash"]);
    CHECK(dossier["events"][i]["position"] == history[i]["position"]);
  }
  CHECK(dossier["head_hash"] == history.back()["hash"]);
  CHECK(dossier["stream_version"] == 4);
  const auto offline = verify_offline(dossier);
  CHECK(offline.ok);
  CHECK(offline.events == 4);
  CHECK(offline.head_hash == dossier["head_hash"]);
  // And the dossier carries the unredacted data, so the export was recorded as a personal read
  CHECK(exported.body.find("370303199001011234") != std::string::npos);
  CHECK(exported.header("cache-control") == "no-store");
  CHECK(*store.stream_version("audit-CJZ") == audits_before + 1);

  // And a dossier edited after export no longer verifies, at the edited event
  auto edited = dossier;
  edited["events"][2]["data"]["text"] = "改过的备注";
  const auto broken = verify_offline(edited);
  CHECK_FALSE(broken.ok);
  CHECK(broken.first_bad_position == dossier["events"][2]["position"]);
  auto dropped = dossier;
  dropped["events"].erase(1);
  CHECK_FALSE(verify_offline(dropped).ok);

  // And eventstore::verify_dossier (what `gongkai verify --dossier` runs) agrees on both
  const auto checked = eventstore::verify_dossier(exported.body);
  CHECK(checked.report.ok);
  CHECK(checked.report.head_hash == dossier["head_hash"]);
  CHECK(eventstore::verify_dossier(edited.dump()).report.first_bad_position ==
        dossier["events"][2]["position"]);
  // And the bytes are projections::case_dossier's, which `gongkai export --case` writes too
  domain::time::Instant at;
  REQUIRE(eventstore::codec::parse_instant(dossier["exported_at"].get<std::string>(), at));
  const auto built =
      projections::case_dossier(store, id, at, dossier["exported_by"].get<std::string>());
  REQUIRE(built.ok());
  CHECK(*built == exported.body);
}

TEST_CASE("verify names the first event changed on disk", "[api][reads][verify]") {
  // Given a case whose registration was altered in the store while the server was down
  ReadWorld world;
  const auto id = case_with_events(world);
  auto history = world.server.get("/api/v1/cases/" + id + "/history", world.supervisor).json()["items"];
  const auto registered_at = history[0]["position"].get<std::uint64_t>();
  world.server.stop();
  tamper(world.server.data_dir() / "store", registered_at, "本镇2020", "本镇2019");
  world.server.restart();
  const auto token = world.server.login("sup1");

  // When the supervisor verifies it
  auto verified = world.server.get("/api/v1/cases/" + id + "/verify", token);

  // Then it is ok:false at the altered event
  INFO(verified.body);
  REQUIRE(verified.status == 200);
  CHECK(verified.json()["ok"] == false);
  CHECK(verified.json()["first_bad_position"] == registered_at);
  CHECK_FALSE(verified.json()["problem"].get<std::string>().empty());
  // And the dossier's server check says so too, and the offline check agrees
  auto exported = world.server.get("/api/v1/cases/" + id + "/export", token);
  REQUIRE(exported.status == 200);
  CHECK(exported.json()["server_verify"]["ok"] == false);
  const auto offline = verify_offline(exported.json());
  CHECK_FALSE(offline.ok);
  CHECK(offline.first_bad_position == registered_at);
}

TEST_CASE("verify reports an event that no longer decodes to supervisors and auditors",
          "[api][reads][verify]") {
  // Given a case whose registration was made undecodable on disk (an unknown channel)
  ReadWorld world;
  const auto id = case_with_events(world);
  auto history = world.server.get("/api/v1/cases/" + id + "/history", world.supervisor).json()["items"];
  const auto registered_at = history[0]["position"].get<std::uint64_t>();
  world.server.stop();
  tamper(world.server.data_dir() / "store", registered_at, "\"in_person\"", "\"in_persom\"");
  world.server.restart();
  world.login_all();

  // When an auditor verifies it, the damage is the finding, not an error
  auto verified = world.server.get("/api/v1/cases/" + id + "/verify", world.auditor);
  INFO(verified.body);
  REQUIRE(verified.status == 200);
  CHECK(verified.json()["ok"] == false);
  CHECK(verified.json()["first_bad_position"] == registered_at);
  // And the case itself cannot be shown (never served as if it were fine)
  CHECK(world.server.get("/api/v1/cases/" + id + "/history", world.auditor).status >= 500);
  // And a case that does not exist is still 404
  CHECK(world.server.get("/api/v1/cases/CJZ-2021-09999/verify", world.auditor).status == 404);
}

TEST_CASE("verify and export refuse who may not see the case", "[api][reads][verify]") {
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  for (const std::string route : {"verify", "export"}) {
    const auto path = "/api/v1/cases/" + id + "/" + route;
    INFO(route);
    CHECK(world.server.get(path, world.admin).status == 403);
    CHECK(world.server.get(path, world.handler2).status == 404);
    CHECK(world.server.get(path, world.handler1).status == 200);
    CHECK(world.server.get(path, "").status == 401);
  }
  CHECK(world.server.get("/api/v1/cases/CJZ-2021-09999/verify", world.auditor).status == 404);
}

}  // namespace gongkai::testing
