// applicant_months: how many applications each applicant filed with the agency in a natural
// month, so that the per-application fee (DOMAIN.md section 5) can be proposed without the
// handler counting by hand. Fed by case.registered events only.
//
// State (keys relative to the projection's prefix, values plain text):
//   m/<applicant key>/<YYYY-MM>/<received_on YYYY-MM-DD>/<position:020>/<case id>   ""
//   case/<case id>    the case's m/... key, or "-" when the applicant has no identity number
//
// The applicant key is SHA-256 hex of "gongkai/applicant-months/v1/<agency>/<normalised identity
// number>" (domain::privacy::normalise_id_number): the number is never stored in clear (DOMAIN.md
// section 6). The agency (the case id's prefix) is in the hash: each agency counts its own.
// A case's ordinal in its month = entries of its applicant's month before its own key + 1, i.e.
// ordered by receipt date, then by registration order (the registration's global position).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/base/status.h"
#include "domain/cases/case_vocabulary.h"
#include "eventstore/event_store.h"
#include "projections/cases/case_feed.h"
#include "projections/projection.h"

namespace gongkai::projections::applicants {

inline constexpr std::string_view kApplicantMonthsProjection = "applicant_months";

// With the case feed the cases/queues/deadlines/reports projections share (all_projections), a
// registration is decoded once for all of them; alone (tests), it decodes its own.
class ApplicantMonthsProjection final : public Projection {
 public:
  explicit ApplicantMonthsProjection(std::shared_ptr<CaseFeed> feed = nullptr)
      : feed_(std::move(feed)) {}
  [[nodiscard]] std::string_view name() const override { return kApplicantMonthsProjection; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;
  [[nodiscard]] PagePreparer* page_preparer() override { return feed_.get(); }

 private:
  std::shared_ptr<CaseFeed> feed_;  // null: decodes the registrations itself
};

// The pseudonymous key the applicant is counted by within `agency`; nullopt when the applicant
// gave no identity number (nothing to count by: see the README, "applicant_months").
[[nodiscard]] std::optional<std::string> applicant_key(std::string_view agency,
                                                       const domain::cases::Applicant& applicant);

// The ordinal (1 = first) of case `case_id` among its applicant's applications received in the
// same natural month, as IssueFeeNotice::application_in_month wants it. An applicant without an
// identity number counts as 1. not_found "case_not_found" if the projection has no such case.
[[nodiscard]] domain::Result<int> application_in_month(const eventstore::EventStore& store,
                                                       std::string_view case_id);

}  // namespace gongkai::projections::applicants
