#include "projections/reports/supervisor_summary.h"

#include <cmath>
#include <list>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/cases/case_clocks.h"
#include "domain/cases/case_state.h"
#include "domain/time/working_days.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/projection_host.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections::reports {
namespace {

namespace dc = domain::cases;
namespace codec = eventstore::codec;

constexpr std::size_t kPage = 512;
// Beyond this many new events since the last summary, each case's stream version is looked up
// instead of reading them all.
constexpr std::uint64_t kMaxLogGap = 10'000;

// What the summary keeps of every case between requests: not its CaseState (a few hundred bytes
// to kilobytes, and the server's cases only grow), but what the counts need, about 100 bytes. A
// case with new events is folded again (from HotStates when it is there, else from its first
// event); an open case also when asked for another day or calendar, since only the folded state
// can say whether it is overdue.
struct Folded {
  std::int64_t version = 0;  // events folded (up to the head of the request that folded them)
  dc::Stage stage = dc::Stage::none;
  std::string department;  // open cases: the department holding it ("unassigned" when none)
  bool overdue = false;    // open cases, on `overdue_for`'s date and calendar
  std::uint32_t overdue_for = 0;  // the Cases::clock_key generation `overdue` was computed for
  // (start, service) dates of each reply served; the working days between them are counted per
  // request, with the calendar then in force.
  std::vector<std::pair<domain::time::CivilDate, domain::time::CivilDate>> replies;
};

// The full states of the cases a summary had to fold more than once (cases being worked on),
// the least recently used out beyond kHotCases: their next fold reads only their new events.
// Cases folded once (a registration nobody touched since) are not kept.
class HotStates {
 public:
  static constexpr std::size_t kHotCases = 2'048;

