// Tamper evidence: both chains verify on an intact store, and a byte altered, an event deleted or
// two events swapped through raw RocksDB is reported at its position.
#include <rocksdb/db.h>

#include <catch2/catch.hpp>
#include <functional>

#include "eventstore/rocksdb/keys.h"
#include "store_fixture.h"

using namespace gongkai::testing;
namespace keys = gongkai::eventstore::rocksdb_store;

namespace {

// Opens the store's database directly, as an attacker with disk access would, and hands the
// log column family to `edit`.
void edit_raw(const std::filesystem::path& dir,
              const std::function<void(rocksdb::DB&, rocksdb::ColumnFamilyHandle*)>& edit) {
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
  edit(*db, log);
  for (auto* handle : handles) REQUIRE(db->DestroyColumnFamilyHandle(handle).ok());
  REQUIRE(db->Close().ok());
  delete db;
}

void fill(const std::filesystem::path& dir, int events) {
  auto store = open_store(dir);
  for (int i = 1; i <= events; ++i) {
    const std::string stream = "case-" + std::to_string(i % 3);
    REQUIRE(store->append(request(stream, ExpectedVersion::any(),
                                  {event("e" + std::to_string(i),
                                         R"({"text":"第)" + std::to_string(i) + R"(条"})")}))
                .ok());
  }
}

}  // namespace

TEST_CASE("an intact store verifies, globally and per stream", "[eventstore][chain]") {
  TempDir dir;
  fill(dir.path(), 9);
  auto store = open_store(dir.path());
  auto report = store->verify_log();
  CHECK(report.ok);
  CHECK(report.events == 9);
  CHECK(report.head_position == 9);
  CHECK(report.head_hash == store->read_all(9, 1)->front().hash);
  auto stream = store->verify_stream("case-1");
  CHECK(stream.ok);
  CHECK(stream.events == 3);

  auto events = store->read_all(1, 9).value();
  CHECK(events[0].prev_hash == std::string(64, '0'));
  for (std::size_t i = 1; i < events.size(); ++i) CHECK(events[i].prev_hash == events[i - 1].hash);
  auto case1 = store->read_stream_forward("case-1", 1, 10).value();
  CHECK(case1[0].stream_prev_hash == std::string(64, '0'));
  CHECK(case1[1].stream_prev_hash == case1[0].hash);
}

TEST_CASE("a byte altered on disk is reported at its position", "[eventstore][chain]") {
  const std::uint64_t target = GENERATE(1, 5, 9);
  const std::size_t offset = GENERATE(3, 40, 120);  // in the hash, in the envelope, in the data
  TempDir dir;
  fill(dir.path(), 9);
  edit_raw(dir.path(), [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* log) {
    std::string value;
    REQUIRE(db.Get(rocksdb::ReadOptions(), log, keys::position_key(target), &value).ok());
    REQUIRE(offset < value.size());
    value[offset] = static_cast<char>(value[offset] ^ 0x04);
    REQUIRE(db.Put(rocksdb::WriteOptions(), log, keys::position_key(target), value).ok());
  });
  auto opened = RocksDbEventStore::open({.directory = dir.path()});
  if (target == 9 && !opened.ok()) {
    // The head itself cannot be decoded: start-up refuses to serve damaged data.
    CHECK(opened.status().reason() == "corrupt_event");
    return;
  }
  REQUIRE(opened.ok());
  auto report = (*opened)->verify_log();
  CHECK_FALSE(report.ok);
  CHECK(report.first_bad_position == target);
  CHECK(report.head_position == target - 1);
  CHECK_FALSE(report.problem.empty());
}

TEST_CASE("a deleted or reordered event breaks the chain where it happened", "[eventstore][chain]") {
  TempDir dir;
  fill(dir.path(), 6);
  SECTION("deleted") {
    edit_raw(dir.path(), [](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* log) {
      REQUIRE(db.Delete(rocksdb::WriteOptions(), log, keys::position_key(4)).ok());
    });
    auto report = open_store(dir.path())->verify_log();
    CHECK_FALSE(report.ok);
    CHECK(report.first_bad_position == 4);
  }
  SECTION("two events swapped") {
    edit_raw(dir.path(), [](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* log) {
      std::string third, fourth;
      REQUIRE(db.Get(rocksdb::ReadOptions(), log, keys::position_key(3), &third).ok());
      REQUIRE(db.Get(rocksdb::ReadOptions(), log, keys::position_key(4), &fourth).ok());
      REQUIRE(db.Put(rocksdb::WriteOptions(), log, keys::position_key(3), fourth).ok());
      REQUIRE(db.Put(rocksdb::WriteOptions(), log, keys::position_key(4), third).ok());
    });
    auto report = open_store(dir.path())->verify_log();
    CHECK_FALSE(report.ok);
    CHECK(report.first_bad_position == 3);
  }
}

TEST_CASE("a stream whose event was altered fails its own verification", "[eventstore][chain]") {
  TempDir dir;
  fill(dir.path(), 9);  // case-1 holds positions 1, 4, 7
  edit_raw(dir.path(), [](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* log) {
    std::string value;
    REQUIRE(db.Get(rocksdb::ReadOptions(), log, keys::position_key(4), &value).ok());
    const auto at = value.find("第4条");
    REQUIRE(at != std::string::npos);
    value.replace(at, std::string("第4条").size(), "第5条");
    REQUIRE(db.Put(rocksdb::WriteOptions(), log, keys::position_key(4), value).ok());
  });
  auto store = open_store(dir.path());
  auto report = store->verify_stream("case-1");
  CHECK_FALSE(report.ok);
  CHECK(report.first_bad_position == 4);
  CHECK(store->verify_stream("case-2").ok);
}
