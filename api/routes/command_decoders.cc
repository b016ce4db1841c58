#include "api/routes/command_decoders.h"

#include <algorithm>
#include <functional>
#include <map>

#include "domain/cases/case_vocabulary.h"

namespace gongkai::api::routes {

namespace {

namespace dc = domain::cases;
using domain::time::CivilDate;
using nlohmann::json;
using Decoder = std::function<dc::CommandBody(http::FieldReader&, CivilDate)>;

constexpr std::int64_t kMaxYuan = 100'000'000;
constexpr std::size_t kText = 4000;
constexpr std::size_t kLongText = 100'000;

// An enum field by its wire name.
template <typename E>
E enum_field(http::FieldReader& r, std::string_view name, std::optional<E> (*parse)(std::string_view),
             E fallback) {
  const std::string text = r.string(name, 64);
  if (text.empty()) return fallback;
  if (auto value = parse(text)) return *value;
  r.add_error(std::string(name), "is not one of the values API.md lists");
  return fallback;
}

int consultation_id(http::FieldReader& r) {
  return static_cast<int>(r.integer("consultation_id", 1, 1000));
}

std::vector<dc::Attachment> attachments(http::FieldReader& r) {
  std::vector<dc::Attachment> out;
  const json* list = r.array("attachments", false, 100);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string prefix = "attachments[" + std::to_string(i) + "].";
    if (!(*list)[i].is_object()) {
      r.add_error(prefix.substr(0, prefix.size() - 1), "must be an object");
      continue;
    }
    http::FieldReader item((*list)[i], prefix);
    dc::Attachment a;
    a.name = item.string("name", 400);
    a.sha256 = item.string("sha256", 64);
    a.size = item.integer("size", 0, std::int64_t{1} << 40);
    const bool hex = std::all_of(a.sha256.begin(), a.sha256.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
    if (!a.sha256.empty() && (a.sha256.size() != 64 || !hex)) {
      item.add_error(prefix + "sha256", "must be 64 hex digits");
    }
    r.absorb(item);
    out.push_back(std::move(a));
  }
  return out;
}

const std::map<std::string_view, Decoder>& decoders() {
  static const std::map<std::string_view, Decoder> kDecoders = {
      {"acknowledge",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::AcknowledgeReceipt{r.date("given_on"), r.string("method", 40)};
       }},
      {"assign",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::AssignCase{r.string("department", 32), r.optional_string("handler", 64)};
       }},
      {"transfer",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::TransferCase{r.string("to_department", 32), r.string("reason", kText)};
       }},
      {"request-correction",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::RequestCorrection c;
         c.items = r.string_list("items", 50, kText);
         c.deadline_on = r.date("deadline_on");
         c.notified_on = r.date("notified_on");
         return c;
       }},
      {"receive-correction",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::ReceiveCorrection{r.date("received_on"), r.string("summary", kText)};
       }},
      {"start-consultation",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::StartConsultation c;
         c.kind = enum_field(r, "kind", &dc::parse_consultation_kind, c.kind);
         c.party = r.string("party", 400);
         c.sent_on = r.date("sent_on");
         c.received_by_party_on = r.optional_date("received_by_party_on");
         return c;
       }},
      {"record-consultation-reply",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::RecordConsultationReply c;
         c.consultation_id = consultation_id(r);
         c.received_on = r.date("received_on");
         c.opinion = enum_field(r, "opinion", &dc::parse_opinion, c.opinion);
         c.reason = r.optional_string("reason", kText).value_or("");
         return c;
       }},
      {"close-consultation",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::CloseConsultation c;
         c.consultation_id = consultation_id(r);
         c.closed_on = r.date("closed_on");
         return c;
       }},
      {"issue-fee-notice",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::IssueFeeNotice c;
         c.basis = enum_field(r, "basis", &dc::parse_fee_basis, c.basis);
         if (auto pages = r.optional_integer("pages", 1, 1'000'000)) c.pages = static_cast<int>(*pages);
         if (auto n = r.optional_integer("application_in_month", 1, 10'000)) {
           c.application_in_month = static_cast<int>(*n);
         }
         c.amount_yuan = r.integer("amount_yuan", 0, kMaxYuan);
         c.notified_on = r.date("notified_on");
         return c;
       }},
      {"record-fee-payment",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::RecordFeePayment c;
         c.paid_on = r.date("paid_on");
         c.amount_yuan = r.integer("amount_yuan", 0, kMaxYuan);
         c.receipt_no = r.string("receipt_no", 100);
         return c;
       }},
      {"request-extension",
       [](http::FieldReader& r, CivilDate today) -> dc::CommandBody {
         dc::RequestExtension c;
         c.days = static_cast<int>(r.integer("days", 1, 365));
         c.reason = r.string("reason", kText);
         c.requested_on = r.optional_date("requested_on").value_or(today);
         return c;
       }},
      {"approve-extension",
       [](http::FieldReader& r, CivilDate today) -> dc::CommandBody {
         return dc::ApproveExtension{r.optional_string("comment", kText).value_or(""),
                                     r.optional_date("decided_on").value_or(today)};
       }},
      {"reject-extension",
       [](http::FieldReader& r, CivilDate today) -> dc::CommandBody {
         return dc::RejectExtension{r.optional_string("comment", kText).value_or(""),
                                    r.optional_date("decided_on").value_or(today)};
       }},
      {"notify-extension",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::NotifyExtension{r.date("notified_on"), r.string("method", 40)};
       }},
      {"submit-reply",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::SubmitReply c;
         c.disposition = r.string("disposition", 64);
         c.legal_basis = r.string("legal_basis", kText);
         c.reply_text = r.string("reply_text", kLongText);
         c.attachments = attachments(r);
         return c;
       }},
      {"approve-reply",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::ApproveReply{r.optional_string("comment", kText).value_or("")};
       }},
      {"return-reply",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::ReturnReply{r.string("comment", kText)};
       }},
      {"issue-reply",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::IssueReply c;
         c.served_on = r.date("served_on");
         c.service_method = enum_field(r, "service_method", &dc::parse_service_method,
                                       c.service_method);
         return c;
       }},
      {"withdraw",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::WithdrawApplication{r.date("received_on"), r.string("reason", kText)};
       }},
      {"archive",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::ArchiveCase{r.string("archive_no", 100),
                                static_cast<int>(r.integer("retention_years", 1, 100))};
       }},
      {"reopen",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::ReopenCase c;
         c.basis = enum_field(r, "basis", &dc::parse_reopen_basis, c.basis);
         c.reference = r.string("reference", 400);
         c.decided_on = r.date("decided_on");
         c.reply_due_on = r.date("reply_due_on");
         return c;
       }},
      {"record-remedy",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         dc::RecordRemedy c;
         c.kind = enum_field(r, "kind", &dc::parse_remedy_kind, c.kind);
         c.outcome = enum_field(r, "outcome", &dc::parse_remedy_outcome, c.outcome);
         c.decided_on = r.optional_date("decided_on");
         c.reference = r.string("reference", 400);
         return c;
       }},
      {"add-note",
       [](http::FieldReader& r, CivilDate) -> dc::CommandBody {
         return dc::AddNote{r.string("text", kText)};
       }},
  };
  return kDecoders;
}

}  // namespace

const std::vector<std::string_view>& case_command_names() {
  static const std::vector<std::string_view> kNames = {
      "acknowledge",       "assign",           "transfer",
      "request-correction", "receive-correction", "start-consultation",
      "record-consultation-reply", "close-consultation", "issue-fee-notice",
      "record-fee-payment", "request-extension", "approve-extension",
      "reject-extension",  "notify-extension", "submit-reply",
      "approve-reply",     "return-reply",     "issue-reply",
      "withdraw",          "archive",          "reopen",
      "record-remedy",     "add-note",
  };
  return kNames;
}

std::optional<dc::CommandBody> decode_case_command(std::string_view name, http::FieldReader& reader,
                                                   CivilDate today) {
  auto it = decoders().find(name);
  if (it == decoders().end()) return std::nullopt;
  return it->second(reader, today);
}

}  // namespace gongkai::api::routes
