#include "projections/cases/case_activity_projection.h"

#include <charconv>
#include <cstdio>
#include <string>

namespace gongkai::projections::cases {

namespace {

constexpr std::string_view kStreamPrefix = "case-";

std::string padded(unsigned long long value, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*llu", width, value);
  return text;
}

// Corrupt or missing text counts as zero (nothing may throw into the writer).
unsigned long long number_or_zero(const std::optional<std::string>& text) {
  unsigned long long value = 0;
  if (text) std::from_chars(text->data(), text->data() + text->size(), value);
  return value;
}

}  // namespace

void CaseActivityProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  if (!event.stream.starts_with(kStreamPrefix)) return;
  const std::string case_id = event.stream.substr(kStreamPrefix.size());
  state.put("case/" + case_id, std::to_string(event.version) + " " +
                                   std::to_string(event.position) + " " + event.type);
  const std::string type_key = "type/" + event.type;
  state.put(type_key, padded(number_or_zero(state.get(type_key)) + 1, 12));
  if (event.version == 1) {
    // "<agency>-<year>-<sequence>": the sequence is after the last dash.
    const auto dash = case_id.rfind('-');
    if (dash == std::string::npos || dash + 1 >= case_id.size()) return;
    const std::string key = "sequence/" + case_id.substr(0, dash);
    const unsigned long long sequence = number_or_zero(case_id.substr(dash + 1));
    if (sequence > number_or_zero(state.get(key))) state.put(key, padded(sequence, 10));
  }
}

}  // namespace gongkai::projections::cases
