// `gongkai restore DIR [--data-dir TARGET]`: restores the latest backup in DIR into TARGET, which
// must not exist or be empty (refused, exit 1), then opens it with every projection (they catch
// up) and verifies the whole log. A failed restore removes what it wrote into TARGET.
// One JSON line: {"ok","data_dir","events","head_position","head_hash"} (the verify of the log).
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "data_dir.h"
#include "store_files.h"

namespace gongkai::tools {

namespace {

namespace fs = std::filesystem;

int run(const std::string& backup_dir, const std::string& target) {
  auto fail = [](const std::string& message) {
    std::cerr << "gongkai restore: " << message << "\n";
    return kExitFailed;
  };
  if (!empty_or_missing(target)) {
    return fail("refusing to restore into " + target + ": it is not empty");
  }
  const bool existed = fs::exists(target);
  const fs::path data_dir = fs::path(target).parent_path();  // made for a new store, if missing
  const bool data_dir_existed = fs::exists(data_dir);
  std::error_code made;
  fs::create_directories(data_dir, made);
  auto clean_up = [&] {
    std::error_code error;
    if (existed) {
      for (const auto& entry : fs::directory_iterator(target, error)) fs::remove_all(entry, error);
    } else {
      fs::remove_all(target, error);
    }
    if (!data_dir_existed) fs::remove(data_dir, error);  // only removes it while empty
  };
  if (auto restored = eventstore::restore_backup(backup_dir, target); !restored.ok()) {
    clean_up();
    return fail(restored.message());
  }
  eventstore::VerifyReport report;
  {
    auto store = open_with_projections(target);
    if (!store.ok()) {
      clean_up();
      return fail("opening the restored store: " + store.status().message());
    }
    report = (*store)->verify_log();
  }
  nlohmann::json line = {{"ok", report.ok},
                         {"data_dir", target},
                         {"events", report.events},
                         {"head_position", report.head_position},
                         {"head_hash", report.head_hash}};
  if (!report.ok) {
    line["first_bad_position"] = report.first_bad_position;
    line["problem"] = report.problem;
  }
  std::cout << line.dump() << "\n";
  return report.ok ? kExitOk : kExitFailed;
}

}  // namespace

void add_restore_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("restore", "Restore the latest backup into an empty store");
  auto backup_dir = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  command->add_option("DIR", *backup_dir, "Backup directory written by `gongkai backup`")
      ->required();
  command->add_option("--data-dir", *data_dir,
                      "Data dir to restore into (the store goes to <data-dir>/store, which must "
                      "not exist or be empty; env GONGKAI_DATA_DIR)");
  command->callback([&exit_code, backup_dir, data_dir] {
    exit_code = run(*backup_dir, store_directory(*data_dir).string());
  });
}

}  // namespace gongkai::tools
