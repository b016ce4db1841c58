// `gongkai backup` and `gongkai restore`: a backup restores to a store that verifies, with the same
// head hash and the same annual report; restore refuses a non-empty target.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/generated_store.h"
#include "support/cli_run.h"

namespace gongkai::testing {

using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE(
    "Given a store with cases, When it is backed up and restored, Then the restored store "
    "verifies with the same head hash and serves the same annual report",
    "[cli-files]") {
  TempDir dir;
  generate_store(dir.path() / "store", 3);
  const auto backups = dir.path() / "backups";
  const auto backed_up =
      run_cli({"backup", backups.string(), "--data-dir", (dir.path() / "store").string()});
  REQUIRE(backed_up.exit_code == 0);
  const json backup = json::parse(backed_up.out);
  CHECK(backup["backup_id"] == 1);

  const auto target = dir.path() / "restored";
  const auto restored = run_cli({"restore", backups.string(), "--data-dir", target.string()});
  REQUIRE(restored.exit_code == 0);
  const json line = json::parse(restored.out);
  CHECK(line["ok"] == true);
  CHECK(line["head_hash"] == backup["head_hash"]);

  const auto source = store_facts(dir.path() / "store");
  const auto copy = store_facts(target / "store");  // restore fills <data-dir>/store
  CHECK(copy.log.ok);
  CHECK(copy.log.head_hash == source.log.head_hash);
  CHECK(backup["head_position"] == source.log.head_position);
  CHECK(copy.annual_report_json == source.annual_report_json);
  CHECK(run_cli({"verify", "--data-dir", target.string()}).exit_code == 0);
}

TEST_CASE(
    "Given a non-empty target or no backup, When restore runs, Then it is refused with exit 1 "
    "and the target is untouched",
    "[cli-files]") {
  TempDir dir;
  generate_store(dir.path() / "store", 1);
  const auto backups = dir.path() / "backups";
  REQUIRE(run_cli({"backup", backups.string(), "--data-dir", (dir.path() / "store").string()})
              .exit_code == 0);
  const auto before = store_facts(dir.path() / "store");
  const auto refused =
      run_cli({"restore", backups.string(), "--data-dir", (dir.path() / "store").string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("not empty") != std::string::npos);
  CHECK(store_facts(dir.path() / "store").log.head_hash == before.log.head_hash);

  const auto missing = run_cli({"restore", (dir.path() / "no-backups").string(), "--data-dir",
                                (dir.path() / "new").string()});
  CHECK(missing.exit_code == 1);
  CHECK_FALSE(fs::exists(dir.path() / "new"));
}

}  // namespace gongkai::testing
