#include "projections/cases/view_json.h"

namespace gongkai::projections::json {

namespace dc = domain::cases;
using domain::time::CivilDate;

Json date(const std::optional<CivilDate>& date) {
  return date ? Json(date->to_string()) : Json(nullptr);
}

std::optional<CivilDate> date_from(const Json& value) {
  if (!value.is_string()) {
    return std::nullopt;
  }
  return CivilDate::parse(value.get<std::string>());
}

Json basis(const ClockBasis& basis) {
  Json pauses = Json::array();
  for (const auto& p : basis.pauses) {
    pauses.push_back({{"reason", p.reason}, {"from", p.from.to_string()}, {"to", date(p.to)}});
  }
  return {{"registered", basis.registered},
          {"reply_due_on", date(basis.reply_due_on)},
          {"due_paused", basis.due_paused},
          {"open", basis.open},
          {"reopened", basis.reopened},
          {"pauses", std::move(pauses)},
          {"extension_days", basis.extension_days},
          {"extension_approved_by",
           basis.extension_approved_by ? Json(*basis.extension_approved_by) : Json(nullptr)}};
}

void write_basis(Writer& out, const ClockBasis& basis) {
  // Members in key order, as nlohmann's object (a std::map) dumps them.
  out.begin_object();
  out.key("due_paused").boolean(basis.due_paused);
  out.key("extension_approved_by").string_or_null(basis.extension_approved_by);
  out.key("extension_days").number(basis.extension_days);
  out.key("open").boolean(basis.open);
  out.key("pauses").begin_array();
  for (const auto& p : basis.pauses) {
    out.begin_object();
    out.key("from").date(p.from);
    out.key("reason").string(p.reason);
    out.key("to").date(p.to);
    out.end_object();
  }
  out.end_array();
  out.key("registered").boolean(basis.registered);
  out.key("reopened").boolean(basis.reopened);
  out.key("reply_due_on").date(basis.reply_due_on);
  out.end_object();
}

ClockBasis basis_from(const Json& value) {
  ClockBasis basis;
  basis.registered = value.at("registered").get<bool>();
  basis.reply_due_on = date_from(value.at("reply_due_on"));
  basis.due_paused = value.at("due_paused").get<bool>();
  basis.open = value.at("open").get<bool>();
  basis.reopened = value.at("reopened").get<bool>();
  for (const Json& p : value.at("pauses")) {
    const auto from = date_from(p.at("from"));
    if (!from) {
      throw std::invalid_argument("pause without a start date");
    }
    basis.pauses.push_back({p.at("reason").get<std::string>(), *from, date_from(p.at("to"))});
  }
  basis.extension_days = value.at("extension_days").get<int>();
  if (const Json& by = value.at("extension_approved_by"); by.is_string()) {
    basis.extension_approved_by = by.get<std::string>();
  }
  return basis;
}

Json clock(const dc::ReplyClockView& view) {
  std::string_view status = "stopped";
  if (view.status == dc::ClockStatus::running) {
    status = "running";
  }
  if (view.status == dc::ClockStatus::paused) {
    status = "paused";
  }
  return {
      {"status", status},
      {"reply_due_on", date(view.reply_due_on)},
      {"working_days_left", view.working_days_left ? Json(*view.working_days_left) : Json(nullptr)},
      {"due_soon", view.due_soon},
      {"overdue", view.overdue},
      {"paused_by", view.paused_by},
      {"extension",
       {{"days", view.extension_days},
        {"approved_by",
         view.extension_approved_by ? Json(*view.extension_approved_by) : Json(nullptr)}}}};
}

Json with_clock(Json doc, domain::time::CivilDate today, const domain::time::Calendar& calendar) {
  const ClockBasis basis = basis_from(doc.at("clock_basis"));
  doc.erase("clock_basis");
  doc["clock"] = clock(clock_on(basis, today, calendar));
  return doc;
}

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<Json> parse_object(std::string_view text) {
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace gongkai::projections::json
