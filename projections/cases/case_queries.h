// CaseQueries: the read side of the "cases" projection (API.md `GET /cases/{id}` and
// `GET /cases?...`). Reads only through `const EventStore&` (get_state / scan_state) and answers
// JSON bodies as strings, so that callers need no JSON library; the reply clock is computed for
// the `today` the caller passes (the agency's date of the request), never stored.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"
#include "eventstore/event_store.h"

namespace gongkai::projections {

// API.md's list filters; an empty optional does not filter.
struct CaseFilters {
  std::optional<std::string> stage = std::nullopt;
  std::optional<std::string> department = std::nullopt;
  std::optional<std::string> handler = std::nullopt;
  std::optional<domain::time::CivilDate> received_from = std::nullopt;  // inclusive
  std::optional<domain::time::CivilDate> received_to = std::nullopt;    // inclusive
  std::optional<bool> overdue = std::nullopt;                           // as of `today`
  std::optional<std::string> q =
      std::nullopt;  // substring of the description or the applicant's name
};

class CaseQueries {
 public:
  CaseQueries(const eventstore::EventStore& store, const domain::time::Calendar& calendar)
      : store_(store), calendar_(calendar) {}

  // The case as API.md shows it, with `clock` as of `today`. not_found "case_not_found".
  [[nodiscard]] domain::Result<std::string> get(std::string_view case_id,
                                                domain::time::CivilDate today) const;

  // `{"items": [summary...], "next_cursor": "..." | null}` in case-number order. A summary is the
  // case without consultations, fee, review and archive. limit 0 means 50; above 500 is
  // invalid_argument "limit_invalid". `shown` (if given) says whether the asker may see a case: a
  // case the filters pass still takes its place on the page, so that pages and cursors are the
  // same for everyone, but is left out of `items` when `shown` says no (API.md allows short pages).
  using ShownPredicate = std::function<bool(const std::string& case_id)>;
  [[nodiscard]] domain::Result<std::string> list(const CaseFilters& filters,
                                                 domain::time::CivilDate today, std::size_t limit,
                                                 std::string_view cursor,
                                                 const ShownPredicate& shown = {}) const;

 private:
  const eventstore::EventStore& store_;
  // Referenced, not copied: a copy of every year's arrangement cost each request its own
  // allocations (2 % of a queue read's CPU). The caller keeps the calendar alive.
  const domain::time::Calendar& calendar_;
};

}  // namespace gongkai::projections
