// `gongkai verify`: recomputes the hash chains of a store and names the first bad position.
// --stream S or --case ID checks one stream; --dossier FILE checks an exported case dossier offline
// (eventstore::verify_dossier: no store is opened). One JSON line on stdout; exit 1 when not ok.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "data_dir.h"
#include "store_files.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/export/dossier_verifier.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"

namespace gongkai::tools {

namespace {

nlohmann::json report_json(const eventstore::VerifyReport& report) {
  nlohmann::json line = {{"ok", report.ok},
                         {"events", report.events},
                         {"head_position", report.head_position},
                         {"head_hash", report.head_hash}};
  if (!report.ok) {
    line["first_bad_position"] = report.first_bad_position;
    line["problem"] = report.problem;
  }
  return line;
}

int verify_dossier_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "gongkai verify: cannot read " << path << "\n";
    return kExitFailed;
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto result = eventstore::verify_dossier(text.str());
  auto line = report_json(result.report);
  line["dossier"] = path;
  line["case_id"] = result.case_id;
  line["stream"] = result.stream;
  std::cout << line.dump() << "\n";
  return result.report.ok ? kExitOk : kExitFailed;
}

}  // namespace

void add_verify_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("verify",
                                     "Recompute the hash chains of the whole log, a "
                                     "stream, a case, or an exported dossier");
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  auto stream = std::make_shared<std::string>();
  auto case_id = std::make_shared<std::string>();
  auto dossier = std::make_shared<std::string>();
  command->add_option("--data-dir", *data_dir, "Store directory (env GONGKAI_DATA_DIR)");
  auto* stream_option =
      command->add_option("--stream", *stream, "Verify only this stream, e.g. case-CJZ-2021-00001");
  auto* case_option = command->add_option("--case", *case_id,
                                          "Verify only this case's stream, e.g. CJZ-2021-00001");
  auto* dossier_option = command->add_option(
      "--dossier", *dossier, "Verify an exported case dossier offline (no store is opened)");
  stream_option->excludes(case_option)->excludes(dossier_option);
  case_option->excludes(dossier_option);
  command->callback([&exit_code, data_dir, stream, case_id, dossier] {
    if (!dossier->empty()) {
      exit_code = verify_dossier_file(*dossier);
      return;
    }
    const auto directory = store_directory(*data_dir);
    if (auto present = require_store(directory); !present.ok()) {  // never create one to verify
      std::cerr << "gongkai verify: " << present.message() << "\n";
      exit_code = kExitFailed;
      return;
    }
    auto store = eventstore::RocksDbEventStore::open({.directory = directory});
    if (!store.ok()) {
      std::cerr << "gongkai verify: " << store.status().message() << "\n";
      exit_code = kExitFailed;
      return;
    }
    const std::string only = case_id->empty() ? *stream : eventstore::codec::case_stream(*case_id);
    const auto report = only.empty() ? (*store)->verify_log() : (*store)->verify_stream(only);
    auto line = report_json(report);
    if (!case_id->empty() && report.ok && report.events == 0) {  // a mistyped case is no pass
      line["ok"] = false;
      line["problem"] = "no case " + *case_id;
      std::cout << line.dump() << "\n";
      exit_code = kExitFailed;
      return;
    }
    std::cout << line.dump() << "\n";
    exit_code = report.ok ? kExitOk : kExitFailed;
  });
}

}  // namespace gongkai::tools
