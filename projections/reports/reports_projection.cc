#include "projections/reports/reports_projection.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "eventstore/codec/case_event_codec.h"
#include "projections/cases/json_writer.h"

namespace gongkai::projections::reports {
namespace {

namespace dc = domain::cases;
namespace report = domain::report;
using domain::time::CivilDate;
using nlohmann::json;

std::string year_of(CivilDate date) {
  std::string y = std::to_string(date.year());
  return std::string(y.size() < 4 ? 4 - y.size() : 0, '0') + y;
}

// apply() must not throw (the store would stop): stored values are read without exceptions and
// a damaged one counts as absent.
std::string text(const json& object, const char* field) {
  if (!object.is_object()) {
    return {};
  }
  const auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A case record (the JSON in the header) as plain values: building and dumping an nlohmann tree
// per record was a fifth of a rebuild's applying thread. Values are kept as the stored text, so
// a stored record reads back exactly as it was written.
struct CaseRecord {
  struct Closing {
    std::string on;
    std::string disposition;
  };
  struct Remedy {
    std::string kind;
    std::string outcome;
    std::string on;
  };
  std::string column;  // empty: the case is not registered (as far as the projection knows)
  std::vector<Closing> closings;
  std::map<std::string, Remedy, std::less<>> remedies;  // by reference, in nlohmann's key order

  [[nodiscard]] bool registered() const { return !column.empty(); }

  // A stored record; a damaged one (not an object with column, closings, remedies) is absent.
  static CaseRecord parse(std::string_view stored) {
    CaseRecord out;
    const json record = json::parse(stored, nullptr, false);
    const bool well_formed = record.is_object() && !text(record, "column").empty() &&
                             record.contains("closings") && record["closings"].is_array() &&
                             record.contains("remedies") && record["remedies"].is_object();
    if (!well_formed) return out;
    out.column = text(record, "column");
    for (const json& closing : record["closings"]) {
      out.closings.push_back({text(closing, "on"), text(closing, "disposition")});
    }
    for (const auto& [reference, remedy] : record["remedies"].items()) {
      out.remedies.emplace(reference, Remedy{text(remedy, "kind"), text(remedy, "outcome"),
                                             text(remedy, "on")});
    }
    return out;
  }

  // The same bytes as nlohmann's dump of the record (members in key order).
  [[nodiscard]] std::string dump() const {
    gongkai::projections::json::Writer w;
    w.begin_object().key("closings").begin_array();
    for (const Closing& c : closings) {
      w.begin_object().key("disposition").string(c.disposition).key("on").string(c.on).end_object();
    }
    w.end_array().key("column").string(column).key("remedies").begin_object();
    for (const auto& [reference, r] : remedies) {
      w.key_from_data(reference).begin_object().key("kind").string(r.kind).key("on").string(r.on);
      w.key("outcome").string(r.outcome).end_object();
    }
    w.end_object().end_object();
    return w.take();
  }
};

}  // namespace

// What apply() changed since the last flush(): case records (read once per batch, written once at
// flush) and counter deltas (added to the stored counts at flush).
struct ReportsProjection::Batch {
  struct Record {
    CaseRecord record;
    bool dirty = false;
  };
  std::unordered_map<std::string, Record> records;  // by key "case/<agency>/<id>"
  std::unordered_map<std::string, std::int64_t> deltas;
};

namespace {

// One case as the projection applies an event to it.
class CaseTally {
 public:
  // `batch`: the records and counter changes of the batch so far (loaded from `state` once).
  CaseTally(const StateWriter& state, ReportsProjection::Batch& batch, std::string_view case_id)
      : batch_(batch), agency_(agency_of_case(case_id)) {
    auto [slot, added] = batch.records.try_emplace(case_records_prefix(agency_) + std::string(case_id));
    slot_ = &slot->second;
    if (added) {
      if (auto stored = state.get(slot->first)) slot_->record = CaseRecord::parse(*stored);
    }
  }

