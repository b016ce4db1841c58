// applicant_months on a real RocksDbEventStore with the ProjectionHost: registrations made by the
// real decider and appended with the codec; application_in_month answers each case's ordinal
// among its applicant's applications of the natural month (DOMAIN.md section 5), without the
// identity number in clear in the state (section 6); live state equals rebuilt.
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eventstore/codec/case_event_codec.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/applicants/applicant_months_projection.h"
#include "projections/projection_host.h"
#include "projections/registry.h"
#include "projections/projection_store.h"
#include "support/calendars.h"
#include "support/case_fixture.h"
#include "support/temp_dir.h"

using namespace gongkai;
using projections::applicants::application_in_month;
using testing::CaseFixture;
using testing::d;

namespace {

constexpr const char* kAlice = "370303199001011234";
constexpr const char* kBob = "110101198502023456";

using State = std::vector<std::pair<std::string, std::string>>;

// How the projection gets its registrations: decoded by itself (alone), or from the case feed it
// shares with the case views and reports (all_projections, as the server runs it).
enum class Decoding { own, shared_feed };

class ApplicantStore {
 public:
  explicit ApplicantStore(Decoding decoding = Decoding::own) : decoding_(decoding) { open(); }

  void open(std::set<std::string> rebuild = {}) {
    store_.reset();
    std::vector<std::shared_ptr<projections::Projection>> hosted;
    if (decoding_ == Decoding::own) {
      hosted.push_back(std::make_shared<projections::applicants::ApplicantMonthsProjection>());
    } else {
      hosted = projections::all_projections(testing::china_calendar());
    }
    store_ = testing::open_projection_store(dir_.path(), std::move(hosted), std::move(rebuild));
  }

  [[nodiscard]] const eventstore::EventStore& store() const { return *store_; }

  // Registers case `case_id` (received and registered on `received_on`, assigned to D1) for an
  // applicant with identity number `id_number` (empty: none), through the decider and the codec.
  void register_case(const std::string& case_id, std::string_view received_on,
                     const std::string& id_number, const std::string& name = "张三") {
    CaseFixture f;
    f.on(received_on);
    testing::dc::RegisterCase reg;
    reg.case_id = case_id;
    reg.applicant.name = name;
    reg.applicant.id_type = id_number.empty() ? "" : "resident_id";
    reg.applicant.id_number = id_number;
    reg.channel = testing::dc::Channel::in_person;
    reg.received_on = d(received_on);
    reg.description = "申请公开某项目的审批文件";
    reg.department = "D1";
    f.given(f.registrar, reg);
    eventstore::AppendRequest request;
    request.stream = eventstore::codec::case_stream(case_id);
    request.expected = eventstore::ExpectedVersion::no_stream();
    for (std::size_t i = 0; i < f.history.size(); ++i) {
      auto event =
          eventstore::codec::to_append(f.history[i], case_id + "#" + std::to_string(i + 1), "", "");
      REQUIRE(event.ok());
      request.events.push_back(std::move(event).value());
    }
    auto appended = store_->append(std::move(request));
    INFO(appended.status().reason() << ": " << appended.status().message());
    REQUIRE(appended.ok());
  }

  int ordinal(const std::string& case_id) const {
    auto n = application_in_month(*store_, case_id);
    INFO(case_id << ": " << n.status().reason() << ": " << n.status().message());
    REQUIRE(n.ok());
    return *n;
  }

  [[nodiscard]] State state() const {
    auto all = store_->scan_state("applicant_months/", 1'000'000);
    REQUIRE(all.ok());
    return *all;
  }

 private:
  Decoding decoding_;
  testing::TempDir dir_;
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
};

}  // namespace

SCENARIO("a case's ordinal counts its applicant's applications received in the same month",
         "[projections][applicant_months]") {
  GIVEN("Alice's applications in February, March (three) and April, and Bob's two in March") {
    ApplicantStore s;
    s.register_case("CJZ-2021-00001", "2021-02-26", kAlice);
    s.register_case("CJZ-2021-00002", "2021-03-01", kAlice);
    s.register_case("CJZ-2021-00003", "2021-03-01", kBob);
    s.register_case("CJZ-2021-00004", "2021-03-03", kAlice);
    s.register_case("CJZ-2021-00005", "2021-03-03", kBob);
    s.register_case("CJZ-2021-00006", "2021-03-31", kAlice);
    s.register_case("CJZ-2021-00007", "2021-04-01", kAlice);

    THEN("each of Alice's March applications is numbered within March only") {
      CHECK(s.ordinal("CJZ-2021-00002") == 1);
      CHECK(s.ordinal("CJZ-2021-00004") == 2);
      CHECK(s.ordinal("CJZ-2021-00006") == 3);
    }
    THEN("February and April start again at 1") {
      CHECK(s.ordinal("CJZ-2021-00001") == 1);
      CHECK(s.ordinal("CJZ-2021-00007") == 1);
    }
    THEN("Bob's applications are counted apart from Alice's") {
      CHECK(s.ordinal("CJZ-2021-00003") == 1);
      CHECK(s.ordinal("CJZ-2021-00005") == 2);
    }
  }
}

SCENARIO("the count follows the receipt date, then the registration order",
         "[projections][applicant_months]") {
  GIVEN("an application received on 03-10, then one received earlier (03-02) registered after it") {
    ApplicantStore s;
    s.register_case("CJZ-2021-00001", "2021-03-10", kAlice);
    s.register_case("CJZ-2021-00002", "2021-03-02", kAlice);
    s.register_case("CJZ-2021-00003", "2021-03-10", kAlice);
    THEN("the earlier receipt is the first of the month, same-day ones in registration order") {
      CHECK(s.ordinal("CJZ-2021-00002") == 1);
      CHECK(s.ordinal("CJZ-2021-00001") == 2);
      CHECK(s.ordinal("CJZ-2021-00003") == 3);
    }
  }
}

