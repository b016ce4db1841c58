// The global event feed end to end: GET /api/v1/events (paging, redaction, roles), GET
// /api/v1/log/verify, and GET /api/v1/events/stream (server-sent events: live, resumable with
// Last-Event-ID, capped, ended by the server's stop).
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <catch2/catch.hpp>
#include <memory>

#include "support/test_server.h"

namespace gongkai::testing {

namespace {

// A server-sent event stream read line by line (a 10 s socket timeout fails a hung test).
class SseClient {
 public:
  SseClient(std::uint16_t port, const std::string& target, const std::string& token,
            const std::string& last_event_id = "")
      : session_("127.0.0.1", port) {
    session_.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request("GET", target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + token);
    if (!last_event_id.empty()) request.set("Last-Event-ID", last_event_id);
    session_.sendRequest(request);
    in_ = &session_.receiveResponse(response_);
  }
  [[nodiscard]] int status() const { return static_cast<int>(response_.getStatus()); }
  [[nodiscard]] std::string content_type() const { return response_.getContentType(); }

  // The next event's id and data (comments and retry lines skipped); id 0 when the stream ended.
  std::pair<std::uint64_t, nlohmann::json> next() {
    std::uint64_t id = 0;
    nlohmann::json data;
    std::string line;
    while (std::getline(*in_, line)) {
      if (line.starts_with("id: ")) id = std::stoull(line.substr(4));
      if (line.starts_with("data: ")) data = nlohmann::json::parse(line.substr(6));
      if (line.empty() && id != 0) return {id, data};
    }
    return {0, nullptr};
  }
  // The first line (the stream's opening: "retry: ...").
  std::string first_line() {
    std::string line;
    std::getline(*in_, line);
    return line;
  }
  // Whether the stream ends (EOF or a reset) after the events already sent.
  bool ends() {
    try {
      for (int sent = 0; sent < 100000; ++sent) {
        if (next().first == 0) return true;
      }
      return false;
    } catch (const std::exception&) {
      return true;
    }
  }

 private:
  Poco::Net::HTTPClientSession session_;
  Poco::Net::HTTPResponse response_;
  std::istream* in_ = nullptr;
};

struct FeedFixture {
  TestServer server;
  std::string registrar, supervisor, auditor, handler;

  explicit FeedFixture(api::app::ServerConfig config = {})
      : server(*domain::time::CivilDate::parse("2021-03-10"), std::move(config)) {
    server.add_department("D01");
    server.add_user("reg1", {"registrar"});
    server.add_user("sup1", {"supervisor"});
    server.add_user("aud1", {"auditor"});
    server.add_user("han1", {"handler"}, {"D01"});
    registrar = server.login("reg1");
    supervisor = server.login("sup1");
    auditor = server.login("aud1");
    handler = server.login("han1");
  }
  std::string register_case() {
    auto created = server.post("/api/v1/cases", registrar, registration_body());
    REQUIRE(created.status == 201);
    return created.json()["id"].get<std::string>();
  }
};

}  // namespace

TEST_CASE("the feed gives the whole log in order, paged, with stream and chained hashes",
          "[api][events]") {
  // Given two registered cases (and the people and session events before them)
  FeedFixture f;
  const auto first = f.register_case();
  const auto second = f.register_case();
  const auto head = f.server.context().store().head_position();

  // When an auditor walks the feed three events at a time
  std::vector<nlohmann::json> items;
  std::string cursor;
  int pages = 0;
  for (;;) {
    auto page = f.server.get("/api/v1/events?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor),
                             f.auditor);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("370303199001011234") == std::string::npos);
    CHECK(page.body.find("scrypt$") == std::string::npos);
    ++pages;
    const auto body = page.json();
    for (const auto& item : body["items"]) items.push_back(item);
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"].get<std::string>();
    REQUIRE(pages < 1000);
  }

  // Then every position from 1 to the head came once, in order, each chained to the one before
  REQUIRE(items.size() == head);
  std::vector<std::string> registered;
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(items[i]["position"] == i + 1);
    CHECK(items[i]["stream"].is_string());
    CHECK(items[i]["actor"].contains("role"));
    if (i > 0) CHECK(items[i]["prev_hash"] == items[i - 1]["hash"]);
    if (items[i]["type"] == "case.registered.v1") {
      registered.push_back(items[i]["data"]["case_id"].get<std::string>());
      CHECK(items[i]["stream"] == "case-" + registered.back());
      CHECK_FALSE(items[i]["summary_zh"].get<std::string>().empty());
      CHECK(items[i]["data"]["applicant"]["id_number_masked"] == "370303********1234");
    }
    if (items[i]["type"] == "user.password_set.v1") {
      CHECK(items[i]["data"]["password_record"] == "[redacted]");
    }
  }
  CHECK(registered == std::vector<std::string>{first, second});

  // And a supervisor may read it too, starting after a position
  auto after = f.server.get("/api/v1/events?after=" + std::to_string(head - 1), f.supervisor);
  REQUIRE(after.status == 200);
  REQUIRE(after.json()["items"].size() == 1);
  CHECK(after.json()["items"][0]["position"] == head);
  CHECK(after.json()["next_cursor"].is_null());
}

