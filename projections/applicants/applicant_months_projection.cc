#include "projections/applicants/applicant_months_projection.h"

#include <variant>

#include "domain/privacy/identity_number.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/sha256.h"
#include "projections/projection_host.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections::applicants {

namespace {

constexpr std::string_view kStreamPrefix = "case-";
constexpr std::string_view kNoIdentity = "-";
constexpr std::size_t kScanLimit = std::size_t{1} << 20;

// 20 digits, zero-padded (a uint64 has at most 20): by hand, snprintf cost ~1,000 instructions.
std::string padded_position(std::uint64_t position) {
  std::string text(20, '0');
  for (std::size_t at = text.size(); position != 0; position /= 10) {
    text[--at] = static_cast<char>('0' + position % 10);
  }
  return text;
}

std::string case_key(std::string_view case_id) { return "case/" + std::string(case_id); }

std::string full_key(std::string_view key) {
  return ProjectionHost::state_prefix(kApplicantMonthsProjection) + std::string(key);
}

// The applicant key of an identity number as given (see applicant_key).
std::optional<std::string> key_of_number(std::string_view agency, std::string_view id_number) {
  const std::string number = domain::privacy::normalise_id_number(id_number);
  if (number.empty()) return std::nullopt;
  return eventstore::codec::sha256_hex("gongkai/applicant-months/v1/" + std::string(agency) + "/" +
                                       number);
}

}  // namespace

std::optional<std::string> applicant_key(std::string_view agency,
                                         const domain::cases::Applicant& applicant) {
  return key_of_number(agency, applicant.id_number);
}

void ApplicantMonthsProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  if (!event.stream.starts_with(kStreamPrefix)) return;
  std::optional<domain::cases::CaseEvent> own;
  const auto* registered = decode_registration(event, feed_.get(), own);
  if (registered == nullptr) return;
  // The identity number as given: the feed's decode masks it and keeps it aside for us.
  const std::string_view id_number =
      feed_ ? feed_->unmasked_id_number(event) : std::string_view(registered->applicant.id_number);
  const std::string case_id = event.stream.substr(kStreamPrefix.size());
  if (state.get(case_key(case_id))) return;  // one registration per case stream
  const auto key = key_of_number(reports::agency_of_case(case_id), id_number);
  if (!key) {
    state.put(case_key(case_id), kNoIdentity);
    return;
  }
  const std::string received_on = registered->received_on.to_string();  // YYYY-MM-DD
  const std::string month_key = "m/" + *key + "/" + received_on.substr(0, 7) + "/" + received_on +
                                "/" + padded_position(event.position) + "/" + case_id;
  state.put(month_key, "");
  state.put(case_key(case_id), month_key);
}

domain::Result<int> application_in_month(const eventstore::EventStore& store,
                                         std::string_view case_id) {
  auto stored = store.get_state(full_key(case_key(case_id)));
  if (!stored.ok()) {
    if (stored.status().code() == domain::Code::not_found) {
      return domain::not_found("case_not_found",
                               "no registration of " + std::string(case_id) + " is counted");
    }
    return stored.status();
  }
  const std::string& month_key = *stored;
  if (month_key == kNoIdentity) return 1;
  // "m/<applicant key>/<YYYY-MM>/": everything up to the third slash.
  std::size_t slash = 0;
  for (int i = 0; i < 3 && slash != std::string::npos; ++i) {
    slash = month_key.find('/', i == 0 ? 0 : slash + 1);
  }
  if (!month_key.starts_with("m/") || slash == std::string::npos) {
    return domain::internal_error(
        "corrupt_state", "applicant_months state of " + std::string(case_id) + ": " + month_key);
  }
  const std::string month_prefix = month_key.substr(0, slash + 1);
  auto entries = store.scan_state(full_key(month_prefix), kScanLimit);
  if (!entries.ok()) return entries.status();
  const std::string own = full_key(month_key);
  int ordinal = 0;
  for (const auto& [key, value] : *entries) {
    ++ordinal;
    if (key == own) return ordinal;
  }
  return domain::internal_error(
      "corrupt_state", "applicant_months lacks the month entry of " + std::string(case_id));
}

}  // namespace gongkai::projections::applicants
