#include "api/routes/case_json.h"

#include <charconv>

#include "api/routes/case_record_json.h"
#include "api/routes/route_support.h"
#include "domain/policy/case_policy.h"
#include "eventstore/codec/record_codec.h"
#include "projections/cases/case_queries.h"
#include "projections/cases/case_view.h"
#include "projections/commands/people_command_service.h"
#include "projections/history/case_history.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

// Supervisors and auditors see every case; the others need the case's scope (registered_by is
// not in a summary), read through the command service's cache of folded states.
bool visible(app::ServerContext& context, const auth::Principal& user, const std::string& case_id) {
  if (user.has_role(Role::supervisor) || user.has_role(Role::auditor)) return true;
  auto loaded = context.cases().load(case_id);
  if (!loaded.ok() || loaded->version == 0) return false;
  const auto scope = scope_of(loaded->state);
  for (Role role : user.roles) {
    if (domain::policy::may_see_case(user.as(role), scope)) return true;
  }
  return false;
}

// ?as_of=: a position (digits, > 0) or an RFC 3339 instant (with or without fractional seconds,
// "Z" or an offset); neither set when the text is neither.
struct AsOf {
  std::optional<std::uint64_t> position;
  std::optional<domain::time::Instant> instant;
};

bool digits(std::string_view text, std::size_t at, std::size_t count, int* value) {
  if (at + count > text.size()) return false;
  int out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  *value = out;
  return true;
}

std::optional<domain::time::Instant> parse_rfc3339(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(t, 0, 4, &y) || t.size() < 20 || t[4] != '-' || !digits(t, 5, 2, &mo) ||
      t[7] != '-' || !digits(t, 8, 2, &d) || (t[10] != 'T' && t[10] != 't') ||
      !digits(t, 11, 2, &h) || t[13] != ':' || !digits(t, 14, 2, &mi) || t[16] != ':' ||
      !digits(t, 17, 2, &s)) {
    return std::nullopt;
  }
  if (!domain::time::CivilDate::is_valid_ymd(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    return std::nullopt;
  }
  std::size_t i = 19;
  std::int64_t micros = 0;
  if (t[i] == '.') {
    std::size_t n = 0;
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++n) {
      if (n < 6) micros = micros * 10 + (t[i] - '0');
    }
    if (n == 0 || n > 9) return std::nullopt;
    for (; n < 6; ++n) micros *= 10;
  }
  std::int64_t offset = 0;
  if (i + 1 == t.size() && (t[i] == 'Z' || t[i] == 'z')) {
    offset = 0;
  } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':') {
    int oh = 0, om = 0;
    if (!digits(t, i + 1, 2, &oh) || !digits(t, i + 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (t[i] == '-' ? -1 : 1) * (std::int64_t{oh} * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  const std::int64_t seconds =
      domain::time::CivilDate::from_ymd(y, mo, d).days_since_epoch() * 86400 + h * 3600 + mi * 60 +
      s - offset;
  return domain::time::Instant::from_unix_micros(seconds * 1'000'000 + micros);
}

AsOf parse_as_of(std::string_view text) {
  AsOf out;
  if (!text.empty() && text.size() <= 20 &&
      text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size() && value > 0) {
      out.position = value;
    }
    return out;
  }
  if (text.size() <= 40) out.instant = parse_rfc3339(text);
  return out;
}

}  // namespace

http::HttpResponse case_response(app::ServerContext& context, const std::string& case_id,
                                 std::uint64_t version, std::optional<std::uint64_t> position) {
  const auto calendar = context.calendar();
  projections::CaseQueries queries(context.store(), *calendar);
  auto view = queries.get(case_id, context.today());
  if (!view.ok()) return http::problem_from(view.status());
  http::HttpResponse response = http::json_response(200, std::move(*view));
  if (position && response.body.size() > 1 && response.body.back() == '}') {
    response.body.pop_back();
    response.body += ",\"position\":" + std::to_string(*position) + "}";
  }
  response.with_header("ETag", etag(version));
  return response;
}

http::HttpResponse with_full_identity(app::ServerContext& context, const http::RequestContext& ctx,
                                      const CaseAccess& access, http::HttpResponse response) {
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object()) return http::problem(500, "internal", "the case view is unreadable");
  body["applicant"]["id_number"] = access.state.applicant.id_number;
  // No record, no answer: an unrecorded read of personal data is what the audit must rule out.
  if (auto recorded = record_personal_data_read(context, ctx, access, "case"); !recorded.ok()) {
    return http::problem_from(recorded);
  }
  response.body = dump(body);
  response.with_header("Cache-Control", "no-store");
  return response;
}

