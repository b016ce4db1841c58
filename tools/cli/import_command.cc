// `gongkai import FILE [--data-dir NEW]`: a new store from an `export --all` file. Each line is
// read (eventstore/export/recorded_json.h), its hash recomputed and its links followed
// (ChainVerifier over the global log) before it is written verbatim (import_recorded, which checks
// again). The store is built in a scratch directory next to the target and renamed into place only
// once complete and opened with every projection (so they are built): a broken or tampered file
// leaves nothing behind (exit 1, naming the line). The target must not exist or be empty.
// One JSON line on stdout: {"ok","data_dir","events","head_position","head_hash"}.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "data_dir.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/export/recorded_json.h"
#include "store_files.h"

namespace gongkai::tools {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBatch = 1000;

// Reads `file` into the import-only store at `dir`; an empty message on success.
std::string import_into(const std::string& file, const fs::path& dir,
                        eventstore::VerifyReport& report) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "cannot read " + file;
  auto store = eventstore::RocksDbEventStore::open({.directory = dir, .import_only = true});
  if (!store.ok()) return store.status().message();
  eventstore::ChainVerifier verifier(eventstore::ChainVerifier::Scope::global_log);
  std::vector<eventstore::RecordedEvent> batch;
  std::size_t batch_first_line = 1;
  auto flush = [&]() -> std::string {
    auto written = (*store)->import_recorded(batch);
    batch.clear();
    if (!written.ok()) {
      return "line " + std::to_string(batch_first_line) + " or after: " + written.message();
    }
    return {};
  };
  std::string text;
  std::size_t line = 0;
  while (std::getline(in, text)) {
    ++line;
    if (text.empty()) return "line " + std::to_string(line) + ": empty line";
    auto event = eventstore::recorded_event_from_json(text);
    if (!event.ok()) return "line " + std::to_string(line) + ": " + event.status().message();
    if (!verifier.add(*event)) {
      const auto& bad = verifier.report();
      return "line " + std::to_string(line) + " (position " +
             std::to_string(bad.first_bad_position) + "): " + bad.problem;
    }
    if (batch.empty()) batch_first_line = line;
    batch.push_back(std::move(event).value());
    show_progress("imported", line);
    if (batch.size() == kBatch) {
      if (auto problem = flush(); !problem.empty()) return problem;
    }
  }
  if (in.bad()) return "reading " + file + " failed";
  if (!batch.empty()) {
    if (auto problem = flush(); !problem.empty()) return problem;
  }
  report = verifier.report();
  show_progress("imported", report.events, true);
  return {};
}

int run(const std::string& file, const std::string& target) {
  auto fail = [](const std::string& message) {
    std::cerr << "gongkai import: " << message << "\n";
    return kExitFailed;
  };
  fs::path target_dir = fs::absolute(store_directory(target)).lexically_normal();
  if (target_dir.filename().empty()) target_dir = target_dir.parent_path();  // "dir/" -> "dir"
  if (!empty_or_missing(target_dir)) {
    return fail("refusing to import into " + target_dir.string() + ": it is not empty");
  }
  const fs::path scratch = target_dir.string() + ".importing-" + std::to_string(getpid());
  std::error_code error;
  fs::remove_all(scratch, error);
  fs::create_directories(target_dir.parent_path(), error);
  eventstore::VerifyReport report;
  std::string problem = import_into(file, scratch, report);
  if (problem.empty()) {
    auto store = open_with_projections(scratch);  // projections catch up: built from the log
    if (!store.ok()) problem = "building projections: " + store.status().message();
  }
  if (problem.empty()) {
    fs::rename(scratch, target_dir, error);  // replaces an empty target directory
    if (error) problem = "moving the store into place: " + error.message();
  }
  if (!problem.empty()) {
    fs::remove_all(scratch, error);
    return fail(problem + " (nothing was imported)");
  }
  const nlohmann::json line = {{"ok", true},
                               {"data_dir", target_dir.string()},
                               {"events", report.events},
                               {"head_position", report.head_position},
                               {"head_hash", report.head_hash}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "import", "Create a new store from an `export --all` file, verifying every hash");
  auto file = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  command->add_option("FILE", *file, "The NDJSON file written by `gongkai export --all`")
      ->required();
  command->add_option("--data-dir", *data_dir,
                      "Data dir of the new store (it goes to <data-dir>/store, which must not "
                      "exist or be empty; env GONGKAI_DATA_DIR)");
  command->callback([&exit_code, file, data_dir] { exit_code = run(*file, *data_dir); });
}

}  // namespace gongkai::tools
