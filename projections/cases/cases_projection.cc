#include "projections/cases/cases_projection.h"

#include "domain/privacy/identity_number.h"
#include "domain/report/disposition.h"
#include "projections/cases/case_folds.h"
#include "projections/cases/clock_basis.h"
#include "projections/cases/view_json.h"

namespace gongkai::projections {
namespace {

namespace dc = domain::cases;
using json::Json;

Json optional_string(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json consultations(const dc::CaseState& state, const domain::time::Calendar& calendar) {
  Json out = Json::array();
  for (const dc::ConsultationState& c : state.consultations) {
    const auto lapse = dc::consultation_due(c, calendar);
    out.push_back({{"id", c.id},
                   {"kind", dc::consultation_kind_name(c.kind)},
                   {"party", c.party},
                   {"sent_on", c.sent_on.to_string()},
                   {"received_by_party_on", c.received_by_party_on.to_string()},
                   {"lapse_on", json::date(lapse ? lapse->due_on : std::nullopt)},
                   {"replied_on", json::date(c.replied_on)},
                   {"opinion", c.opinion ? Json(dc::opinion_name(*c.opinion)) : Json(nullptr)},
                   {"reason", c.reason},
                   {"closed_on", json::date(c.closed_on)},
                   {"lapsed_on", json::date(c.lapsed_on)},
                   {"deemed_opinion",
                    c.deemed_opinion ? Json(dc::opinion_name(*c.deemed_opinion)) : Json(nullptr)},
                   {"open", c.is_open()}});
  }
  return out;
}

Json fee(const dc::CaseState& state, const domain::time::Calendar& calendar) {
  if (!state.fee) {
    return nullptr;
  }
  const dc::FeeState& f = *state.fee;
  const auto due = dc::fee_payment_due(state, calendar);
  return {{"basis", dc::fee_basis_name(f.basis)},
          {"pages", f.pages ? Json(*f.pages) : Json(nullptr)},
          {"amount_yuan", f.amount_yuan},
          {"notified_on", f.notified_on.to_string()},
          {"payment_due_on", json::date(due ? due->due_on : std::nullopt)},
          {"paid_on", json::date(f.paid_on)},
          {"lapsed", f.lapsed}};
}

Json review(const dc::CaseState& state) {
  if (!state.review) {
    return nullptr;
  }
  const dc::ReviewState& r = *state.review;
  return {{"disposition", domain::report::disposition_code(r.disposition)},
          {"legal_basis", r.legal_basis},
          {"reply_text", r.reply_text},
          {"submitted_by", r.submitted_by},
          {"submitted_on", r.submitted_on.to_string()},
          {"approved_by", optional_string(r.approved_by)},
          {"last_return_comment", optional_string(state.last_return_comment)}};
}

Json view(const dc::CaseState& state, std::uint64_t version,
          const domain::time::Calendar& calendar) {
  return {
      {"id", state.case_id},
      {"agency", agency_of(state.case_id)},
      {"stage", dc::stage_name(state.stage)},
      {"version", version},
      {"applicant",
       {{"type", domain::report::applicant_type_name(state.applicant.type)},
        {"name", state.applicant.name},
        // Already masked in the fold (CaseFolds); masking again is idempotent and keeps this
        // line safe should the fold ever change.
        {"id_number_masked", domain::privacy::mask_id_number(state.applicant.id_number)}}},
      {"channel", dc::channel_name(state.channel)},
      {"received_on", state.received_on.to_string()},
      {"description", state.description},
      {"department", optional_string(state.department)},
      {"handler", optional_string(state.handler)},
      {"clock_basis", json::basis(clock_basis(state, calendar))},
      {"consultations", consultations(state, calendar)},
      {"fee", fee(state, calendar)},
      {"review", review(state)},
      {"disposition", state.disposition ? Json(domain::report::disposition_code(*state.disposition))
                                        : Json(nullptr)},
      {"closed_on", json::date(state.closed_on)},
      {"archive", state.archive_no ? Json{{"archive_no", *state.archive_no},
                                          {"retention_years", state.retention_years}}
                                   : Json(nullptr)}};
}

}  // namespace

void CasesProjection::render(const dc::CaseState& folded, std::uint64_t version,
                             StateWriter& state) {
  if (folded.stage == dc::Stage::none) {
    return;  // events before registration: nothing to show
  }
  state.put("case/" + folded.case_id, json::dump(view(folded, version, calendar_)));
}

}  // namespace gongkai::projections
