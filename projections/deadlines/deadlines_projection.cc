#include "projections/deadlines/deadlines_projection.h"

#include <algorithm>

#include "domain/cases/case_clocks.h"
#include "domain/time/working_days.h"
#include "projections/cases/case_folds.h"
#include "projections/cases/clock_basis.h"
#include "projections/cases/view_json.h"

namespace gongkai::projections {
namespace {

namespace dc = domain::cases;
using domain::time::CivilDate;

struct Watched {
  std::string clock;
  CivilDate due_on;
  std::optional<ClockBasis> basis{};  // the reply clock's, with whether this date was warned/missed
  bool warned = false;
  bool missed = false;
};

bool contains(const std::vector<CivilDate>& dates, CivilDate date) {
  return std::find(dates.begin(), dates.end(), date) != dates.end();
}

// The same conditions as domain/cases/case_timers.cc: the clocks a timer command may act on.
std::vector<Watched> watched_clocks(const dc::CaseState& state,
                                    const domain::time::Calendar& calendar) {
  std::vector<Watched> out;
  if (!dc::is_open(state.stage)) {
    return out;
  }
  if (state.stage != dc::Stage::correction_pending) {
    const ClockBasis basis = clock_basis(state, calendar);
    if (basis.reply_due_on) {
      const CivilDate due = *basis.reply_due_on;
      out.push_back({"reply", due, basis, contains(state.warned_due_dates, due),
                     contains(state.missed_due_dates, due)});
    }
  }
  if (state.stage == dc::Stage::correction_pending && state.correction &&
      !state.correction->received_on) {
    if (auto deadline = dc::effective_correction_deadline(state, calendar)) {
      out.push_back({"correction", *deadline});
    }
  }
  for (const dc::ConsultationState& c : state.consultations) {
    if (c.is_open() && c.has_fixed_period()) {
      out.push_back(
          {"consultation:" + std::to_string(c.id),
           add_working_days(calendar, c.received_by_party_on, dc::kConsultationWorkingDays)});
    }
  }
  if (state.fee && state.fee->is_pending()) {
    out.push_back({"fee_payment",
                   add_working_days(calendar, state.fee->notified_on, dc::kFeePaymentWorkingDays)});
  }
  return out;
}

}  // namespace

void DeadlinesProjection::render(const dc::CaseState& folded, std::uint64_t /*version*/,
                                 StateWriter& state) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const Watched& w : watched_clocks(folded, calendar_)) {
    // Members in key order (json_writer.h).
    json::Writer out;
    out.begin_object();
    out.key("case_id").string(folded.case_id);
    out.key("clock").string(w.clock);
    if (w.basis) {
      out.key("clock_basis");
      json::write_basis(out, *w.basis);
    }
    out.key("department").string_or_null(folded.department);
    out.key("due_on").date(w.due_on);
    out.key("handler").string_or_null(folded.handler);
    if (w.basis) out.key("missed").boolean(w.missed);
    out.key("stage").string(dc::stage_name(folded.stage));
    if (w.basis) out.key("warned").boolean(w.warned);
    out.end_object();
    const std::string key = "due/" + date_key(w.due_on) + "/" + folded.case_id + "/" + w.clock;
    entries.emplace_back(key, out.take());
  }
  replace_case_entries(folded.case_id, entries, state);
}

}  // namespace gongkai::projections
