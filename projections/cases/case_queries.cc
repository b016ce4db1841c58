#include "projections/cases/case_queries.h"

#include "projections/cases/view_json.h"
#include "projections/paging.h"

namespace gongkai::projections {
namespace {

using domain::time::CivilDate;
using json::Json;

constexpr std::string_view kCasePrefix = "cases/case/";

bool contains(const Json& doc, const char* field, const std::string& text) {
  const Json& value = doc.at(field);
  return value.is_string() && value.get<std::string>().find(text) != std::string::npos;
}

bool equals(const Json& doc, const char* field, const std::optional<std::string>& wanted) {
  if (!wanted) {
    return true;
  }
  const Json& value = doc.at(field);
  return value.is_string() && value.get<std::string>() == *wanted;
}

// Views are stored as JSON that escapes only '"', '\\' and control characters (json_writer.cc,
// nlohmann's dump): a `q` free of those appears verbatim in the stored text of every view it
// matches, so a view without it is skipped without parsing it.
bool may_match_stored(const CaseFilters& f, std::string_view stored) {
  if (!f.q) {
    return true;
  }
  for (const unsigned char c : *f.q) {
    if (c == '"' || c == '\\' || c < 0x20) {
      return true;
    }
  }
  return stored.find(*f.q) != std::string_view::npos;
}

// Every filter but `overdue`, which needs the clock as of today.
bool matches_stored(const CaseFilters& f, const Json& doc) {
  if (!equals(doc, "stage", f.stage) || !equals(doc, "department", f.department) ||
      !equals(doc, "handler", f.handler)) {
    return false;
  }
  const auto received = json::date_from(doc.at("received_on"));
  if (f.received_from && (!received || *received < *f.received_from)) {
    return false;
  }
  if (f.received_to && (!received || *received > *f.received_to)) {
    return false;
  }
  if (f.q && !contains(doc, "description", *f.q) && !contains(doc.at("applicant"), "name", *f.q)) {
    return false;
  }
  return true;
}

}  // namespace

domain::Result<std::string> CaseQueries::get(std::string_view case_id, CivilDate today) const {
  const std::string key = std::string(kCasePrefix).append(case_id);
  auto stored = store_.get_state(key);
  if (!stored.ok()) {
    if (stored.status().code() == domain::Code::not_found) {
      return domain::not_found("case_not_found", "no case " + std::string(case_id));
    }
    return stored.status();
  }
  try {
    auto doc = json::parse_object(*stored);
    if (!doc) {
      throw std::invalid_argument("not a JSON object");
    }
    return json::dump(json::with_clock(std::move(*doc), today, calendar_));
  } catch (const std::exception& e) {
    return corrupt_state(kCasePrefix, case_id, e);
  }
}

domain::Result<std::string> CaseQueries::list(const CaseFilters& filters, CivilDate today,
                                              std::size_t limit, std::string_view cursor) const {
  auto page = page_limit(limit);
  if (!page.ok()) {
    return page.status();
  }
  Json items = Json::array();
  Json next_cursor = nullptr;
  // Reads the views in chunks from the cursor on, only as far as the page needs (filters may
  // skip many): a page costs its own cases, not the whole store's.
  constexpr std::size_t kChunk = 256;
  std::string after(cursor);
  bool more = true;
  while (more && next_cursor.is_null()) {
    auto entries = scan_after(store_, kCasePrefix, after, kChunk);
    if (!entries.ok()) {
      return entries.status();
    }
    more = entries->size() == kChunk;
    for (const auto& [case_id, value] : *entries) {
      after = case_id;
      if (!may_match_stored(filters, value)) {
        continue;
      }
      try {
        auto doc = json::parse_object(value);
        if (!doc) {
          throw std::invalid_argument("not a JSON object");
        }
        if (!matches_stored(filters, *doc)) {
          continue;
        }
        Json summary = json::with_clock(std::move(*doc), today, calendar_);
        if (filters.overdue && summary.at("clock").at("overdue").get<bool>() != *filters.overdue) {
          continue;
        }
        if (items.size() == *page) {  // one more match exists: there is a next page
          next_cursor = items.back().at("id");
          break;
        }
        for (const char* field : {"consultations", "fee", "review", "archive"}) {
          summary.erase(field);
        }
        items.push_back(std::move(summary));
      } catch (const std::exception& e) {
        return corrupt_state(kCasePrefix, case_id, e);
      }
    }
  }
  return json::dump(Json{{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}});
}

}  // namespace gongkai::projections
