// case_search: the text `GET /cases?q=` searches (the description and the applicant's name) of
// every case, small and written once, so that a search reads these instead of every case
// document. Fed by case.registered events only: both texts are set at registration and never
// change, so each key has one version (a case document is rewritten at every step, and a scan of
// the documents steps over every version still in the memtable).
//
// State (keys relative to the projection's prefix):
//   t/<case id>    the description, a line feed, the applicant's name
//
// The text narrows, the case document decides: a case whose text holds `q` is a candidate (q may
// span the two fields), and CaseQueries checks the candidate's document for `q` itself.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "domain/base/status.h"
#include "eventstore/event_store.h"
#include "projections/cases/case_feed.h"
#include "projections/projection.h"

namespace gongkai::projections {

inline constexpr std::string_view kCaseSearchProjection = "case_search";

class CaseSearchProjection final : public Projection {
 public:
  // `feed`: shared with the other case views (registry.h); null: decodes registrations itself.
  explicit CaseSearchProjection(std::shared_ptr<CaseFeed> feed = nullptr)
      : feed_(std::move(feed)) {}
  [[nodiscard]] std::string_view name() const override { return kCaseSearchProjection; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;
  [[nodiscard]] PagePreparer* page_preparer() override { return feed_.get(); }

 private:
  std::shared_ptr<CaseFeed> feed_;
};

// Calls `visit` with the id of each case after `after` whose description or applicant name may
// contain `q` (a superset of those that do), in case-id order, until `visit` answers false.
// Reads the texts (one snapshot) only as far as `visit` wants.
[[nodiscard]] domain::Status for_each_candidate(
    const eventstore::EventStore& store, std::string_view q, std::string_view after,
    const std::function<bool(const std::string&)>& visit);

}  // namespace gongkai::projections
