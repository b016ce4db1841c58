#include "projections/cases/case_view.h"

#include "projections/cases/case_document.h"
#include "projections/cases/view_json.h"

namespace gongkai::projections {

std::string case_view_json(const domain::cases::CaseState& state, std::uint64_t version,
                           domain::time::CivilDate today, const domain::time::Calendar& calendar) {
  // The stored document as the projection writes it, with its clock for `today`: the bytes
  // GET /cases/{id} answers (CaseQueries::get does the same to the stored document).
  auto doc = json::parse_object(case_document(state, version, calendar));
  return doc ? json::dump(json::with_clock(std::move(*doc), today, calendar)) : std::string("{}");
}

}  // namespace gongkai::projections
