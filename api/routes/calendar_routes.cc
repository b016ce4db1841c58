// The calendar (API.md, Sessions and people): GET /calendar/{year} (any user) answers the year's
// arrangement in force; PUT /calendar/{year} (admin) records a new version of the year as
// `calendar.year_set.v1` in calendar-<agency> (projections/calendar/calendar_versions.h) and puts
// the new calendar in force at once, so the next command's clocks count with it.
//
// Answer: {year, known, holidays:[date], workdays:[date], source, sources, origin ("builtin" |
// "recorded"), recorded_by, recorded_at (recorded only), calendar_version ("r<rev>-<fp>"),
// calendar_revision, recorded_versions (events in calendar-<agency>)}; PUT adds `position`.
// A year without an arrangement is 200 with known=false (clocks fall back to Monday-Friday).
//
// Refusals: a year that is not 4 digits 400 invalid_year; a date that is not a real YYYY-MM-DD
// 400 invalid_field naming holidays[i] / workdays[i]; what validate_arrangement refuses (a date
// outside the year, listed twice, a workday that is not a weekend day) 400 calendar_invalid.
#include <charconv>
#include <memory>
#include <mutex>

#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "domain/time/calendar_text.h"
#include "eventstore/codec/record_codec.h"
#include "projections/calendar/calendar_versions.h"

namespace gongkai::api::routes {

namespace {

namespace pc = projections::calendar;
using domain::policy::Role;
using domain::time::CivilDate;
using domain::time::YearArrangement;

std::optional<int> year_of(const std::string& text) {
  int year = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return year;
}

http::HttpResponse invalid_year() {
  return http::problem(400, "invalid_year", "the year is four digits, e.g. 2021",
                       {{"year", "must be four digits"}});
}

json year_json(const pc::StoredCalendar& stored, int year) {
  const auto& calendar = stored.calendar;
  json holidays = json::array();
  json workdays = json::array();
  json sources = json::array();
  const YearArrangement* arrangement = calendar.arrangement(year);
  if (arrangement != nullptr) {
    for (const auto& day : arrangement->holidays) holidays.push_back(day.date.to_string());
    for (const auto& day : arrangement->workdays) workdays.push_back(day.date.to_string());
    for (const auto& source : arrangement->sources) sources.push_back(source);
  }
  json out = {{"year", year},
              {"known", arrangement != nullptr},
              {"holidays", holidays},
              {"workdays", workdays},
              {"source", sources.empty() ? json(nullptr) : sources.front()},
              {"sources", sources},
              {"origin", arrangement == nullptr ? "none" : "builtin"},
              {"calendar_version", calendar.version()},
              {"calendar_revision", calendar.revision()},
              {"recorded_versions", stored.stream_version}};
  if (auto it = stored.recorded.find(year); it != stored.recorded.end()) {
    out["origin"] = "recorded";
    out["recorded_by"] = it->second.by.id;
    out["recorded_at"] = eventstore::codec::format_instant(it->second.at);
  }
  return out;
}

domain::Result<pc::StoredCalendar> stored_calendar(const app::ServerContext& context) {
  auto base = domain::time::builtin_calendar();
  if (!base.ok()) return base.status();
  return pc::load_calendar(context.store(), context.config().agency_code, std::move(*base));
}

http::HttpResponse get_year(app::ServerContext& context, http::RequestContext& ctx) {
  const auto year = year_of(ctx.param("year"));
  if (!year) return invalid_year();
  auto stored = stored_calendar(context);
  if (!stored.ok()) return http::problem_from(stored.status());
  return json_ok(year_json(*stored, *year));
}

std::vector<domain::time::ListedDay> read_days(const std::vector<std::string>& texts,
                                               const std::string& field,
                                               http::FieldReader& reader) {
  std::vector<domain::time::ListedDay> days;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto date = CivilDate::parse(texts[i]);
    if (!date) {
      reader.add_error(field + "[" + std::to_string(i) + "]", "must be a real YYYY-MM-DD date");
      continue;
    }
    days.push_back({*date, ""});
  }
  return days;
}

// One PUT at a time: the version read, the append and set_calendar happen in order, so the
// calendar in force is always the one the log's last version says.
http::HttpResponse put_year(app::ServerContext& context, http::RequestContext& ctx,
                            std::mutex& writing) {
  const auto year = year_of(ctx.param("year"));
  if (!year) return invalid_year();
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  const auto holiday_texts = reader.string_list("holidays", 366, 10);
  const auto workday_texts = reader.string_list("workdays", 120, 10);
  const std::string source = reader.string("source", 2000);
  YearArrangement arrangement;
  arrangement.year = *year;
  arrangement.sources = {source};
  arrangement.holidays = read_days(holiday_texts, "holidays", reader);
  arrangement.workdays = read_days(workday_texts, "workdays", reader);
  if (auto problem = reader.finish()) return *problem;
  if (auto valid = domain::time::validate_arrangement(arrangement); !valid.ok()) {
    return http::problem(400, valid.reason(), valid.message());
  }

  std::lock_guard lock(writing);
  auto stored = stored_calendar(context);
  if (!stored.ok()) return http::problem_from(stored.status());
  auto next = stored->calendar.with_year(arrangement);
  if (!next.ok()) return http::problem(400, next.status().reason(), next.status().message());
  auto appended = pc::record_year(context.store(), context.config().agency_code, arrangement,
                                  ctx.user().as(Role::admin).ref(), ctx.now,
                                  stored->stream_version, ctx.correlation_id);
  if (!appended.ok()) return http::problem_from(appended.status());
  context.cases().set_calendar(*next);
  stored->calendar = std::move(*next);
  stored->stream_version = appended->stream_version;
  stored->recorded[*year] = {ctx.user().as(Role::admin).ref(), ctx.now, appended->last_position,
                             appended->stream_version};
  json out = year_json(*stored, *year);
  out["position"] = appended->last_position;
  return json_ok(out);
}

}  // namespace

void add_calendar_routes(http::Router& router, app::ServerContext& context) {
  auto writing = std::make_shared<std::mutex>();
  router.add({.method = "GET",
              .pattern = "/api/v1/calendar/{year}",
              .operation_id = "get_calendar_year",
              .summary = "A year's holidays and adjusted working days, with the calendar version",
              .access = http::Access::any_user,
              .roles = {},
              .handler = [&context](http::RequestContext& ctx) { return get_year(context, ctx); },
              .takes_body = false});
  router.add({.method = "PUT",
              .pattern = "/api/v1/calendar/{year}",
              .operation_id = "put_calendar_year",
              .summary = "Record a new version of a year's arrangement; it is in force at once",
              .access = http::Access::roles,
              .roles = {Role::admin},
              .handler =
                  [&context, writing](http::RequestContext& ctx) {
                    return put_year(context, ctx, *writing);
                  },
              .takes_body = true});
}

}  // namespace gongkai::api::routes
