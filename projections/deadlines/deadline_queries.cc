#include "projections/deadlines/deadline_queries.h"

#include <algorithm>
#include <functional>

#include "domain/time/working_days.h"
#include "projections/cases/view_json.h"
#include "projections/paging.h"

namespace gongkai::projections {
namespace {

using domain::time::CivilDate;
using json::Json;

constexpr std::string_view kDuePrefix = "deadlines/due/";

// Reads every index entry in due-date order and hands each (parsed, with its due date) to `visit`.
domain::Status for_each_entry(const eventstore::EventStore& store,
                              const std::function<void(const Json&, CivilDate)>& visit) {
  auto entries = scan_all(store, kDuePrefix);
  if (!entries.ok()) {
    return entries.status();
  }
  for (const auto& [key, value] : *entries) {
    try {
      auto entry = json::parse_object(value);
      const auto due = entry ? json::date_from(entry->at("due_on")) : std::nullopt;
      if (!due) {
        throw std::invalid_argument("not an entry with a due date");
      }
      visit(*entry, *due);
    } catch (const std::exception& e) {
      return corrupt_state(kDuePrefix, key, e);
    }
  }
  return {};
}

bool in_department(const Json& entry, const std::optional<std::string>& department) {
  if (!department) {
    return true;
  }
  const Json& value = entry.at("department");
  return value.is_string() && value.get<std::string>() == *department;
}

Json item(const Json& entry) {
  Json out = Json::object();
  for (const char* field : {"case_id", "clock", "due_on", "stage", "department", "handler"}) {
    out[field] = entry.at(field);
  }
  return out;
}

// Working days W with today <= W <= due_on; the reply clock leaves out its paused days.
int working_days_left(const Json& entry, CivilDate today, CivilDate due_on,
                      const domain::time::Calendar& calendar) {
  if (entry.contains("clock_basis")) {
    const auto view = clock_on(json::basis_from(entry.at("clock_basis")), today, calendar);
    return view.working_days_left.value_or(0);
  }
  return today > due_on ? 0 : domain::time::working_days_between(calendar, today.prev(), due_on);
}

}  // namespace

domain::Result<std::string> DeadlineQueries::due_soon(
    int within, CivilDate today, const std::optional<std::string>& department) const {
  if (within < 0) {
    return domain::invalid_argument("within_invalid", "within must not be negative");
  }
  Json items = Json::array();
  auto status = for_each_entry(store_, [&](const Json& entry, CivilDate due) {
    if (due < today || !in_department(entry, department)) {
      return;
    }
    const int left = working_days_left(entry, today, due, calendar_);
    if (left > within) {
      return;
    }
    Json out = item(entry);
    out["working_days_left"] = left;
    items.push_back(std::move(out));
  });
  if (!status.ok()) {
    return status;
  }
  return json::dump(Json{{"items", std::move(items)}});
}

domain::Result<std::string> DeadlineQueries::overdue(
    CivilDate as_of, const std::optional<std::string>& department) const {
  Json items = Json::array();
  auto status = for_each_entry(store_, [&](const Json& entry, CivilDate due) {
    if (due >= as_of || entry.at("clock") != "reply" || !in_department(entry, department)) {
      return;
    }
    Json out = item(entry);
    out["days_overdue"] = as_of.days_since_epoch() - due.days_since_epoch();
    out["working_days_overdue"] = domain::time::working_days_between(calendar_, due, as_of);
    items.push_back(std::move(out));
  });
  if (!status.ok()) {
    return status;
  }
  return json::dump(Json{{"items", std::move(items)}});
}

domain::Result<std::vector<std::string>> DeadlineQueries::cases_needing_timer(
    domain::time::Instant now, int warn_within) const {
  const CivilDate today = domain::time::date_of(now);
  std::vector<std::string> cases;
  auto status = for_each_entry(store_, [&](const Json& entry, CivilDate due) {
    bool needed = today > due;  // a lapse, or a reply deadline missed
    if (entry.at("clock") == "reply") {
      const bool missed = entry.at("missed").get<bool>();
      const bool warned = entry.at("warned").get<bool>();
      needed =
          (needed && !missed) || (today <= due && !warned &&
                                  working_days_left(entry, today, due, calendar_) <= warn_within);
    }
    if (needed) {
      cases.push_back(entry.at("case_id").get<std::string>());
    }
  });
  if (!status.ok()) {
    return status;
  }
  std::sort(cases.begin(), cases.end());
  cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
  return cases;
}

}  // namespace gongkai::projections