SCENARIO("one person's number written in several ways is one applicant; agencies count apart",
         "[projections][applicant_months]") {
  GIVEN(
      "the same number with a lower-case x, spaces and full-width digits, and at another agency") {
    ApplicantStore s;
    s.register_case("CJZ-2021-00001", "2021-03-01", "37030319900101123X");
    s.register_case("CJZ-2021-00002", "2021-03-02", "37030319900101123x");
    s.register_case("CJZ-2021-00003", "2021-03-03", "３７０３０３ 1990 0101 123X");
    s.register_case("HDQ-2021-00001", "2021-03-04", "37030319900101123X");
    THEN("the CJZ applications are the 1st, 2nd and 3rd; HDQ's is its own 1st") {
      CHECK(s.ordinal("CJZ-2021-00001") == 1);
      CHECK(s.ordinal("CJZ-2021-00002") == 2);
      CHECK(s.ordinal("CJZ-2021-00003") == 3);
      CHECK(s.ordinal("HDQ-2021-00001") == 1);
    }
  }
}

SCENARIO("an applicant without an identity number is counted alone",
         "[projections][applicant_months]") {
  GIVEN("two applications of the same name, without identity number, in one month") {
    ApplicantStore s;
    s.register_case("CJZ-2021-00001", "2021-03-01", "");
    s.register_case("CJZ-2021-00002", "2021-03-02", "");
    THEN("each is the 1st (nothing to count by: a name is not an identity)") {
      CHECK(s.ordinal("CJZ-2021-00001") == 1);
      CHECK(s.ordinal("CJZ-2021-00002") == 1);
    }
  }
}

TEST_CASE("a case the projection has not seen is case_not_found",
          "[projections][applicant_months]") {
  ApplicantStore s;
  s.register_case("CJZ-2021-00001", "2021-03-01", kAlice);
  auto n = application_in_month(s.store(), "CJZ-2021-00099");
  REQUIRE_FALSE(n.ok());
  CHECK(n.status().code() == domain::Code::not_found);
  CHECK(n.status().reason() == "case_not_found");
}

TEST_CASE("the applicant_months state holds no identity number and no name in clear",
          "[projections][applicant_months]") {
  // Given applications whose numbers are stored only as keyed hashes
  ApplicantStore s;
  s.register_case("CJZ-2021-00001", "2021-03-01", kAlice, "李四光");
  s.register_case("CJZ-2021-00002", "2021-03-02", "11010119850202345x", "王五");
  // When the projection's whole state is read
  const State state = s.state();
  REQUIRE(state.size() == 4);  // two month entries, two case entries
  // Then neither number (as typed or normalised, nor their masked middles) nor a name is there
  for (const auto& [key, value] : state) {
    for (const std::string& secret :
         {std::string(kAlice), std::string("11010119850202345x"), std::string("11010119850202345X"),
          std::string("19900101"), std::string("李四光"), std::string("王五")}) {
      INFO(key << " = " << value);
      CHECK(key.find(secret) == std::string::npos);
      CHECK(value.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("the applicant_months state built live equals the state rebuilt from the log",
          "[projections][applicant_months]") {
  // Given a mix of applicants, months, agencies and a missing number, applied live
  ApplicantStore s;
  s.register_case("CJZ-2021-00001", "2021-02-26", kAlice);
  s.register_case("CJZ-2021-00002", "2021-03-01", kAlice);
  s.register_case("CJZ-2021-00003", "2021-03-01", kBob);
  s.register_case("CJZ-2021-00004", "2021-03-01", "");
  s.register_case("HDQ-2021-00001", "2021-03-02", kAlice);
  const State live = s.state();
  REQUIRE(live.size() == 9);
  // When the store is reopened with the projection rebuilt from position 1
  s.open({"applicant_months"});
  // Then the state is the same key for key, and so are the answers
  CHECK(s.state() == live);
  CHECK(s.ordinal("CJZ-2021-00002") == 1);
  CHECK(s.ordinal("HDQ-2021-00001") == 1);
}

TEST_CASE("applicant_months fed by the shared case feed builds the state it builds alone",
          "[projections][applicant_months]") {
  // Given the same registrations appended to a store with the projection alone and to one with
  // every projection (applicant_months reading registrations from the feed the views share)
  ApplicantStore alone(Decoding::own);
  ApplicantStore shared(Decoding::shared_feed);
  for (ApplicantStore* s : {&alone, &shared}) {
    s->register_case("CJZ-2021-00001", "2021-03-01", kAlice);
    s->register_case("CJZ-2021-00002", "2021-03-01", kBob);
    s->register_case("CJZ-2021-00003", "2021-03-02", kAlice);
    s->register_case("CJZ-2021-00004", "2021-03-02", "");
  }
  // Then the states are equal key for key (the identity number reached the count unmasked)
  REQUIRE(alone.state().size() == 7);
  CHECK(shared.state() == alone.state());
  CHECK(shared.ordinal("CJZ-2021-00003") == 2);
  CHECK(shared.ordinal("CJZ-2021-00004") == 1);
  // And so is the state the shared feed's rebuild writes
  shared.open({"applicant_months"});
  CHECK(shared.state() == alone.state());
  CHECK(shared.ordinal("CJZ-2021-00003") == 2);
}
