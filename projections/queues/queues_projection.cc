#include "projections/queues/queues_projection.h"

#include "projections/cases/case_folds.h"
#include "projections/cases/clock_basis.h"
#include "projections/cases/view_json.h"

namespace gongkai::projections {
namespace {

namespace dc = domain::cases;

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
  // Members in key order (json_writer.h).
  json::Writer out;
  out.begin_object();
  out.key("clock_basis");
  json::write_basis(out, basis);
  out.key("department").string_or_null(folded.department);
  out.key("handler").string_or_null(folded.handler);
  out.key("id").string(folded.case_id);
  out.key("received_on").date(folded.received_on);
  out.key("stage").string(dc::stage_name(folded.stage));
  out.end_object();
  const std::string entry = out.take();
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
