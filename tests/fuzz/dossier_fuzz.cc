// S1 target `dossier`: the offline checks of imported documents (RELIABILITY.md API10): a case
// dossier through eventstore::verify_dossier, and one exported record line through
// recorded_event_from_json. An even first byte picks the dossier, an odd one the record line; the
// rest is the text.
// Checked: a failed verification names a problem; an accepted record line writes back to a line
// that reads as the same record (recorded_event_json and recorded_event_from_json agree).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "eventstore/export/dossier_verifier.h"
#include "eventstore/export/recorded_json.h"
#include "fuzz_check.h"

namespace {

namespace es = gongkai::eventstore;

void check_dossier(std::string_view text) {
  const es::DossierVerification verification = es::verify_dossier(text);
  const es::VerifyReport& report = verification.report;
  if (report.ok) {
    GONGKAI_FUZZ_CHECK(report.first_bad_position == 0 && report.problem.empty(),
                       "a verified dossier names no bad position or problem");
    GONGKAI_FUZZ_CHECK(report.head_hash.size() == 64, "a verified dossier names its head hash");
  } else {
    GONGKAI_FUZZ_CHECK(!report.problem.empty(), "a refused dossier says why");
  }
}

void check_record(std::string_view text) {
  auto record = es::recorded_event_from_json(text);
  if (!record.ok()) return;
  const std::string line = es::recorded_event_json(*record);
  auto again = es::recorded_event_from_json(line);
  GONGKAI_FUZZ_CHECK(again.ok(), "a written record line reads back");
  GONGKAI_FUZZ_CHECK(es::recorded_event_json(*again) == line,
                     "a record line reads back as the same record");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    check_dossier(text);
  } else {
    check_record(text);
  }
  return 0;
}
