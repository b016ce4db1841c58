// `gongkai calendar import FILE [--source TEXT]`: records each year of FILE as a new calendar
// version of the agency, as PUT /api/v1/calendar/{year} does (projections/calendar/
// calendar_versions.h: one `calendar.year_set.v1` per year in stream calendar-<agency>, the year's
// arrangement replaced as a whole, actor cli_actor()). The store is opened with its projections
// behind a CalendarHost, so cases registered later count with the new calendar.
//
// FILE is the text format of domain/time/holidays-cn.txt (domain/time/calendar_text.h): `year`,
// `source`, `holiday DATE[..DATE] NAME`, `workday DATE NAME`. Festival names are not recorded
// (the event has none). The event holds one source text: --source when given, else the year's
// `source` lines joined by a space ("" when none). Years are recorded in file order; every year is
// a new version even when it equals the one in force.
//
// A malformed file is refused before anything is recorded: exit 1 and the parser's message, which
// names the line ("line 12: ..."). Prints one JSON line: {"years","stream_version","position"}.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "admin_support.h"
#include "commands.h"
#include "data_dir.h"
#include "domain/time/calendar_text.h"
#include "projections/calendar/calendar_versions.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

namespace pc = projections::calendar;

struct ImportArgs {
  std::string data_dir = default_data_dir();
  std::string agency = default_agency();
  std::string file;
  std::string source;
  bool has_source = false;
};

int import_calendar(const ImportArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) {
    std::cerr << "gongkai calendar import: cannot read " << args.file << "\n";
    return kExitFailed;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto years = domain::time::parse_calendar_text(text.str());
  if (!years.ok()) {
    std::cerr << "gongkai calendar import: " << args.file << ": " << years.status().message()
              << "\n";
    return kExitFailed;
  }
  if (years->empty()) {
    std::cerr << "gongkai calendar import: " << args.file << " has no year block\n";
    return kExitFailed;
  }
  auto session = open_store(args.data_dir, args.agency);
  if (!session.ok()) return report_failure("calendar import", session.status());
  auto& s = **session;
  auto base = domain::time::builtin_calendar();
  if (!base.ok()) return report_failure("calendar import", base.status());
  auto stored = pc::load_calendar(*s.store, args.agency, std::move(*base));
  if (!stored.ok()) return report_failure("calendar import", stored.status());
  const auto now = wall_clock_now();
  const auto actor = cli_actor().ref();
  nlohmann::json recorded = nlohmann::json::array();
  std::uint64_t position = 0;
  for (auto& arrangement : *years) {
    std::string source;
    if (args.has_source) {
      source = args.source;
    } else {
      for (const auto& line : arrangement.sources) source += (source.empty() ? "" : " ") + line;
    }
    arrangement.sources = {source};
    auto next = stored->calendar.with_year(arrangement);
    if (!next.ok()) {
      std::cerr << "gongkai calendar import: " << args.file << ": year " << arrangement.year << ": "
                << next.status().message() << "\n";
      return kExitFailed;
    }
    auto appended =
        pc::record_year(*s.store, args.agency, arrangement, actor, now, stored->stream_version);
    if (!appended.ok()) return report_failure("calendar import", appended.status());
    stored->calendar = std::move(*next);
    stored->stream_version = appended->stream_version;
    position = appended->last_position;
    recorded.push_back(arrangement.year);
  }
  const nlohmann::json line = {
      {"years", recorded}, {"stream_version", stored->stream_version}, {"position", position}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_calendar_import_command(CLI::App& calendar, int& exit_code) {
  auto* command = calendar.add_subcommand(
      "import", "Record each year of a calendar text file as a new version in the store");
  auto args = std::make_shared<ImportArgs>();
  command->add_option("FILE", args->file, "Calendar text (the format of holidays-cn.txt)")
      ->required();
  auto* source =
      command->add_option("--source", args->source, "The announcement, recorded for every year");
  command->add_option("--data-dir", args->data_dir, "Data directory (env GONGKAI_DATA_DIR)");
  command->add_option("--agency", args->agency,
                      "Agency code (env GONGKAI_AGENCY_CODE, default CJZ)");
  command->callback([&exit_code, args, source] {
    args->has_source = source->count() > 0;
    exit_code = import_calendar(*args);
  });
}

}  // namespace gongkai::tools