  void operator()(const dc::CaseRegistered& e) {
    if (record_().registered()) {
      return;  // the decider refuses a second registration; a replayed one changes nothing
    }
    record_() = CaseRecord{};
    record_().column = report::applicant_type_name(e.applicant.type);
    count(e.received_on, "new", 1);
    save();
  }
  void operator()(const dc::ReplyIssued& e) { close(e.served_on, e.disposition); }
  void operator()(const dc::ApplicationWithdrawn& e) {
    close(e.received_on, report::Disposition::other_other);
  }
  void operator()(const dc::CorrectionLapsed& e) {
    close(e.closed_on, report::Disposition::other_correction_lapsed);
  }
  void operator()(const dc::FeeLapsed& e) {
    close(e.closed_on, report::Disposition::other_fee_lapsed);
  }
  void operator()(const dc::CorrectionReceived& e) {
    if (e.voids_lapse) {
      void_last_closing();
    }
  }
  void operator()(const dc::FeePaid& e) {
    if (e.voids_lapse) {
      void_last_closing();
    }
  }
  void operator()(const dc::CaseReopened& e) {
    if (!record_().registered()) {
      return;
    }
    count(e.decided_on, "reopened", 1);
    // A reopening ordered by a reconsideration or a court corrected the agency: table 四 counts
    // it as 纠正 of that proceeding (the reference), unless a remedy of that reference says more.
    if (e.basis != dc::ReopenBasis::self_correction) {
      dc::RemedyKind kind = dc::RemedyKind::reconsideration;
      if (e.basis == dc::ReopenBasis::litigation) {
        kind = reconsidered() ? dc::RemedyKind::litigation_after_reconsideration
                              : dc::RemedyKind::litigation;
      }
      if (const CaseRecord::Remedy* known = remedy(e.reference)) {
        kind = dc::parse_remedy_kind(known->kind).value_or(kind);
      }
      record_remedy(e.reference, kind, dc::RemedyOutcome::corrected, e.decided_on);
    }
    save();
  }
  void operator()(const dc::RemedyRecorded& e) {
    if (!record_().registered()) {
      return;
    }
    record_remedy(e.reference, e.kind, e.outcome, e.decided_on);
    save();
  }
  template <typename Other>
  void operator()(const Other& /*unused*/) {}

 private:
  void count(CivilDate on, std::string_view row, std::int64_t delta) {
    batch_.deltas[counters_prefix(agency_) + year_of(on) + "/" + std::string(row) + "/" +
                  record_().column] += delta;
  }
  void count_remedy(CivilDate on, dc::RemedyKind kind, std::string_view what, std::int64_t delta) {
    batch_.deltas[remedies_prefix(agency_) + year_of(on) + "/" +
                  std::string(dc::remedy_kind_name(kind)) + "/" + std::string(what)] += delta;
  }

  void close(CivilDate on, report::Disposition disposition) {
    if (!record_().registered()) {
      return;
    }
    const std::string code(report::disposition_code(disposition));
    record_().closings.push_back({on.to_string(), code});
    count(on, code, 1);
    save();
  }

  // A late fact voided the timer's lapse: its closing never happened (mirrors evolve).
  void void_last_closing() {
    if (!record_().registered() || record_().closings.empty()) {
      return;
    }
    const CaseRecord::Closing last = std::move(record_().closings.back());
    record_().closings.pop_back();
    if (const auto on = CivilDate::parse(last.on)) {
      count(*on, last.disposition, -1);
    }
    save();
  }

  [[nodiscard]] bool reconsidered() const {
    for (const auto& [reference, r] : record_().remedies) {
      (void)reference;
      if (r.kind == dc::remedy_kind_name(dc::RemedyKind::reconsideration)) {
        return true;
      }
    }
    return false;
  }
  [[nodiscard]] const CaseRecord::Remedy* remedy(const std::string& reference) const {
    const auto& remedies = record_().remedies;
    const auto it = remedies.find(reference);
    return it == remedies.end() ? nullptr : &it->second;
  }

