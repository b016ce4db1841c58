// `gongkai calendar show YEAR` and `gongkai calendar workdays-after DATE N`: a clerk asks the
// working-day calendar directly. The built-in calendar is used unless --file names a calendar
// text file (the format of domain/time/holidays-cn.txt), e.g. one extended with next year. With
// --data-dir, the store's recorded versions (calendar-<agency>) are applied on top, so the answer
// is the one the server's clocks count with.
//
// `gongkai calendar import FILE [--source TEXT]` records each year of FILE (the same text format)
// as a new version in the store, as PUT /api/v1/calendar/{year} does (calendar_import.cc).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "data_dir.h"
#include "domain/time/calendar_text.h"
#include "domain/time/working_days.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/calendar/calendar_versions.h"
#include "store_session.h"

namespace gongkai::tools {
namespace {

using domain::time::Calendar;
using domain::time::CivilDate;

struct Source {
  std::string file;
  std::string data_dir;  // "" unless --data-dir was given
  std::string agency = default_agency();
};

domain::Result<Calendar> load_base(const std::string& file) {
  if (file.empty()) return domain::time::builtin_calendar();
  std::ifstream in(file);
  if (!in) return domain::not_found("calendar_file_missing", "cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  return domain::time::calendar_from_text(text.str());
}

// The base (built-in or --file) with the store's recorded years when --data-dir was given. The
// store is opened without projections: nothing is appended, nothing needs catching up.
domain::Result<Calendar> load_calendar(const Source& source) {
  auto base = load_base(source.file);
  if (!base.ok() || source.data_dir.empty()) return base;
  const auto directory = store_directory(source.data_dir);
  if (!std::filesystem::exists(directory / "CURRENT")) {
    return domain::not_found("no_store", "no store at " + directory.string());
  }
  auto store = eventstore::RocksDbEventStore::open({.directory = directory, .hooks = {}});
  if (!store.ok()) return store.status();
  auto stored = projections::calendar::load_calendar(**store, source.agency, std::move(*base));
  if (!stored.ok()) return stored.status();
  return std::move(stored->calendar);
}

nlohmann::json dates(const std::vector<CivilDate>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& day : days) out.push_back(day.to_string());
  return out;
}

nlohmann::json listed(const std::vector<domain::time::ListedDay>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& day : days) out.push_back({{"date", day.date.to_string()}, {"name", day.name}});
  return out;
}

void print_workdays_after(const domain::time::WorkdaysAfter& answer, bool as_json) {
  const nlohmann::json line = {{"from", answer.from.to_string()},
                               {"n", answer.n},
                               {"result", answer.result.to_string()},
                               {"holidays_skipped", dates(answer.holidays_skipped)},
                               {"workdays_counted", dates(answer.workdays_counted)},
                               {"weekend_days_skipped", answer.weekend_days_skipped},
                               {"calendar_version", answer.calendar_version},
                               {"calendar_known", answer.calendar_known},
                               {"unknown_years", answer.unknown_years}};
  if (as_json) {
    std::cout << line.dump() << "\n";
    return;
  }
  std::cout << answer.from.to_string() << " 之后第 " << answer.n << " 个工作日: "
            << answer.result.to_string() << "\n"
            << "  跳过节假日 " << answer.holidays_skipped.size() << " 天, 跳过周末 "
            << answer.weekend_days_skipped << " 天, 计入调休上班日 "
            << answer.workdays_counted.size() << " 天\n"
            << "  日历版本 " << answer.calendar_version << "\n";
  if (!answer.calendar_known) {
    std::cout << "  注意: 以下年份没有国务院节假日安排, 按周一至周五计算: "
              << nlohmann::json(answer.unknown_years).dump() << "\n";
  }
}

void print_year(const domain::time::YearOverview& year, bool as_json) {
  const nlohmann::json line = {{"year", year.year},
                               {"known", year.known},
                               {"sources", year.sources},
                               {"holidays", listed(year.holidays)},
                               {"workdays", listed(year.workdays)},
                               {"working_days", year.working_days},
                               {"days_off", year.days_off},
                               {"calendar_version", year.calendar_version}};
  if (as_json) {
    std::cout << line.dump() << "\n";
    return;
  }
  std::cout << year.year << " 年: 工作日 " << year.working_days << " 天, 休息日 " << year.days_off
            << " 天 (日历版本 " << year.calendar_version << ")\n";
  if (!year.known) std::cout << "  没有该年的国务院节假日安排: 按周一至周五计算\n";
  for (const auto& day : year.holidays) {
    std::cout << "  放假 " << day.date.to_string() << " " << day.name << "\n";
  }
  for (const auto& day : year.workdays) {
    std::cout << "  调休上班 " << day.date.to_string() << " " << day.name << "\n";
  }
}

}  // namespace

void add_calendar_command(CLI::App& app, int& exit_code) {
  auto* calendar = app.add_subcommand("calendar", "Ask the working-day calendar (工作日)");
  calendar->require_subcommand(1);
  auto file = std::make_shared<Source>();
  auto as_json = std::make_shared<bool>(false);
  calendar->add_option("--file", file->file,
                       "A calendar text file instead of the built-in 2019-2026");
  calendar->add_option("--data-dir", file->data_dir,
                       "Apply the years recorded in this store (calendar import, PUT /calendar)");
  calendar->add_option("--agency", file->agency,
                       "Agency code (env GONGKAI_AGENCY_CODE, default CJZ)");
  calendar->add_flag("--json", *as_json, "Print one JSON line instead of text");

  auto* show = calendar->add_subcommand("show", "A year's holidays and adjusted working days");
  auto year = std::make_shared<int>(0);
  show->add_option("YEAR", *year, "e.g. 2024")->required()->check(CLI::Range(1900, 2999));
  show->fallthrough();  // --file and --json may follow the subcommand too
  show->callback([&exit_code, file, as_json, year] {
    auto loaded = load_calendar(*file);
    if (!loaded.ok()) {
      std::cerr << "gongkai calendar: " << loaded.status().message() << "\n";
      exit_code = kExitFailed;
      return;
    }
    print_year(domain::time::year_overview(*loaded, *year), *as_json);
  });

  auto* after = calendar->add_subcommand("workdays-after", "The N-th working day after DATE");
  auto date = std::make_shared<std::string>();
  auto n = std::make_shared<int>(0);
  after->add_option("DATE", *date, "YYYY-MM-DD")->required();
  after->add_option("N", *n, "working days, e.g. 20")->required()->check(CLI::Range(0, 3650));
  after->fallthrough();
  after->callback([&exit_code, file, as_json, date, n] {
    const auto from = CivilDate::parse(*date);
    if (!from) {
      std::cerr << "gongkai calendar: DATE must be YYYY-MM-DD, got " << *date << "\n";
      exit_code = kExitUsage;
      return;
    }
    auto loaded = load_calendar(*file);
    if (!loaded.ok()) {
      std::cerr << "gongkai calendar: " << loaded.status().message() << "\n";
      exit_code = kExitFailed;
      return;
    }
    print_workdays_after(domain::time::explain_workdays_after(*loaded, *from, *n), *as_json);
  });

  add_calendar_import_command(*calendar, exit_code);
}

}  // namespace gongkai::tools
