#include "projections/reports/summary_projection.h"

#include <unordered_map>
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

struct SummaryProjection::Batch {
  std::unordered_map<std::string, Counted> cases;  // by case id: as folded through the batch
  std::unordered_map<std::string, std::int64_t> deltas;
};

std::string stage_counts_prefix(std::string_view agency) {
  return "stage/" + std::string(agency) + "/";
}
std::string department_counts_prefix(std::string_view agency) {
  return "department/" + std::string(agency) + "/";
}
std::string reply_counts_prefix(std::string_view agency) {
  return "reply/" + std::string(agency) + "/";
}

SummaryProjection::SummaryProjection(std::shared_ptr<CaseFeed> feed)
    : feed_(feed ? std::move(feed) : std::make_shared<CaseFeed>()),
      batch_(std::make_unique<Batch>()) {}
SummaryProjection::~SummaryProjection() = default;

void SummaryProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  const CaseFeed::Folded* folded = feed_->fold(event, state);
  if (folded == nullptr) return;  // not a case event it could decode
  const dc::CaseState& now = folded->state;
  batch_->cases[folded->case_id] = counted_now(now);
  const dc::CaseEvent* decoded = feed_->decode(event);
  if (const auto* issued = decoded ? std::get_if<dc::ReplyIssued>(decoded) : nullptr) {
    // The fold is past the reply; a reopening (if any) stays on the state after it.
    const domain::time::CivilDate start = now.reopen ? now.reopen->decided_on : now.received_on;
    batch_->deltas[reply_counts_prefix(agency_of_case(folded->case_id)) + date_key(start) + "/" +
                   date_key(issued->served_on)] += 1;
  }
}

void SummaryProjection::flush(StateWriter& state) {
  for (const auto& [case_id, now] : batch_->cases) {
    const std::string key = "case/" + case_id;
    const auto stored = state.get(key);
    const Counted before = stored ? Counted::parse(*stored) : Counted{};
    if (before.stage == now.stage && before.department == now.department) continue;
    const std::string agency = agency_of_case(case_id);
    auto& deltas = batch_->deltas;
    if (!before.stage.empty()) --deltas[stage_counts_prefix(agency) + before.stage];
    if (!now.stage.empty()) ++deltas[stage_counts_prefix(agency) + now.stage];
    if (!before.department.empty()) --deltas[department_counts_prefix(agency) + before.department];
    if (!now.department.empty()) ++deltas[department_counts_prefix(agency) + now.department];
    if (now.stage.empty()) {
      state.remove(key);
    } else {
      state.put(key, now.dump());
    }
  }
  for (const auto& [key, delta] : batch_->deltas) {
    if (delta != 0) add_to_count(state, key, delta);
  }
  batch_->cases.clear();
  batch_->deltas.clear();
  feed_->end_batch();
}

void SummaryProjection::flush_rebuild(StateWriter& state, bool last) {
  if (last || batch_->cases.size() >= kHeldBackCases) {
    flush(state);
  } else {
    feed_->end_batch();
  }
}

}  // namespace gongkai::projections::reports
