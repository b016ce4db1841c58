// QueueQueries: the read side of the "queues" projection (API.md `GET /queue`): a department's or
// a handler's open cases, ordered by reply due date (overdue first, paused last), each with the
// clock as of the caller's `today`. Reads through `const EventStore&`; answers JSON strings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/status.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"
#include "eventstore/event_store.h"

namespace gongkai::projections {

// Whose queue: a department code or a handler's user id.
struct QueueOwner {
  enum class Kind { department, handler };
  Kind kind = Kind::department;
  std::string id;

  static QueueOwner department(std::string code) { return {Kind::department, std::move(code)}; }
  static QueueOwner handler(std::string user_id) { return {Kind::handler, std::move(user_id)}; }
};

// One entry of a queue: its JSON object as `queue` writes it, and what a caller merging several
// queues needs to know of it without parsing that text again.
struct QueueItem {
  std::string id;
  std::string department;
  std::string reply_due_on;  // YYYY-MM-DD; empty when the due date is not known
  std::string json;
};

struct QueuePage {
  std::vector<QueueItem> items;
  std::optional<std::string> next_cursor;
};

class QueueQueries {
 public:
  QueueQueries(const eventstore::EventStore& store, const domain::time::Calendar& calendar)
      : store_(store), calendar_(calendar) {}

  // `{"items": [{id, stage, department, handler, received_on, status, reply_due_on,
  // working_days_left, due_soon, overdue, paused_by}], "next_cursor": ... | null}`.
  // limit 0 means 50, above 500 is invalid_argument "limit_invalid"; an empty owner id is
  // invalid_argument "queue_owner_required".
  [[nodiscard]] domain::Result<std::string> queue(const QueueOwner& owner,
                                                  domain::time::CivilDate today, std::size_t limit,
                                                  std::string_view cursor) const;
  // The same page with each item's text apart; `queue` is this page written out.
  [[nodiscard]] domain::Result<QueuePage> queue_page(const QueueOwner& owner,
                                                     domain::time::CivilDate today,
                                                     std::size_t limit,
                                                     std::string_view cursor) const;

 private:
  const eventstore::EventStore& store_;
  // Referenced, not copied: a copy of every year's arrangement cost each request its own
  // allocations (2 % of a queue read's CPU). The caller keeps the calendar alive.
  const domain::time::Calendar& calendar_;
};

}  // namespace gongkai::projections
