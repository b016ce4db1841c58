// The case's vocabulary: stages and the closed sets of values that commands and events use, each
// with its stable wire name (API.md). Dispositions and applicant types live in report/.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/base/enum_names.h"
#include "domain/report/disposition.h"

namespace gongkai::domain::cases {

// Where a case is in its life, and nothing else (DOMAIN.md section 2). `none`: not registered yet.
enum class Stage {
  none,
  registered,
  correction_pending,
  in_progress,
  under_review,
  approved,
  closed,
  archived
};
inline constexpr std::array<EnumName<Stage>, 8> kStageNames{{
    {Stage::none, "none"},
    {Stage::registered, "registered"},
    {Stage::correction_pending, "correction_pending"},
    {Stage::in_progress, "in_progress"},
    {Stage::under_review, "under_review"},
    {Stage::approved, "approved"},
    {Stage::closed, "closed"},
    {Stage::archived, "archived"},
}};
[[nodiscard]] constexpr std::string_view stage_name(Stage s) { return name_in(kStageNames, s); }
[[nodiscard]] constexpr bool is_open(Stage s) {
  return s != Stage::none && s != Stage::closed && s != Stage::archived;
}

enum class Channel { in_person, post_signed, post_ordinary, online, fax, email, oral };
inline constexpr std::array<EnumName<Channel>, 7> kChannelNames{{
    {Channel::in_person, "in_person"},
    {Channel::post_signed, "post_signed"},
    {Channel::post_ordinary, "post_ordinary"},
    {Channel::online, "online"},
    {Channel::fax, "fax"},
    {Channel::email, "email"},
    {Channel::oral, "oral"},
}};
[[nodiscard]] constexpr std::string_view channel_name(Channel c) {
  return name_in(kChannelNames, c);
}
[[nodiscard]] constexpr std::optional<Channel> parse_channel(std::string_view n) {
  return parse_in(kChannelNames, n);
}

enum class ConsultationKind { third_party, co_producer, other_agency };
inline constexpr std::array<EnumName<ConsultationKind>, 3> kConsultationKindNames{{
    {ConsultationKind::third_party, "third_party"},
    {ConsultationKind::co_producer, "co_producer"},
    {ConsultationKind::other_agency, "other_agency"},
}};
[[nodiscard]] constexpr std::string_view consultation_kind_name(ConsultationKind k) {
  return name_in(kConsultationKindNames, k);
}
[[nodiscard]] constexpr std::optional<ConsultationKind> parse_consultation_kind(
    std::string_view n) {
  return parse_in(kConsultationKindNames, n);
}

// `agency_decides`: only in a consultation lapse (a lapsed third-party consultation leaves the
// decision to the agency, Art. 32); a lapsed co-producer consultation counts as `consent` (Art.
// 34).
enum class Opinion { consent, object, none, agency_decides };
inline constexpr std::array<EnumName<Opinion>, 4> kOpinionNames{{
    {Opinion::consent, "consent"},
    {Opinion::object, "object"},
    {Opinion::none, "none"},
    {Opinion::agency_decides, "agency_decides"},
}};
[[nodiscard]] constexpr std::string_view opinion_name(Opinion o) {
  return name_in(kOpinionNames, o);
}
[[nodiscard]] constexpr std::optional<Opinion> parse_opinion(std::string_view n) {
  return parse_in(kOpinionNames, n);
}

enum class FeeBasis { per_application, per_page };
inline constexpr std::array<EnumName<FeeBasis>, 2> kFeeBasisNames{{
    {FeeBasis::per_application, "per_application"},
    {FeeBasis::per_page, "per_page"},
}};
[[nodiscard]] constexpr std::string_view fee_basis_name(FeeBasis b) {
  return name_in(kFeeBasisNames, b);
}
[[nodiscard]] constexpr std::optional<FeeBasis> parse_fee_basis(std::string_view n) {
  return parse_in(kFeeBasisNames, n);
}

enum class ServiceMethod { in_person, post, email, online };
inline constexpr std::array<EnumName<ServiceMethod>, 4> kServiceMethodNames{{
    {ServiceMethod::in_person, "in_person"},
    {ServiceMethod::post, "post"},
    {ServiceMethod::email, "email"},
    {ServiceMethod::online, "online"},
}};
[[nodiscard]] constexpr std::string_view service_method_name(ServiceMethod m) {
  return name_in(kServiceMethodNames, m);
}
[[nodiscard]] constexpr std::optional<ServiceMethod> parse_service_method(std::string_view n) {
  return parse_in(kServiceMethodNames, n);
}

enum class ReopenBasis { reconsideration, litigation, self_correction };
inline constexpr std::array<EnumName<ReopenBasis>, 3> kReopenBasisNames{{
    {ReopenBasis::reconsideration, "reconsideration"},
    {ReopenBasis::litigation, "litigation"},
    {ReopenBasis::self_correction, "self_correction"},
}};
[[nodiscard]] constexpr std::string_view reopen_basis_name(ReopenBasis b) {
  return name_in(kReopenBasisNames, b);
}
[[nodiscard]] constexpr std::optional<ReopenBasis> parse_reopen_basis(std::string_view n) {
  return parse_in(kReopenBasisNames, n);
}

enum class RemedyKind { reconsideration, litigation, litigation_after_reconsideration };
inline constexpr std::array<EnumName<RemedyKind>, 3> kRemedyKindNames{{
    {RemedyKind::reconsideration, "reconsideration"},
    {RemedyKind::litigation, "litigation"},
    {RemedyKind::litigation_after_reconsideration, "litigation_after_reconsideration"},
}};
[[nodiscard]] constexpr std::string_view remedy_kind_name(RemedyKind k) {
  return name_in(kRemedyKindNames, k);
}
[[nodiscard]] constexpr std::optional<RemedyKind> parse_remedy_kind(std::string_view n) {
  return parse_in(kRemedyKindNames, n);
}
// The column heading of table 四 in the annual report (国办公开办函〔2021〕30号).
[[nodiscard]] constexpr std::string_view remedy_kind_label_zh(RemedyKind k) {
  switch (k) {
    case RemedyKind::reconsideration: return "行政复议";
    case RemedyKind::litigation: return "行政诉讼（未经复议直接起诉）";
    case RemedyKind::litigation_after_reconsideration: return "行政诉讼（复议后起诉）";
  }
  return "救济";
}

enum class RemedyOutcome { upheld, corrected, other, pending };
inline constexpr std::array<EnumName<RemedyOutcome>, 4> kRemedyOutcomeNames{{
    {RemedyOutcome::upheld, "upheld"},
    {RemedyOutcome::corrected, "corrected"},
    {RemedyOutcome::other, "other"},
    {RemedyOutcome::pending, "pending"},
}};
[[nodiscard]] constexpr std::string_view remedy_outcome_name(RemedyOutcome o) {
  return name_in(kRemedyOutcomeNames, o);
}
[[nodiscard]] constexpr std::optional<RemedyOutcome> parse_remedy_outcome(std::string_view n) {
  return parse_in(kRemedyOutcomeNames, n);
}

// The applicant as registered (personal data: masked in lists and logs, DOMAIN.md section 6).
struct Applicant {
  report::ApplicantType type = report::ApplicantType::natural_person;
  std::string name;
  std::string id_type;
  std::string id_number;
  std::string phone;
  std::string address;
  std::string email;
};

}  // namespace gongkai::domain::cases
