// GET /queue (API.md): a handler's work queue, the open cases of their departments (or those
// assigned to them) by reply due date.
//
// Paged as API.md says ({items, next_cursor}, limit 1..500, default 50); the cursor is the last
// item's sort key, opaque to clients. The queue reads only the page asked for (it is the handlers'
// most frequent request): each owner's entries are stored in the queue's order, so limit + 1 of
// each, merged, hold the page and whether there is a next one.
#include <algorithm>
#include <utility>

#include "api/routes/list_support.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "projections/queues/queue_queries.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;
using domain::time::CivilDate;

// The whole of one owner's queue, page after page.
domain::Result<json> whole_queue(const projections::QueueQueries& queries,
                                 const projections::QueueOwner& owner, CivilDate today) {
  json items = json::array();
  std::string cursor;
  for (;;) {
    auto page = queries.queue(owner, today, kQueryPage, cursor);
    if (!page.ok()) return page.status();
    json body = json::parse(*page, nullptr, false);
    if (!body.is_object() || !body["items"].is_array()) {
      return domain::internal_error("queue_unreadable", "the queue is unreadable");
    }
    for (auto& item : body["items"]) items.push_back(std::move(item));
    if (!body["next_cursor"].is_string()) return items;
    cursor = body["next_cursor"].get<std::string>();
  }
}

// Sorts after every date: a case with no reply due date yet comes last.
constexpr char kUnknownDue[] = "9999-99-99";

// The queue's order: reply due date (unknown dates last), then case number.
std::string queue_key(const json& item) {
  return text_or(item, "reply_due_on", kUnknownDue) + "/" + text_or(item, "id", "");
}

// The queue projection's cursor for a page cursor "YYYY-MM-DD/<id>" (a queue_key): the projection
// keys an owner's entries "YYYYMMDD/<id>" ("99999999" for an unknown due date), which sort as the
// queue_keys do, digit for digit. nullopt for any other text (not one this server gave): such a
// cursor takes the whole-queue path, which compares it as text, as before.
std::optional<std::string> store_cursor(const std::string& cursor) {
  if (cursor.empty()) return std::string();
  if (cursor.size() < 11 || cursor[4] != '-' || cursor[7] != '-' || cursor[10] != '/') {
    return std::nullopt;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (cursor[i] < '0' || cursor[i] > '9') return std::nullopt;
  }
  return cursor.substr(0, 4) + cursor.substr(5, 2) + cursor.substr(8, 2) + cursor.substr(10);
}

// The first `wanted` items of one owner's queue after `cursor` (a store cursor) that pass the
// department filter, in the queue's order: pages of the projection until there are enough. Each
// item stays the text the projection wrote: the page is assembled from it, not parsed again.
domain::Result<std::vector<projections::QueueItem>> queue_head(
    const projections::QueueQueries& queries, const projections::QueueOwner& owner, CivilDate today,
    std::string cursor, std::size_t wanted, const std::optional<std::string>& department) {
  std::vector<projections::QueueItem> items;
  for (;;) {
    auto page =
        queries.queue_page(owner, today, std::min(kQueryPage, wanted - items.size()), cursor);
    if (!page.ok()) return page.status();
    for (auto& item : page->items) {
      if (department && item.department != *department) continue;
      items.push_back(std::move(item));
      if (items.size() == wanted) return items;
    }
    if (!page->next_cursor) return items;
    cursor = std::move(*page->next_cursor);
  }
}

// queue_key of an item the projection wrote, from the fields it carries beside its text.
std::string item_queue_key(const projections::QueueItem& item) {
  return (item.reply_due_on.empty() ? std::string(kUnknownDue) : item.reply_due_on) + "/" + item.id;
}

// GET /queue[?handler=me][&department=]: the open cases of the caller's departments (or those
// assigned to the caller), overdue first, paused last.
http::HttpResponse queue(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  std::optional<std::string> department;
  if (auto refused = read_department(ctx, false, &department)) return *refused;
  std::vector<projections::QueueOwner> owners;
  if (auto handler = ctx.request.query_param("handler"); handler && !handler->empty()) {
    if (*handler != "me") {
      return http::problem(400, "handler_invalid", "handler takes only me",
                           {{"handler", "must be me"}});
    }
    owners.push_back(projections::QueueOwner::handler(ctx.user().user_id));
  } else {
    for (const auto& code : ctx.user().departments) {
      if (!department || code == *department) {
        owners.push_back(projections::QueueOwner::department(code));
      }
    }
  }
  const auto calendar = context.calendar();
  projections::QueueQueries queries(context.store(), *calendar);
  if (auto cursor = store_cursor(paging->cursor)) {
    // Page-level: the page is among the first limit + 1 items of each owner after the cursor.
    std::vector<std::pair<std::string, projections::QueueItem>> keyed;
    for (const auto& owner : owners) {
      auto head =
          queue_head(queries, owner, context.today(), *cursor, paging->limit + 1, department);
      if (!head.ok()) return http::problem_from(head.status());
      for (auto& item : *head) {
        std::string key = item_queue_key(item);
        keyed.emplace_back(std::move(key), std::move(item));
      }
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    // Written as json_ok would write {"items": [...], "next_cursor": ...}: keys in order, each
    // item's text as the projection dumped it.
    const std::size_t shown = std::min(keyed.size(), paging->limit);
    std::string body = "{\"items\":[";
    for (std::size_t i = 0; i < shown; ++i) {
      if (i > 0) body += ',';
      body += keyed[i].second.json;
    }
    body += "],\"next_cursor\":";
    body += keyed.size() > shown ? dump(json(keyed[shown - 1].first)) : "null";
    body += '}';
    return http::json_response(200, std::move(body));
  }
  json items = json::array();
  for (const auto& owner : owners) {
    auto part = whole_queue(queries, owner, context.today());
    if (!part.ok()) return http::problem_from(part.status());
    for (auto& item : *part) {
      if (department && text_or(item, "department", "") != *department) continue;
      items.push_back(std::move(item));
    }
  }
  std::vector<json> sorted(items.begin(), items.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const json& a, const json& b) { return queue_key(a) < queue_key(b); });
  return json_ok(page_of(json(sorted), *paging, queue_key));
}

}  // namespace

void add_queue_routes(http::Router& router, app::ServerContext& context) {
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/queue",
       .operation_id = "queue",
       .summary = "Open cases of the caller's departments (or ?handler=me) by reply due date",
       .access = http::Access::roles,
       .roles = {Role::handler},
       .handler = [&context](http::RequestContext& ctx) { return queue(context, ctx); },
       .takes_body = false});
}

}  // namespace gongkai::api::routes