http::HttpResponse case_as_of_response(app::ServerContext& context, const http::RequestContext& ctx,
                                       const std::string& case_id, const std::string& as_of) {
  if (ctx.request.query_param("include")) {
    return http::problem(400, "include_invalid", "include=pii is not offered with as_of");
  }
  const AsOf point = parse_as_of(as_of);
  if (!point.position && !point.instant) {
    return http::problem(400, "as_of_invalid",
                         "as_of must be a positive position or an RFC 3339 instant",
                         {{"as_of", "must be a positive integer or an RFC 3339 instant"}});
  }
  auto& store = context.store();
  domain::time::Instant then;
  domain::Result<projections::history::CaseAsOf> folded = domain::not_found("case_not_found", "");
  if (point.position) {
    // The log as it stood when that position was written: the clock is shown for that day.
    auto at = store.read_all(*point.position, 1);
    if (!at.ok()) return http::problem_from(at.status());
    if (at->empty() || (*at)[0].position != *point.position) {
      return http::problem(404, "position_not_found", "the log has no such position yet");
    }
    then = (*at)[0].recorded_at;
    folded = projections::history::case_as_of(store, case_id, *point.position);
  } else {
    if (*point.instant > ctx.now) {
      return http::problem(400, "as_of_invalid", "as_of is in the future",
                           {{"as_of", "must not be later than now"}});
    }
    then = *point.instant;
    folded = projections::history::case_as_of_instant(store, case_id, then);
  }
  if (!folded.ok()) return http::problem_from(folded.status());
  http::HttpResponse response = http::json_response(
      200, projections::case_view_json(folded->state, folded->version, domain::time::date_of(then),
                                       *context.calendar()));
  response.with_header("ETag", etag(folded->version));
  response.with_header("X-As-Of-Position", std::to_string(folded->position));
  return response;
}

http::HttpResponse list_cases(app::ServerContext& context, const http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  projections::CaseFilters filters;
  const auto& q = ctx.request.query;
  std::vector<http::FieldError> errors;
  if (auto v = ctx.request.query_param("stage"); v && !v->empty()) filters.stage = *v;
  if (auto v = ctx.request.query_param("department"); v && !v->empty()) filters.department = *v;
  if (auto v = ctx.request.query_param("handler"); v && !v->empty()) filters.handler = *v;
  if (auto v = ctx.request.query_param("q"); v && !v->empty()) filters.q = *v;
  for (const char* name : {"received_from", "received_to"}) {
    auto it = q.find(name);
    if (it == q.end() || it->second.empty()) continue;
    auto date = domain::time::CivilDate::parse(it->second);
    if (!date) {
      errors.push_back({name, "must be a real date YYYY-MM-DD"});
    } else if (std::string_view(name) == "received_from") {
      filters.received_from = date;
    } else {
      filters.received_to = date;
    }
  }
  if (auto v = ctx.request.query_param("overdue"); v && !v->empty()) {
    filters.overdue = parse_bool(*v);
    if (!filters.overdue) errors.push_back({"overdue", "must be true or false"});
  }
  if (!errors.empty()) {
    return http::problem(400, "invalid_field", errors.front().field + " " + errors.front().message,
                         errors);
  }
  const auto calendar = context.calendar();
  projections::CaseQueries queries(context.store(), *calendar);
  // Visibility is asked of each case the filters pass, after they pass: a page may hold fewer
  // than `limit` items while next_cursor still leads on (API.md's paging promises order and
  // completeness, not full pages; api/README.md item 8).
  const auth::Principal& user = ctx.user();
  auto page =
      queries.list(filters, context.today(), paging->limit, paging->cursor,
                   [&](const std::string& case_id) { return visible(context, user, case_id); });
  if (!page.ok()) return http::problem_from(page.status());
  return http::json_response(200, std::move(*page));
}

}  // namespace gongkai::api::routes
