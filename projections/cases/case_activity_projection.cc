#include "projections/cases/case_activity_projection.h"

#include <algorithm>
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

void append_decimal(std::string& out, std::uint64_t value) {
  char digits[20];  // a uint64 has at most 20
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

}  // namespace

void CaseActivityProjection::apply(const eventstore::RecordedEvent& event, StateWriter& /*state*/) {
  if (!event.stream.starts_with(kStreamPrefix)) return;
  const std::string_view case_id = std::string_view(event.stream).substr(kStreamPrefix.size());
  // Written in place: a case's entry keeps its buffer across its events (this runs for every
  // event of a replay on its applying thread; two to_string()s and four concatenations made
  // five strings an event).
  std::string& value = cases_[std::string(case_id)];
  value.clear();
  append_decimal(value, event.version);
  value += ' ';
  append_decimal(value, event.position);
  value += ' ';
  value += event.type;
  ++type_counts_[event.type];
  if (event.version == 1) {
    // "<agency>-<year>-<sequence>": the sequence is after the last dash.
    const auto dash = case_id.rfind('-');
    if (dash == std::string_view::npos || dash + 1 >= case_id.size()) return;
    const unsigned long long sequence = number_or_zero(std::string(case_id.substr(dash + 1)));
    auto& highest = sequences_[std::string(case_id.substr(0, dash))];
    highest = std::max<std::uint64_t>(highest, sequence);
  }
}

void CaseActivityProjection::flush(StateWriter& state) {
  for (const auto& [case_id, value] : cases_) state.put("case/" + case_id, value);
  for (const auto& [type, count] : type_counts_) {
    const std::string key = "type/" + type;
    state.put(key, padded(number_or_zero(state.get(key)) + count, 12));
  }
  for (const auto& [agency_year, sequence] : sequences_) {
    const std::string key = "sequence/" + agency_year;
    if (sequence > number_or_zero(state.get(key))) state.put(key, padded(sequence, 10));
  }
  cases_.clear();
  type_counts_.clear();
  sequences_.clear();
}

void CaseActivityProjection::flush_rebuild(StateWriter& state, bool last) {
  if (last || cases_.size() >= kHeldBackCases) flush(state);
}

}  // namespace gongkai::projections::cases
