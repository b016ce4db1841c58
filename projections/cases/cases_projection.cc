#include "projections/cases/cases_projection.h"

#include "domain/privacy/identity_number.h"
#include "domain/report/disposition.h"
#include "projections/cases/case_document.h"
#include "projections/cases/case_folds.h"
#include "projections/cases/clock_basis.h"
#include "projections/cases/view_json.h"

namespace gongkai::projections {

namespace dc = domain::cases;

// Written directly (no JSON tree per case and page): members in key order, the bytes an nlohmann
// object (a std::map) of the same members would dump.
std::string case_document(const dc::CaseState& state, std::uint64_t version,
                          const domain::time::Calendar& calendar) {
  json::Writer out;
  out.begin_object();
  out.key("agency").string(agency_of(state.case_id));
  out.key("applicant").begin_object();
  // Already masked in the fold (CaseFeed); masking again is idempotent and keeps this line safe
  // should the fold ever change.
  out.key("id_number_masked").string(domain::privacy::mask_id_number(state.applicant.id_number));
  out.key("name").string(state.applicant.name);
  out.key("type").string(domain::report::applicant_type_name(state.applicant.type));
  out.end_object();
  out.key("archive");
  if (state.archive_no) {
    out.begin_object();
    out.key("archive_no").string(*state.archive_no);
    out.key("retention_years").number(state.retention_years);
    out.end_object();
  } else {
    out.null();
  }
  out.key("channel").string(dc::channel_name(state.channel));
  out.key("clock_basis");
  json::write_basis(out, clock_basis(state, calendar));
  out.key("closed_on").date(state.closed_on);
  out.key("consultations").begin_array();
  for (const dc::ConsultationState& c : state.consultations) {
    const auto lapse = dc::consultation_due(c, calendar);
    out.begin_object();
    out.key("closed_on").date(c.closed_on);
    out.key("deemed_opinion");
    if (c.deemed_opinion) {
      out.string(dc::opinion_name(*c.deemed_opinion));
    } else {
      out.null();
    }
    out.key("id").number(c.id);
    out.key("kind").string(dc::consultation_kind_name(c.kind));
    out.key("lapse_on").date(lapse ? lapse->due_on : std::nullopt);
    out.key("lapsed_on").date(c.lapsed_on);
    out.key("open").boolean(c.is_open());
    out.key("opinion");
    if (c.opinion) {
      out.string(dc::opinion_name(*c.opinion));
    } else {
      out.null();
    }
    out.key("party").string(c.party);
    out.key("reason").string(c.reason);
    out.key("received_by_party_on").date(c.received_by_party_on);
    out.key("replied_on").date(c.replied_on);
    out.key("sent_on").date(c.sent_on);
    out.end_object();
  }
  out.end_array();
  out.key("department").string_or_null(state.department);
  out.key("description").string(state.description);
  out.key("disposition");
  if (state.disposition) {
    out.string(domain::report::disposition_code(*state.disposition));
  } else {
    out.null();
  }
  out.key("fee");
  if (state.fee) {
    const dc::FeeState& f = *state.fee;
    const auto due = dc::fee_payment_due(state, calendar);
    out.begin_object();
    out.key("amount_yuan").number(f.amount_yuan);
    out.key("basis").string(dc::fee_basis_name(f.basis));
    out.key("lapsed").boolean(f.lapsed);
    out.key("notified_on").date(f.notified_on);
    out.key("pages");
    if (f.pages) {
      out.number(*f.pages);
    } else {
      out.null();
    }
    out.key("paid_on").date(f.paid_on);
    out.key("payment_due_on").date(due ? due->due_on : std::nullopt);
    out.end_object();
  } else {
    out.null();
  }
  out.key("handler").string_or_null(state.handler);
  out.key("id").string(state.case_id);
  out.key("received_on").date(state.received_on);
  out.key("review");
  if (state.review) {
    const dc::ReviewState& r = *state.review;
    out.begin_object();
    out.key("approved_by").string_or_null(r.approved_by);
    out.key("disposition").string(domain::report::disposition_code(r.disposition));
    out.key("last_return_comment").string_or_null(state.last_return_comment);
    out.key("legal_basis").string(r.legal_basis);
    out.key("reply_text").string(r.reply_text);
    out.key("submitted_by").string(r.submitted_by);
    out.key("submitted_on").date(r.submitted_on);
    out.end_object();
  } else {
    out.null();
  }
  out.key("stage").string(dc::stage_name(state.stage));
  out.key("version").number(version);
  out.end_object();
  return out.take();
}

void CasesProjection::render(const dc::CaseState& folded, std::uint64_t version,
                             StateWriter& state) {
  if (folded.stage == dc::Stage::none) {
    return;  // events before registration: nothing to show
  }
  state.put("case/" + folded.case_id, case_document(folded, version, calendar_));
}

}  // namespace gongkai::projections