TEST_CASE("the feed refuses other roles and bad positions", "[api][events]") {
  FeedFixture f;
  CHECK(f.server.get("/api/v1/events", "").status == 401);
  CHECK(f.server.get("/api/v1/events", f.handler).code() == "role_forbids");
  CHECK(f.server.get("/api/v1/events", f.registrar).status == 403);
  CHECK(f.server.get("/api/v1/events/stream", f.handler).status == 403);
  CHECK(f.server.get("/api/v1/events?after=abc", f.auditor).code() == "after_invalid");
  CHECK(f.server.get("/api/v1/events?after=-1", f.auditor).status == 400);
  CHECK(f.server.get("/api/v1/events?limit=501", f.auditor).status == 400);
  CHECK(f.server.get("/api/v1/events/stream?after=x", f.auditor).code() == "after_invalid");
}

TEST_CASE("an auditor verifies the global chain; nobody else may", "[api][events]") {
  FeedFixture f;
  f.register_case();
  auto verified = f.server.get("/api/v1/log/verify", f.auditor);
  REQUIRE(verified.status == 200);
  const auto head = f.server.context().store().head_position();
  CHECK(verified.json()["ok"] == true);
  CHECK(verified.json()["events"] == head);
  auto last = f.server.get("/api/v1/events?after=" + std::to_string(head - 1), f.auditor);
  CHECK(verified.json()["head_hash"] == last.json()["items"][0]["hash"]);
  CHECK(f.server.get("/api/v1/log/verify", f.supervisor).status == 403);
  CHECK(f.server.get("/api/v1/log/verify", "").status == 401);
}

TEST_CASE("the event stream sends new events live and resumes after Last-Event-ID",
          "[api][events][sse]") {
  // Given a supervisor streaming from the current head
  FeedFixture f;
  const auto head = f.server.context().store().head_position();
  SseClient stream(f.server.port(), "/api/v1/events/stream?after=" + std::to_string(head),
                   f.supervisor);
  REQUIRE(stream.status() == 200);
  CHECK(stream.content_type().starts_with("text/event-stream"));
  CHECK(stream.first_line().starts_with("retry: "));

  // When a case is registered after the stream opened
  const auto id = f.register_case();

  // Then the stream delivers its registration with its position as the event id
  auto [position, data] = stream.next();
  CHECK(position == head + 1);
  CHECK(data["type"] == "case.registered.v1");
  CHECK(data["data"]["case_id"] == id);
  CHECK(data["position"] == position);

  // And a client resuming with Last-Event-ID (over a stale ?after=) gets what followed it
  f.register_case();
  SseClient resumed(f.server.port(), "/api/v1/events/stream?after=0", f.auditor,
                    std::to_string(position));
  auto [next, next_data] = resumed.next();
  CHECK(next == position + 1);
  CHECK(next_data["type"] == "case.registered.v1");
}

TEST_CASE("event streams are capped and end when the server stops", "[api][events][sse]") {
  api::app::ServerConfig config;
  config.max_event_streams = 1;
  FeedFixture f(config);
  SseClient open(f.server.port(), "/api/v1/events/stream?after=0", f.auditor);
  REQUIRE(open.status() == 200);
  REQUIRE(open.next().first == 1);  // the stream is being served

  // One more stream than the cap is refused with a code and Retry-After
  auto refused = f.server.get("/api/v1/events/stream", f.supervisor);
  CHECK(refused.status == 503);
  CHECK(refused.code() == "event_streams_exhausted");
  CHECK_FALSE(refused.header("retry-after").empty());
  // The rest of the API is still served
  CHECK(f.server.get("/api/v1/events?limit=1", f.supervisor).status == 200);

  // When the server stops, the open stream ends (stop() returns: the stream's thread finished)
  f.server.stop();
  CHECK(open.ends());
}

TEST_CASE("a stream's slot is freed once its client has left", "[api][events][sse]") {
  // Given the only stream slot taken by a client that then goes away
  api::app::ServerConfig config;
  config.max_event_streams = 1;
  FeedFixture f(config);
  {
    SseClient gone(f.server.port(), "/api/v1/events/stream?after=0", f.auditor);
    REQUIRE(gone.next().first == 1);
  }
  // When events follow (the server notices the client left at its next writes)
  // Then a new stream is accepted within a few events, without waiting for a heartbeat
  bool accepted = false;
  for (int event = 0; event < 50 && !accepted; ++event) {
    f.register_case();
    auto second = std::make_unique<SseClient>(f.server.port(), "/api/v1/events/stream?after=0",
                                              f.supervisor);
    accepted = second->status() == 200;
  }
  CHECK(accepted);
}

}  // namespace gongkai::testing
