#include "projections/registry.h"

#include "projections/applicants/applicant_months_projection.h"
#include "projections/cases/case_activity_projection.h"
#include "projections/cases/case_search_projection.h"
#include "projections/cases/cases_projection.h"
#include "projections/deadlines/deadlines_projection.h"
#include "projections/people/people_projection.h"
#include "projections/queues/queues_projection.h"
#include "projections/reports/reports_projection.h"
#include "projections/reports/summary_projection.h"

namespace gongkai::projections {

std::vector<std::shared_ptr<Projection>> all_projections(const domain::time::Calendar& calendar) {
  std::vector<std::shared_ptr<Projection>> projections;
  // One decode and fold per case event for the three case views, the reports and the summary
  // (and one decode of each registration for applicant_months and case_search).
  auto feed = std::make_shared<CaseFeed>();
  // Heaviest last flush of a rebuild first: the host hands a page's flushes to the replay pool in
  // this order, and the last page renders most views (10,000 cases: cases ~60-80 ms, reports
  // ~35, case_activity ~26, summary ~20, queues and deadlines ~9 each). Started after
  // case_activity, the cases flush alone outlasted all the others by ~15 ms. (Apply order does not
  // matter: each projection reads only its own state and the feed's folds, the same whoever asks
  // first.)
  projections.push_back(std::make_shared<CasesProjection>(calendar, feed));
  projections.push_back(std::make_shared<reports::ReportsProjection>(feed));
  projections.push_back(std::make_shared<cases::CaseActivityProjection>());
  projections.push_back(std::make_shared<reports::SummaryProjection>(feed));
  projections.push_back(std::make_shared<QueuesProjection>(calendar, feed));
  projections.push_back(std::make_shared<DeadlinesProjection>(calendar, feed));
  projections.push_back(std::make_shared<people::PeopleProjection>());
  projections.push_back(std::make_shared<applicants::ApplicantMonthsProjection>(feed));
  projections.push_back(std::make_shared<CaseSearchProjection>(feed));
  return projections;
}

}  // namespace gongkai::projections
