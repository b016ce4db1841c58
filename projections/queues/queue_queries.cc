#include "projections/queues/queue_queries.h"

#include "projections/cases/view_json.h"
#include "projections/paging.h"

namespace gongkai::projections {

using json::Json;

domain::Result<QueuePage> QueueQueries::queue_page(const QueueOwner& owner,
                                                   domain::time::CivilDate today, std::size_t limit,
                                                   std::string_view cursor) const {
  if (owner.id.empty()) {
    return domain::invalid_argument("queue_owner_required", "a department or handler is required");
  }
  auto page = page_limit(limit);
  if (!page.ok()) {
    return page.status();
  }
  const std::string prefix = std::string("queues/") +
                             (owner.kind == QueueOwner::Kind::department ? "dept/" : "handler/") +
                             owner.id + "/";
  auto entries = scan_after(store_, prefix, cursor, *page + 1);  // one more: is there a next page?
  if (!entries.ok()) {
    return entries.status();
  }
  QueuePage result;
  std::string last_key;
  for (const auto& [key, value] : *entries) {
    if (result.items.size() == *page) {
      result.next_cursor = last_key;
      break;
    }
    try {
      auto entry = json::parse_object(value);
      if (!entry) {
        throw std::invalid_argument("not a JSON object");
      }
      const auto clock = clock_on(json::basis_from(entry->at("clock_basis")), today, calendar_);
      Json item = json::clock(clock);
      item.erase("extension");
      for (const char* field : {"id", "stage", "department", "handler", "received_on"}) {
        item[field] = entry->at(field);
      }
      const auto text = [&item](const char* field) {
        const auto value = item.find(field);
        return value != item.end() && value->is_string() ? value->get<std::string>()
                                                         : std::string();
      };
      result.items.push_back({.id = text("id"),
                              .department = text("department"),
                              .reply_due_on = text("reply_due_on"),
                              .json = json::dump(item)});
      last_key = key;
    } catch (const std::exception& e) {
      return corrupt_state(prefix, key, e);
    }
  }
  return result;
}

domain::Result<std::string> QueueQueries::queue(const QueueOwner& owner,
                                                domain::time::CivilDate today, std::size_t limit,
                                                std::string_view cursor) const {
  auto page = queue_page(owner, today, limit, cursor);
  if (!page.ok()) {
    return page.status();
  }
  std::string out = "{\"items\":[";
  for (std::size_t i = 0; i < page->items.size(); ++i) {
    if (i > 0) out += ',';
    out += page->items[i].json;
  }
  out += "],\"next_cursor\":";
  out += page->next_cursor ? json::dump(Json(*page->next_cursor)) : "null";
  out += '}';
  return out;
}

}  // namespace gongkai::projections