  dc::CaseState* find(const std::string& case_id) {
    const auto found = index_.find(case_id);
    if (found == index_.end()) {
      return nullptr;
    }
    order_.splice(order_.begin(), order_, found->second);
    return &found->second->second;
  }
  void put(const std::string& case_id, dc::CaseState state) {
    if (dc::CaseState* kept = find(case_id)) {
      *kept = std::move(state);
      return;
    }
    order_.emplace_front(case_id, std::move(state));
    index_[case_id] = order_.begin();
    if (order_.size() > kHotCases) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
  void clear() {
    index_.clear();
    order_.clear();
  }

 private:
  std::list<std::pair<std::string, dc::CaseState>> order_;  // most recently used first
  std::unordered_map<std::string, std::list<std::pair<std::string, dc::CaseState>>::iterator>
      index_;
};

// Folds the case's events after `state.version` up to the log position `head` onto `state`, and
// sets `folded` from it (replies served by those events are added to `folded.replies`).
domain::Status fold_case(const eventstore::EventStore& store, const std::string& case_id,
                         std::uint64_t head, domain::time::CivilDate as_of,
                         const domain::time::Calendar& calendar, std::uint32_t clock_key,
                         dc::CaseState& state, Folded& folded) {
  const std::string stream = codec::case_stream(case_id);
  auto& replies = folded.replies;
  for (bool more = true; more;) {
    const auto from = static_cast<std::uint64_t>(state.version) + 1;
    auto page = store.read_stream_forward(stream, from, kPage);
    if (!page.ok()) {
      return page.status();
    }
    more = page->size() == kPage;
    for (const eventstore::RecordedEvent& recorded : *page) {
      if (recorded.position > head) {
        more = false;
        break;
      }
      auto event = codec::decode_case_event(recorded);
      if (!event.ok()) {
        return event.status();
      }
      if (const auto* issued = std::get_if<dc::ReplyIssued>(&*event)) {
        replies.emplace_back(state.reopen ? state.reopen->decided_on : state.received_on,
                             issued->served_on);
      }
      dc::evolve(state, *event);
    }
  }
  folded.version = state.version;
  folded.stage = state.stage;
  folded.department.clear();
  folded.overdue = false;
  if (dc::is_open(state.stage)) {
    folded.department = state.department.value_or("unassigned");
    folded.overdue = dc::reply_clock_view(state, as_of, calendar).overdue;
  }
  folded.overdue_for = clock_key;
  return {};
}

// Brings `folded` up to `head`: a point lookup (bloom-filtered) says whether the case has new
// events; a closed case's counts do not depend on the date or the calendar.
domain::Status refresh(const eventstore::EventStore& store, const std::string& case_id,
                       std::uint64_t head, domain::time::CivilDate as_of,
                       const domain::time::Calendar& calendar, std::uint32_t clock_key,
                       HotStates& hot, Folded& folded) {
  auto version = store.stream_version(codec::case_stream(case_id));
  if (!version.ok()) {
    return version.status();
  }
  const bool unchanged = *version == static_cast<std::uint64_t>(folded.version);
  if (unchanged && (!dc::is_open(folded.stage) || folded.overdue_for == clock_key)) {
    return {};
  }
  if (dc::CaseState* kept = hot.find(case_id); kept != nullptr && kept->version == folded.version) {
    return fold_case(store, case_id, head, as_of, calendar, clock_key, *kept, folded);
  }
  const bool folded_before = folded.version > 0;
  dc::CaseState state;
  folded.replies.clear();
  auto status = fold_case(store, case_id, head, as_of, calendar, clock_key, state, folded);
  if (status.ok() && folded_before) {
    hot.put(case_id, std::move(state));
  }
  return status;
}

// The case ids with events at positions (after, head]: the cases whose folds a summary synced
// at `after` must bring up to date; the others it may count as they are.
domain::Result<std::unordered_set<std::string>> cases_with_events(
    const eventstore::EventStore& store, std::uint64_t after, std::uint64_t head) {
  const std::string stream_prefix = codec::case_stream("");
  std::unordered_set<std::string> touched;
  std::vector<eventstore::RecordedEvent> page;
  for (std::uint64_t from = after + 1; from <= head; from += kPage) {
    if (auto status = store.read_all(from, kPage, page); !status.ok()) {
      return status;
    }
    for (const eventstore::RecordedEvent& event : page) {
      if (event.position <= head && event.stream.starts_with(stream_prefix)) {
        touched.insert(event.stream.substr(stream_prefix.size()));
      }
    }
    if (page.size() < kPage) {
      break;
    }
  }
  return touched;
}

// Adds one folded case to the summary's counts and its replies' working days to `reply_days`.
void count(const Folded& folded, const domain::time::Calendar& calendar, SupervisorSummary& out,
           std::int64_t& reply_days) {
  ++out.cases;
  ++out.by_stage[std::string(dc::stage_name(folded.stage))];
  if (dc::is_open(folded.stage)) {
    ++out.by_department[folded.department];
    if (folded.overdue) {
      ++out.overdue;
    }
  }
  for (const auto& [start, served_on] : folded.replies) {
    ++out.replies;
    reply_days += domain::time::working_days_between(calendar, start, served_on);
  }
}

}  // namespace

struct SummaryFolds::Cases {
  std::unordered_map<std::string, Folded> by_id;
  HotStates hot;
  // Which (as_of, calendar) the open cases' `overdue` were computed for: a generation number, so
  // that each entry holds 4 bytes instead of a date and a fingerprint.
  domain::time::CivilDate clock_as_of;
  std::string clock_calendar;
  std::uint32_t clock_key = 0;
  // The last summary and what it was asked with (agency, as_of, calendar fingerprint).
  std::optional<SupervisorSummary> last;
  std::string last_calendar;
  // Every case of `synced_agency` in by_id was folded up to the log position `synced_position` by
  // the last complete summary for it: the next one looks up only the cases with events since.
  std::string synced_agency;
  std::uint64_t synced_position = 0;
};

SummaryFolds::SummaryFolds() : cases_(std::make_unique<Cases>()) {}
SummaryFolds::~SummaryFolds() = default;

domain::Result<SupervisorSummary> supervisor_summary(const eventstore::EventStore& store,
                                                     std::string_view agency,
                                                     domain::time::CivilDate as_of,
                                                     const domain::time::Calendar& calendar,
                                                     SummaryFolds* folds) {
  SummaryFolds own;
  SummaryFolds& cache = folds != nullptr ? *folds : own;
  // Everything committed before this request arrived must be counted; a summary computed after
  // that (while this request waited for its turn) already does, so requests arriving together
  // share one computation instead of queueing one after another.
  const std::uint64_t head_on_arrival = store.head_position();
  // Held throughout: the head read below never goes back, so no cached fold is past it.
  const std::lock_guard lock(cache.mutex_);
  auto& last = cache.cases_->last;
  if (last && last->as_of_position >= head_on_arrival && last->agency == agency &&
      last->as_of == as_of && cache.cases_->last_calendar == calendar.fingerprint()) {
    return *last;
  }
  auto& cases = cache.cases_->by_id;
  if (cases.size() >= SummaryFolds::kMaxCases) {
    cases.clear();
    cache.cases_->hot.clear();
    cache.cases_->synced_position = 0;
  }
  const std::string fingerprint = calendar.fingerprint();
  if (cache.cases_->clock_key == 0 || cache.cases_->clock_as_of != as_of ||
      cache.cases_->clock_calendar != fingerprint) {
    cache.cases_->clock_as_of = as_of;
    cache.cases_->clock_calendar = fingerprint;
    ++cache.cases_->clock_key;
  }
  const std::uint32_t clock_key = cache.cases_->clock_key;
  SupervisorSummary out;
  out.agency = std::string(agency);
  out.as_of = as_of;
  out.as_of_position = store.head_position();
  const std::string prefix =
      ProjectionHost::state_prefix(kReportsProjection) + case_records_prefix(agency);
  std::optional<std::unordered_set<std::string>> touched;
  const std::uint64_t synced = cache.cases_->synced_position;
  if (synced > 0 && cache.cases_->synced_agency == agency &&
      out.as_of_position - synced <= kMaxLogGap) {
    auto read = cases_with_events(store, synced, out.as_of_position);
    if (!read.ok()) {
      return read.status();
    }
    touched = std::move(*read);
  }
  std::int64_t reply_days = 0;
  // The agency's cases in chunks: what a summary holds at once stays the same however many cases
  // the store has (the soak registers ~85 a second).
  std::string after;
  for (bool more = true; more;) {
    auto records = store.scan_state_after(prefix, after, SummaryFolds::kScanChunk);
    if (!records.ok()) {
      return records.status();
    }
    more = records->size() == SummaryFolds::kScanChunk;
    for (const auto& record : *records) {
      after = record.first.substr(prefix.size());
      Folded& folded = cases[after];
      const bool current = touched && folded.version > 0 && !touched->contains(after) &&
                           (!dc::is_open(folded.stage) || folded.overdue_for == clock_key);
      if (auto status = current ? domain::Status::ok_status()
                                : refresh(store, after, out.as_of_position, as_of, calendar,
                                          clock_key, cache.cases_->hot, folded);
          !status.ok()) {
        cases.erase(after);
        return status;
      }
      if (folded.stage == dc::Stage::none) {
        continue;  // registered after the head was read
      }
      count(folded, calendar, out, reply_days);
    }
  }
  if (out.replies > 0) {
    const double average = static_cast<double>(reply_days) / static_cast<double>(out.replies);
    out.average_working_days_to_reply = std::round(average * 100.0) / 100.0;
  }
  last = out;
  cache.cases_->last_calendar = fingerprint;
  cache.cases_->synced_agency = std::string(agency);
  cache.cases_->synced_position = out.as_of_position;
  return out;
}

std::string to_json(const SupervisorSummary& summary) {
  using nlohmann::ordered_json;
  ordered_json out;
  out["agency"] = summary.agency;
  out["as_of"] = summary.as_of.to_string();
  out["cases"] = summary.cases;
  out["by_stage"] = ordered_json::object();
  for (const auto& [stage, count] : summary.by_stage) {
    out["by_stage"][stage] = count;
  }
  out["by_department"] = ordered_json::object();
  for (const auto& [department, count] : summary.by_department) {
    out["by_department"][department] = count;
  }
  out["overdue"] = summary.overdue;
  out["replies"] = summary.replies;
  out["average_working_days_to_reply"] = nullptr;
  if (summary.average_working_days_to_reply) {
    out["average_working_days_to_reply"] = *summary.average_working_days_to_reply;
  }
  out["as_of_position"] = summary.as_of_position;
  return out.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace gongkai::projections::reports
