// A real RocksDbEventStore with every registered projection installed (registry.h, the China
// calendar), fed with case events made by the real decider (CaseFixture): `open_case` registers a
// case, the test drives it with the fixture's given/tick/replied, and `flush` appends what the
// fixture decided since the last flush to the stream case-<id> with the codec.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "eventstore/codec/case_event_codec.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/projection_host.h"
#include "projections/projection_store.h"
#include "projections/registry.h"
#include "projections/reports/reports_projection.h"
#include "support/case_fixture.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

class CaseStore {
 public:
  CaseStore() { open(); }

  // (Re)opens the store on the same directory; `rebuild` as ProjectionHost takes it.
  void open(std::set<std::string> rebuild = {}) {
    store_.reset();
    store_ = open_projection_store(dir_.path(), projections::all_projections(china_calendar()),
                                   std::move(rebuild));
  }

  [[nodiscard]] eventstore::EventStore& store() const { return *store_; }

  // A case registered on `received_on` by the fixture's registrar and assigned to D1.
  static CaseFixture open_case(
      const std::string& case_id, std::string_view received_on,
      domain::report::ApplicantType type = domain::report::ApplicantType::natural_person,
      const std::string& name = "张三") {
    CaseFixture f;
    f.on(received_on);
    dc::RegisterCase reg;
    reg.case_id = case_id;
    reg.applicant.type = type;
    reg.applicant.name = name;
    reg.applicant.id_number = "370303199001011234";
    reg.channel = dc::Channel::in_person;
    reg.received_on = d(received_on);
    reg.description = "申请公开某项目的审批文件";
    reg.department = "D1";
    f.given(f.registrar, reg);
    return f;
  }

  // Appends the fixture's events not yet appended, in one append to case-<id>.
  void flush(const CaseFixture& f) {
    const std::string& case_id = f.state.case_id;
    std::size_t& done = appended_[case_id];
    if (done == f.history.size()) {
      return;
    }
    eventstore::AppendRequest request;
    request.stream = eventstore::codec::case_stream(case_id);
    request.expected = eventstore::ExpectedVersion::exactly(done);
    for (std::size_t i = done; i < f.history.size(); ++i) {
      auto event =
          eventstore::codec::to_append(f.history[i], case_id + "#" + std::to_string(i + 1), "", "");
      REQUIRE(event.ok());
      request.events.push_back(std::move(event).value());
    }
    auto result = store_->append(std::move(request));
    INFO(result.status().reason() << ": " << result.status().message());
    REQUIRE(result.ok());
    done = f.history.size();
  }

 private:
  TempDir dir_;
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::map<std::string, std::size_t> appended_;
};

}  // namespace gongkai::testing
