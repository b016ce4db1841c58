#include "projections/reports/summary_projection.h"

#include <variant>

#include "domain/cases/case_state.h"
#include "projections/cases/case_folds.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections::reports {
namespace {

namespace dc = domain::cases;

// What the counts hold of one case: its stage, and its department while it is open.
struct Counted {
  std::string stage;
  std::string department;  // empty: not open (no department count)

  [[nodiscard]] std::string dump() const { return stage + "\n" + department; }
  static Counted parse(std::string_view stored) {
    const auto newline = stored.find('\n');
    if (newline == std::string_view::npos) return {};  // damaged: counted as never seen
    return {std::string(stored.substr(0, newline)), std::string(stored.substr(newline + 1))};
  }
};

Counted counted_now(const dc::CaseState& state) {
  if (state.stage == dc::Stage::none) return {};
  Counted out{std::string(dc::stage_name(state.stage)), {}};
  if (dc::is_open(state.stage)) out.department = state.department.value_or("unassigned");
  return out;
}

}  // namespace

std::string stage_counts_prefix(std::string_view agency) {
  return "stage/" + std::string(agency) + "/";
}
std::string department_counts_prefix(std::string_view agency) {
  return "department/" + std::string(agency) + "/";
}
std::string reply_counts_prefix(std::string_view agency) {
  return "reply/" + std::string(agency) + "/";
}

void SummaryProjection::render(const dc::CaseState& folded, std::uint64_t /*version*/,
                               StateWriter& state) {
  const std::string key = "case/" + folded.case_id;
  const auto stored = state.get(key);
  const Counted before = stored ? Counted::parse(*stored) : Counted{};
  const Counted now = counted_now(folded);
  if (before.stage == now.stage && before.department == now.department) return;
  const std::string agency = agency_of_case(folded.case_id);
  if (!before.stage.empty()) add_to_count(state, stage_counts_prefix(agency) + before.stage, -1);
  if (!now.stage.empty()) add_to_count(state, stage_counts_prefix(agency) + now.stage, 1);
  if (!before.department.empty()) {
    add_to_count(state, department_counts_prefix(agency) + before.department, -1);
  }
  if (!now.department.empty()) {
    add_to_count(state, department_counts_prefix(agency) + now.department, 1);
  }
  if (now.stage.empty()) {
    state.remove(key);
  } else {
    state.put(key, now.dump());
  }
}

void SummaryProjection::on_event(const eventstore::RecordedEvent& event,
                                 const CaseFeed::Folded& folded, StateWriter& state) {
  if (event.type != dc::ReplyIssued::kType) return;
  const dc::CaseEvent* decoded = feed().decode(event);
  const auto* issued = decoded != nullptr ? std::get_if<dc::ReplyIssued>(decoded) : nullptr;
  if (issued == nullptr) return;
  // The fold is past the reply; a reopening (if any) stays on the state after it.
  const dc::CaseState& now = folded.state;
  const domain::time::CivilDate start = now.reopen ? now.reopen->decided_on : now.received_on;
  add_to_count(state,
               reply_counts_prefix(agency_of_case(folded.case_id)) + date_key(start) + "/" +
                   date_key(issued->served_on),
               1);
}

}  // namespace gongkai::projections::reports
