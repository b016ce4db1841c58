// `gongkai export --case ID | --all`: a case's dossier (api/DOSSIER.md, the same bytes as
// GET /api/v1/cases/{id}/export for the same store, exporter and time), or the whole global log as
// NDJSON, one recorded event per line (eventstore/export/recorded_json.h; tools/README.md), for
// `gongkai import`. To stdout, or to --out FILE.
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "admin_support.h"
#include "commands.h"
#include "data_dir.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/export/recorded_json.h"
#include "projections/export/case_dossier.h"
#include "store_files.h"

namespace gongkai::tools {

namespace {

struct Params {
  std::string data_dir = default_data_dir();
  std::string case_id;
  bool all = false;
  std::string out;
  std::string exported_by = "cli";
  std::string exported_at;  // RFC 3339 with six fractional digits; empty: now
};

constexpr std::size_t kPage = 2000;

int fail(const domain::Status& status) {
  std::cerr << "gongkai export: " << status.message() << "\n";
  return kExitFailed;
}

domain::Status write_log(const eventstore::EventStore& store, std::ostream& out) {
  std::uint64_t next = 1;
  for (;;) {
    auto page = store.read_all(next, kPage);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    for (const auto& event : *page) {
      out << eventstore::recorded_event_json(event) << '\n';
      show_progress("exported", event.position);
    }
    next = page->back().position + 1;
  }
  show_progress("exported", next - 1, true);
  out.flush();
  if (!out) return domain::unavailable("write_failed", "writing the export failed");
  return {};
}

int run(const Params& params) {
  domain::time::Instant exported_at{};
  if (params.exported_at.empty()) {
    exported_at = domain::time::Instant::from_unix_micros(
        std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
  } else if (!eventstore::codec::parse_instant(params.exported_at, exported_at)) {
    std::cerr << "gongkai export: --exported-at takes e.g. 2021-03-10T02:00:00.000000Z\n";
    return kExitUsage;
  }
  if (auto present = require_store(store_directory(params.data_dir)); !present.ok())
    return fail(present);
  auto store = eventstore::RocksDbEventStore::open({.directory = store_directory(params.data_dir)});
  if (!store.ok()) return fail(store.status());
  if (!params.case_id.empty()) {
    auto dossier =
        projections::case_dossier(**store, params.case_id, exported_at, params.exported_by);
    if (!dossier.ok()) return fail(dossier.status());
    auto written = write_document(params.out, *dossier);
    return written.ok() ? kExitOk : fail(written);
  }
  if (params.out.empty()) {
    auto written = write_log(**store, std::cout);
    return written.ok() ? kExitOk : fail(written);
  }
  std::ofstream file(params.out, std::ios::binary | std::ios::trunc);
  auto written = write_log(**store, file);
  if (!written.ok()) return fail(written);
  const nlohmann::json line = {{"out", params.out}, {"events", (*store)->head_position()}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "export", "Export a case's dossier (--case) or the whole log as NDJSON (--all)");
  auto params = std::make_shared<Params>();
  command->add_option("--data-dir", params->data_dir, "Store directory (env GONGKAI_DATA_DIR)");
  auto* by_case = command->add_option("--case", params->case_id,
                                      "The case whose dossier to export, e.g. CJZ-2021-00001");
  auto* all = command->add_flag("--all", params->all,
                                "Every recorded event of the store, one JSON object per line");
  by_case->excludes(all);
  command->add_option("--out", params->out, "Write to this file instead of stdout");
  command->add_option("--exported-by", params->exported_by, "Who the dossier names as exporter")
      ->capture_default_str();
  command->add_option("--exported-at", params->exported_at,
                      "The dossier's export time, RFC 3339 UTC with six fractional digits "
                      "(default: now)");
  command->callback([&exit_code, params, command] {
    if (params->case_id.empty() && !params->all) {
      std::cerr << "gongkai export: give --case ID or --all\n" << command->help();
      exit_code = kExitUsage;
      return;
    }
    exit_code = run(*params);
  });
}

}  // namespace gongkai::tools
