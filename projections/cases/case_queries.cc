#include "projections/cases/case_queries.h"

#include "projections/cases/case_search_projection.h"
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

// One page of the list: the cases offered (in case-id order) that pass the filters, up to the
// page's size, and the cursor for the next page once one more passes.
class ListPage {
 public:
  ListPage(const CaseFilters& filters, CivilDate today, const domain::time::Calendar& calendar,
           std::size_t size, const CaseQueries::ShownPredicate& shown)
      : filters_(filters), today_(today), calendar_(calendar), size_(size), shown_(shown) {}

  // Takes the case if it passes the filters; false once the page is full (the next page starts
  // after its last item). Throws on a stored view it cannot read.
  bool offer(std::string_view case_id, std::string_view stored) {
    last_offered_ = case_id;
    auto doc = json::parse_object(stored);
    if (!doc) {
      throw std::invalid_argument("not a JSON object");
    }
    if (!matches_stored(filters_, *doc)) {
      return true;
    }
    Json summary = json::with_clock(std::move(*doc), today_, calendar_);
    if (filters_.overdue && summary.at("clock").at("overdue").get<bool>() != *filters_.overdue) {
      return true;
    }
    if (taken_ == size_) {  // one more match exists: there is a next page
      next_cursor_ = last_taken_;
      return false;
    }
    ++taken_;
    last_taken_ = std::string(case_id);
    if (shown_ && !shown_(last_taken_)) {
      return true;
    }
    for (const char* field : {"consultations", "fee", "review", "archive"}) {
      summary.erase(field);
    }
    items_.push_back(std::move(summary));
    return true;
  }

  [[nodiscard]] std::string body() {
    return json::dump(Json{{"items", std::move(items_)}, {"next_cursor", std::move(next_cursor_)}});
  }
  [[nodiscard]] const std::string& last_offered() const { return last_offered_; }

 private:
  const CaseFilters& filters_;
  CivilDate today_;
  const domain::time::Calendar& calendar_;
  std::size_t size_;
  const CaseQueries::ShownPredicate& shown_;
  std::size_t taken_ = 0;   // cases that passed the filters, shown or not
  std::string last_taken_;  // the last of them: the next page starts after it
  Json items_ = Json::array();
  Json next_cursor_ = nullptr;
  std::string last_offered_;
};

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
                                              std::size_t limit, std::string_view cursor,
                                              const ShownPredicate& shown) const {
  auto page = page_limit(limit);
  if (!page.ok()) {
    return page.status();
  }
  ListPage list_page(filters, today, calendar_, *page, shown);
  try {
    if (filters.q) {
      // Only the cases whose text holds q are read, one by one, in case-id order.
      domain::Status read_error = domain::Status::ok_status();
      auto walked = for_each_candidate(store_, *filters.q, cursor, [&](const std::string& id) {
        auto stored = store_.get_state(std::string(kCasePrefix).append(id));
        if (!stored.ok()) {
          const bool missing = stored.status().code() == domain::Code::not_found;
          if (!missing) read_error = stored.status();
          return missing;
        }
        return list_page.offer(id, *stored);
      });
      if (!walked.ok()) {
        return walked;
      }
      if (!read_error.ok()) {
        return read_error;
      }
      return list_page.body();
    }
    // Reads the views in chunks from the cursor on, only as far as the page needs (filters may
    // skip many): a page costs its own cases, not the whole store's.
    constexpr std::size_t kChunk = 256;
    std::string after(cursor);
    for (bool more = true; more;) {
      auto entries = scan_after(store_, kCasePrefix, after, kChunk);
      if (!entries.ok()) {
        return entries.status();
      }
      more = entries->size() == kChunk;
      for (const auto& [case_id, value] : *entries) {
        after = case_id;
        if (!list_page.offer(case_id, value)) {
          return list_page.body();
        }
      }
    }
  } catch (const std::exception& e) {
    return corrupt_state(kCasePrefix, list_page.last_offered(), e);
  }
  return list_page.body();
}

}  // namespace gongkai::projections
