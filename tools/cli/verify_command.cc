// `gongkai verify`: recomputes the hash chains of a store and names the first bad position.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "data_dir.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"

namespace gongkai::tools {

void add_verify_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("verify", "Recompute the hash chains of the whole log or a stream");
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  auto stream = std::make_shared<std::string>();
  command->add_option("--data-dir", *data_dir, "Store directory (env GONGKAI_DATA_DIR)");
  command->add_option("--stream", *stream, "Verify only this stream, e.g. case-CJZ-2021-00001");
  command->callback([&exit_code, data_dir, stream] {
    auto store = eventstore::RocksDbEventStore::open({.directory = *data_dir});
    if (!store.ok()) {
      std::cerr << "gongkai verify: " << store.status().message() << "\n";
      exit_code = kExitFailed;
      return;
    }
    const auto report = stream->empty() ? (*store)->verify_log() : (*store)->verify_stream(*stream);
    nlohmann::json line = {{"ok", report.ok},
                           {"events", report.events},
                           {"head_position", report.head_position},
                           {"head_hash", report.head_hash}};
    if (!report.ok) {
      line["first_bad_position"] = report.first_bad_position;
      line["problem"] = report.problem;
    }
    std::cout << line.dump() << "\n";
    exit_code = report.ok ? kExitOk : kExitFailed;
  });
}

}  // namespace gongkai::tools
