// `gongkai backup DIR [--data-dir D]`: a new RocksDB BackupEngine backup of the store in DIR
// (RocksDbEventStore::backup_to; earlier backups in DIR are kept and share unchanged files).
// The store must not be open elsewhere (a running server: POST /api/v1/admin/backups instead).
// One JSON line: {"ok","backup_dir","backup_id","head_position","head_hash"}.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "data_dir.h"
#include "store_files.h"

namespace gongkai::tools {

namespace {

int run(const std::string& data_dir, const std::string& backup_dir) {
  auto fail = [](const domain::Status& status) {
    std::cerr << "gongkai backup: " << status.message() << "\n";
    return kExitFailed;
  };
  if (auto present = require_store(store_directory(data_dir)); !present.ok()) return fail(present);
  auto store = eventstore::RocksDbEventStore::open({.directory = store_directory(data_dir)});
  if (!store.ok()) return fail(store.status());
  auto backup = (*store)->backup_to(backup_dir);
  if (!backup.ok()) return fail(backup.status());
  const nlohmann::json line = {{"ok", true},
                               {"backup_dir", backup_dir},
                               {"backup_id", backup->backup_id},
                               {"head_position", backup->head_position},
                               {"head_hash", backup->head_hash}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_backup_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("backup", "Back the store up into a BackupEngine directory");
  auto backup_dir = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  command->add_option("DIR", *backup_dir, "Backup directory (created if missing)")->required();
  command->add_option("--data-dir", *data_dir, "Store directory (env GONGKAI_DATA_DIR)");
  command->callback(
      [&exit_code, backup_dir, data_dir] { exit_code = run(*data_dir, *backup_dir); });
}

}  // namespace gongkai::tools
