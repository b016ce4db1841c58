// The reply and what follows it: submit, review, issue, archive, reopen, remedies.
#include "domain/cases/decider_steps.h"

namespace gongkai::domain::cases::detail {

Decision step(const Context& ctx, const SubmitReply& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::in_progress}); !s.ok()) {
    return s;
  }
  const std::optional<report::Disposition> disposition = report::parse_disposition(c.disposition);
  if (!disposition || report::report_row(*disposition).timer_only) {
    // The two lapse dispositions are the timer's; a reply cannot propose them.
    return invalid_argument("invalid_disposition",
                            "not a disposition a reply may propose: " + c.disposition);
  }
  if (Status s = require_text(c.legal_basis, "legal_basis"); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.reply_text, "reply_text"); !s.ok()) {
    return s;
  }
  for (const Attachment& a : c.attachments) {
    if (a.name.empty() || a.sha256.size() != 64 || a.size < 0) {
      return invalid_argument("invalid_attachment", "an attachment needs name, sha256 and size");
    }
  }
  auto e = ctx.stamp<ReplySubmitted>();
  e.disposition = *disposition;
  e.legal_basis = c.legal_basis;
  e.reply_text = c.reply_text;
  e.attachments = c.attachments;
  e.submitted_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const ApproveReply& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::under_review}); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ReplyApproved>();
  e.comment = c.comment;
  e.approved_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const ReturnReply& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::under_review}); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.comment, "comment"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ReplyReturned>();
  e.comment = c.comment;
  e.returned_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const IssueReply& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::approved}); !s.ok()) {
    return s;
  }
  if (Status s = check_business_date(ctx, c.served_on, "served_on"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ReplyIssued>();
  e.served_on = c.served_on;
  e.service_method = c.service_method;
  e.disposition =
      ctx.state.review ? ctx.state.review->disposition : report::Disposition::other_other;
  return one(std::move(e));
}

Decision step(const Context& ctx, const ArchiveCase& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::closed}); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.archive_no, "archive_no"); !s.ok()) {
    return s;
  }
  if (c.retention_years < 1) {
    return invalid_argument("retention_years_invalid", "retention_years must be at least 1");
  }
  auto e = ctx.stamp<CaseArchived>();
  e.archive_no = c.archive_no;
  e.retention_years = c.retention_years;
  e.archived_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const ReopenCase& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::closed, Stage::archived}); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.reference, "reference"); !s.ok()) {
    return s;
  }
  if (Status s = check_business_date(ctx, c.decided_on, "decided_on"); !s.ok()) {
    return s;
  }
  if (c.reply_due_on <= c.decided_on) {
    return invalid_argument("due_not_after_decision",
                            "the new reply due date must be after the decision");
  }
  auto e = ctx.stamp<CaseReopened>();
  e.basis = c.basis;
  e.reference = c.reference;
  e.decided_on = c.decided_on;
  e.reply_due_on = c.reply_due_on;
  return one(std::move(e));
}

Decision step(const Context& ctx, const RecordRemedy& c) {
  // A remedy concerns a reply or a closing: only a case that was closed at least once.
  if (ctx.state.closings.empty()) {
    return stage_forbids(ctx.state, c.kName);
  }
  if (Status s = require_text(c.reference, "reference"); !s.ok()) {
    return s;
  }
  const CivilDate decided_on = c.decided_on.value_or(ctx.today);
  if (Status s = check_business_date(ctx, decided_on, "decided_on"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<RemedyRecorded>();
  e.kind = c.kind;
  e.outcome = c.outcome;
  e.decided_on = decided_on;
  e.reference = c.reference;
  return one(std::move(e));
}

}  // namespace gongkai::domain::cases::detail
