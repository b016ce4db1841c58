// S1 target `calendar_text`: the holiday-arrangement text that `gongkai calendar import` reads
// from a file (domain/time/calendar_text.h; RELIABILITY.md API10: imported data is fuzzed).
// Checked: what parses formats to a canonical text that parses again to the same text, and
// builds a calendar.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/time/calendar_text.h"
#include "fuzz_check.h"

namespace dt = gongkai::domain::time;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto years = dt::parse_calendar_text(text);
  if (!years.ok()) {
    GONGKAI_FUZZ_CHECK(!years.status().message().empty(), "a refused text says why");
    return 0;
  }
  const std::string canonical = dt::format_calendar_text(*years);
  const auto again = dt::parse_calendar_text(canonical);
  GONGKAI_FUZZ_CHECK(again.ok(), "the canonical text of parsed years parses");
  GONGKAI_FUZZ_CHECK(dt::format_calendar_text(*again) == canonical,
                     "the canonical text is a fixed point");
  GONGKAI_FUZZ_CHECK(dt::calendar_from_text(text).ok(), "parsed years build a calendar");
  return 0;
}
