// summary_zh: the one-line Chinese narrative of a case event shown in the case's history
// (API.md "History"). Every line starts with the event's business date (or, for the few events
// without one, the UTC+8 date it was recorded), then who did it (the user id, or "系统" for the
// deadline timer), then what happened, e.g.
//   "2021-03-02 u-3001 将案件转办至 财政局：申请内容属于财政局职责".
// Department codes, party names and references are shown as stored; nothing is looked up.
#pragma once

#include <string>

#include "domain/cases/case_events.h"
#include "domain/time/civil_date.h"

namespace gongkai::projections::history {

// The business date the event concerns (received_on, served_on, decided_on, ...).
[[nodiscard]] domain::time::CivilDate business_date(const domain::cases::CaseEvent& event);

// The narrative; never empty for any of the event types (a test loops over all of them).
[[nodiscard]] std::string summary_zh(const domain::cases::CaseEvent& event);

}  // namespace gongkai::projections::history
