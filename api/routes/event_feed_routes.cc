// The global event feed (API.md "The event feed"): GET /api/v1/events (paged), GET
// /api/v1/events/stream (server-sent events, live) and GET /api/v1/log/verify.
//
// The stream: `retry:` and a comment first, then per event `id: <position>` and `data: <the event
// as /events shows it>`; it resumes after the Last-Event-ID header (over ?after=, which a browser
// repeats unchanged when it reconnects). When nothing happens it waits on the store
// (wait_for_position) in short slices and sends a `: heartbeat` comment every kHeartbeat. It ends
// when the server stops (HttpServer::stopping()), when a write fails (the client left: noticed at
// the next event or heartbeat), or when the store stops (no event can come until a restart; the
// client reconnects). At most config max_event_streams are open at once; one more is
// 503 `event_streams_exhausted` with Retry-After: the cap protects the server's threads (one per
// stream), it is not the caller's rate, so not 429.
#include <atomic>
#include <charconv>
#include <chrono>
#include <memory>
#include <ostream>

#include "api/routes/feed_event_json.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "api/server/http_server.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

constexpr std::size_t kStreamBatch = 256;
constexpr auto kWaitSlice = std::chrono::milliseconds(250);
constexpr auto kHeartbeat = std::chrono::seconds(15);

// A position from the query or a header: nullopt when it is not a decimal number.
std::optional<std::uint64_t> read_position(const std::string& text) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Holds one of the open-stream slots until the stream (the response's streamer) is gone.
class StreamSlot {
 public:
  explicit StreamSlot(std::shared_ptr<std::atomic<int>> open) : open_(std::move(open)) {}
  ~StreamSlot() { --*open_; }
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;

 private:
  std::shared_ptr<std::atomic<int>> open_;
};

http::HttpResponse list_events(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  // `after` is the position to start after; the cursor (opaque to clients) is the same number.
  std::string after_text = ctx.request.query_param("after").value_or("0");
  if (!paging->cursor.empty()) after_text = paging->cursor;
  const auto after = read_position(after_text);
  if (!after) {
    return http::problem(400, "after_invalid", "after must be a position (a whole number)",
                         {{"after", "must be a whole number"}});
  }
  auto events = context.store().read_all(*after + 1, paging->limit);
  if (!events.ok()) return http::problem_from(events.status());
  json items = json::array();
  for (const auto& event : *events) items.push_back(feed_event_json(event));
  json next = nullptr;
  if (events->size() == paging->limit && events->back().position < context.store().head_position()) {
    next = std::to_string(events->back().position);
  }
  return json_ok({{"items", items},
                  {"next_cursor", next},
                  {"head_position", context.store().head_position()}});
}

// Writes events after `position` until the stream must end.
void stream_events(const eventstore::EventStore& store, std::uint64_t position, std::ostream& out) {
  out << "retry: 3000\n: gongkai event stream after " << position << "\n\n";
  out.flush();
  auto last_write = std::chrono::steady_clock::now();
  while (out.good() && !server::HttpServer::stopping()) {
    auto events = store.read_all(position + 1, kStreamBatch);
    if (!events.ok()) return;
    if (!events->empty()) {
      for (const auto& event : *events) {
        out << "id: " << event.position << "\ndata: "
            << feed_event_json(event).dump(-1, ' ', false, json::error_handler_t::replace)
            << "\n\n";
        position = event.position;
      }
      out.flush();
      last_write = std::chrono::steady_clock::now();
      continue;
    }
    if (store.wait_for_position(position, kWaitSlice)) continue;
    if (!store.health().ok() && store.head_position() <= position) return;
    if (std::chrono::steady_clock::now() - last_write >= kHeartbeat) {
      out << ": heartbeat\n\n";
      out.flush();
      last_write = std::chrono::steady_clock::now();
    }
  }
}

http::HttpResponse open_stream(app::ServerContext& context,
                               const std::shared_ptr<std::atomic<int>>& open,
                               http::RequestContext& ctx) {
  std::optional<std::uint64_t> after = 0;
  if (auto last = ctx.request.header("last-event-id")) {
    after = read_position(*last);
    if (!after) return http::problem(400, "last_event_id_invalid", "Last-Event-ID must be a position");
  } else if (auto text = ctx.request.query_param("after")) {
    after = read_position(*text);
    if (!after) {
      return http::problem(400, "after_invalid", "after must be a position (a whole number)",
                           {{"after", "must be a whole number"}});
    }
  }
  const int cap = context.config().max_event_streams;
  if (++*open > cap) {
    --*open;
    auto response = http::problem(503, "event_streams_exhausted",
                                  "the server has " + std::to_string(cap) +
                                      " event streams open; retry later");
    response.with_header("Retry-After", "5");
    return response;
  }
  auto slot = std::make_shared<StreamSlot>(open);
  http::HttpResponse response;
  response.content_type = "text/event-stream; charset=utf-8";
  response.with_header("Cache-Control", "no-store");
  response.with_header("X-Accel-Buffering", "no");
  const eventstore::EventStore* store = &context.store();
  response.streamer = [store, slot, from = *after](std::ostream& out) {
    stream_events(*store, from, out);
  };
  return response;
}

}  // namespace

void add_event_feed_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "GET",
              .pattern = "/api/v1/events",
              .operation_id = "listEvents",
              .summary = "The global log in order, each event as in a case's history plus stream",
              .access = http::Access::roles,
              .roles = {Role::auditor, Role::supervisor},
              .handler = [&context](http::RequestContext& ctx) { return list_events(context, ctx); },
              .takes_body = false});
  auto open = std::make_shared<std::atomic<int>>(0);
  router.add({.method = "GET",
              .pattern = "/api/v1/events/stream",
              .operation_id = "streamEvents",
              .summary = "The global log as server-sent events, live; resume with Last-Event-ID",
              .access = http::Access::roles,
              .roles = {Role::auditor, Role::supervisor},
              .handler = [&context, open](http::RequestContext& ctx) {
                return open_stream(context, open, ctx);
              },
              .takes_body = false});
  router.add({.method = "GET",
              .pattern = "/api/v1/log/verify",
              .operation_id = "verifyLog",
              .summary = "Recomputes the global hash chain: {ok, events, head_hash}",
              .access = http::Access::roles,
              .roles = {Role::auditor},
              .handler = [&context](http::RequestContext&) {
                const auto report = context.store().verify_log();
                json body = {{"ok", report.ok},
                             {"events", report.events},
                             {"head_position", report.head_position},
                             {"head_hash", report.head_hash}};
                if (!report.ok) {
                  body["first_bad_position"] = report.first_bad_position;
                  body["problem"] = report.problem;
                }
                return json_ok(body);
              },
              .takes_body = false});
}

}  // namespace gongkai::api::routes
