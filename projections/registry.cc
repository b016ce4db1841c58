#include "projections/registry.h"

#include "projections/cases/case_activity_projection.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections {

std::vector<std::shared_ptr<Projection>> all_projections(const domain::time::Calendar& calendar) {
  (void)calendar;  // none of the projections below computes clocks yet
  std::vector<std::shared_ptr<Projection>> projections;
  projections.push_back(std::make_shared<cases::CaseActivityProjection>());
  projections.push_back(std::make_shared<reports::ReportsProjection>());
  return projections;
}

}  // namespace gongkai::projections
