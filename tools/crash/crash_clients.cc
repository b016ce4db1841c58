#include "crash_clients.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>

#include <ctime>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

namespace gongkai::tools::crash {
namespace {

using Poco::Net::HTTPRequest;

struct Reply {
  int status = 0;
  std::string body;
};

// Throws Poco::Exception on connect errors, resets and timeouts.
Reply exchange(Poco::Net::HTTPClientSession& session, const std::string& path,
               const std::string& token, const std::string& body, const std::string& key,
               const std::string& if_match = "") {
  HTTPRequest request(HTTPRequest::HTTP_POST, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setKeepAlive(true);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  if (!key.empty()) request.set("Idempotency-Key", key);
  if (!if_match.empty()) request.set("If-Match", if_match);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply reply{.status = static_cast<int>(response.getStatus()), .body = {}};
  reply.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return reply;
}

std::unique_ptr<Poco::Net::HTTPClientSession> connect(const Target& target) {
  auto session = std::make_unique<Poco::Net::HTTPClientSession>(target.host, target.port);
  session->setKeepAlive(true);
  session->setTimeout(Poco::Timespan(10, 0));
  return session;
}

std::string yesterday() {  // a received_on that is never in the future in the agency's zone
  const std::time_t t = std::time(nullptr) - 86'400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

std::string registration(const std::string& key) {
  const nlohmann::json body = {
      {"applicant",
       {{"type", "natural_person"},
        {"name", "张三"},
        {"id_type", "resident_id"},
        {"id_number", "370303199001011234"},
        {"phone", "13800000000"}}},
      {"channel", "in_person"},
      {"received_on", yesterday()},
      {"department", "D01"},
      {"description", key},
      {"delivery", {{"form", "electronic"}, {"method", "email"}}},
  };
  return body.dump();
}

void run_client(const Target& target, int cycle, std::uint64_t seed, ClientState& state,
                Ledger& ledger, const std::atomic<bool>& stop) {
  std::mt19937_64 random(seed ^ (static_cast<std::uint64_t>(cycle) << 32) ^
                         static_cast<std::uint64_t>(state.index));
  auto session = connect(target);
  while (!stop.load()) {
    Attempt attempt;
    attempt.key = "crk-" + std::to_string(cycle) + "-" + std::to_string(state.index) + "-" +
                  std::to_string(state.next++);
    attempt.registration = state.case_ids.empty() || random() % 4 == 0;
    const std::string path = attempt.registration
                                 ? "/api/v1/cases"
                                 : "/api/v1/cases/" + state.case_ids[random() % state.case_ids.size()] +
                                       "/add-note";
    const std::string body = attempt.registration
                                 ? registration(attempt.key)
                                 : nlohmann::json{{"text", attempt.key}}.dump();
    // One note in eight names a case version that never exists: a definite failure (412) the
    // store must not hold, refused by the expected-version check that also guards every append.
    const bool stale = !attempt.registration && random() % 8 == 0;
    try {
      const Reply reply =
          exchange(*session, path, target.token, body, attempt.key, stale ? "\"999999\"" : "");
      attempt.status = reply.status;
      if (reply.status >= 200 && reply.status < 300) {
        attempt.outcome = Outcome::acked;
        if (attempt.registration) {
          const auto json = nlohmann::json::parse(reply.body, nullptr, false);
          if (json.is_object() && json.contains("id") && json["id"].is_string()) {
            state.case_ids.push_back(json["id"].get<std::string>());
          }
        }
      } else if (reply.status >= 400 && reply.status < 500) {
        attempt.outcome = Outcome::definite_failure;
      } else {
        attempt.outcome = Outcome::indeterminate;  // 503 (fail-stop, not ready) or another 5xx
      }
    } catch (const Poco::Net::ConnectionRefusedException&) {
      // Never reached a server (it is dead): nothing to file.
      session = connect(target);
      continue;
    } catch (const Poco::Exception&) {
      attempt.outcome = Outcome::indeterminate;  // reset or timeout: the server may have it
      session = connect(target);
    }
    ledger.file(std::move(attempt));
  }
}

}  // namespace

void Ledger::file(Attempt attempt) {
  std::lock_guard lock(mutex_);
  attempts_.push_back(std::move(attempt));
}

std::vector<Attempt> Ledger::attempts() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

ClientRun::ClientRun(const Target& target, int cycle, std::uint64_t seed,
                     std::vector<ClientState>& clients, Ledger& ledger) {
  for (auto& client : clients) {
    threads_.emplace_back([this, target, cycle, seed, &client, &ledger] {
      run_client(target, cycle, seed, client, ledger, stop_);
    });
  }
}

ClientRun::~ClientRun() { stop_and_join(); }

void ClientRun::stop_and_join() {
  stop_ = true;
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

std::string login(const Target& target, const std::string& username, const std::string& password,
                  std::string& error) {
  try {
    auto session = connect(target);
    const nlohmann::json body = {{"username", username}, {"password", password}};
    const Reply reply = exchange(*session, "/api/v1/sessions", "", body.dump(), "");
    const auto json = nlohmann::json::parse(reply.body, nullptr, false);
    if (reply.status == 201 && json.is_object() && json.contains("token")) {
      return json["token"].get<std::string>();
    }
    error = "login as " + username + " refused with HTTP " + std::to_string(reply.status);
  } catch (const Poco::Exception& e) {
    error = "login as " + username + ": " + e.displayText();
  }
  return "";
}

}  // namespace gongkai::tools::crash