  // One remedy (a proceeding, named by its reference) is counted once: in the year it was decided
  // with its latest outcome, or as pending from the year it was recorded pending until decided.
  void record_remedy(const std::string& reference, dc::RemedyKind kind, dc::RemedyOutcome outcome,
                     CivilDate on) {
    if (const CaseRecord::Remedy* previous = remedy(reference)) {
      const auto old_kind = dc::parse_remedy_kind(previous->kind);
      const auto old_on = CivilDate::parse(previous->on);
      const std::string old_outcome = previous->outcome;
      if (old_kind && old_on) {
        if (old_outcome == dc::remedy_outcome_name(dc::RemedyOutcome::pending)) {
          if (outcome == dc::RemedyOutcome::pending && *old_kind == kind) {
            return;  // still pending: nothing changes
          }
          count_remedy(on, *old_kind, "pending_closed", 1);
        } else {
          count_remedy(*old_on, *old_kind, old_outcome, -1);
        }
      }
    }
    if (outcome == dc::RemedyOutcome::pending) {
      count_remedy(on, kind, "pending_opened", 1);
    } else {
      count_remedy(on, kind, dc::remedy_outcome_name(outcome), 1);
    }
    record_().remedies[reference] =
        CaseRecord::Remedy{std::string(dc::remedy_kind_name(kind)),
                           std::string(dc::remedy_outcome_name(outcome)), on.to_string()};
  }

  void save() { slot_->dirty = true; }
  CaseRecord& record_() { return slot_->record; }
  [[nodiscard]] const CaseRecord& record_() const { return slot_->record; }

  ReportsProjection::Batch& batch_;
  std::string agency_;
  ReportsProjection::Batch::Record* slot_ = nullptr;
};

}  // namespace

void add_to_count(StateWriter& state, const std::string& key, std::int64_t delta) {
  std::int64_t value = 0;
  if (auto current = state.get(key)) {
    std::from_chars(current->data(), current->data() + current->size(), value);
  }
  value += delta;
  if (value == 0) {
    state.remove(key);
  } else {
    state.put(key, std::to_string(value));
  }
}

std::string agency_of_case(std::string_view case_id) {
  const auto last = case_id.rfind('-');
  if (last == std::string_view::npos || last == 0) {
    return std::string(case_id);
  }
  const auto before = case_id.rfind('-', last - 1);
  if (before == std::string_view::npos) {
    return std::string(case_id);
  }
  return std::string(case_id.substr(0, before));
}

std::string case_records_prefix(std::string_view agency) {
  return "case/" + std::string(agency) + "/";
}
std::string counters_prefix(std::string_view agency) {
  return "count/" + std::string(agency) + "/";
}
std::string remedies_prefix(std::string_view agency) {
  return "remedy/" + std::string(agency) + "/";
}

void ReportsProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  // Only these types change a count; the others are not even decoded.
  static constexpr std::array kCounted{
      dc::CaseRegistered::kType,   dc::ReplyIssued::kType,  dc::ApplicationWithdrawn::kType,
      dc::CorrectionLapsed::kType, dc::FeeLapsed::kType,    dc::CorrectionReceived::kType,
      dc::FeePaid::kType,          dc::CaseReopened::kType, dc::RemedyRecorded::kType};
  bool counted = false;
  for (const std::string_view type : kCounted) {
    counted = counted || event.type == type;
  }
  if (!counted) {
    return;
  }
  if (feed_) {
    const dc::CaseEvent* decoded = feed_->decode(event);
    if (decoded == nullptr) return;  // not a case event it could decode
    CaseTally tally(state, *batch_, dc::event_base(*decoded).case_id);
    std::visit(tally, *decoded);
    return;
  }
  auto decoded = eventstore::codec::decode_case_event(event);
  if (!decoded.ok()) {
    return;  // the store refuses to open on an undecodable event; nothing to count here
  }
  CaseTally tally(state, *batch_, dc::event_base(*decoded).case_id);
  std::visit(tally, *decoded);
}

ReportsProjection::ReportsProjection() : batch_(std::make_unique<Batch>()) {}
ReportsProjection::ReportsProjection(std::shared_ptr<CaseFeed> feed)
    : feed_(std::move(feed)), batch_(std::make_unique<Batch>()) {}
ReportsProjection::~ReportsProjection() = default;

void ReportsProjection::flush(StateWriter& state) {
  for (const auto& [key, record] : batch_->records) {
    if (record.dirty) state.put(key, record.record.dump());
  }
  for (const auto& [key, delta] : batch_->deltas) {
    if (delta != 0) add_to_count(state, key, delta);
  }
  batch_->records.clear();
  batch_->deltas.clear();
  if (feed_) feed_->end_batch();
}

void ReportsProjection::flush_rebuild(StateWriter& state, bool last) {
  if (last || batch_->records.size() >= kHeldBackRecords) {
    flush(state);
  } else if (feed_) {
    feed_->end_batch();
  }
}

}  // namespace gongkai::projections::reports
