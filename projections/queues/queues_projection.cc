#include "projections/queues/queues_projection.h"

#include "projections/cases/case_folds.h"
#include "projections/cases/clock_basis.h"
#include "projections/cases/view_json.h"

namespace gongkai::projections {
namespace {

namespace dc = domain::cases;
using json::Json;

}  // namespace

void QueuesProjection::render(const dc::CaseState& folded, std::uint64_t /*version*/,
                              StateWriter& state) {
  if (!dc::is_open(folded.stage)) {
    replace_case_entries(folded.case_id, {}, state);
    return;
  }
  const ClockBasis basis = clock_basis(folded, calendar_);
  const std::string due =
      basis.reply_due_on ? date_key(*basis.reply_due_on) : std::string(kUnknownDueKey);
  const auto optional_string = [](const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
  };
  const std::string entry = json::dump(Json{{"id", folded.case_id},
                                            {"stage", dc::stage_name(folded.stage)},
                                            {"department", optional_string(folded.department)},
                                            {"handler", optional_string(folded.handler)},
                                            {"received_on", folded.received_on.to_string()},
                                            {"clock_basis", json::basis(basis)}});
  std::vector<std::pair<std::string, std::string>> entries;
  if (folded.department) {
    entries.emplace_back("dept/" + *folded.department + "/" + due + "/" + folded.case_id, entry);
  }
  if (folded.handler) {
    entries.emplace_back("handler/" + *folded.handler + "/" + due + "/" + folded.case_id, entry);
  }
  replace_case_entries(folded.case_id, entries, state);
}

}  // namespace gongkai::projections
