#include "projections/cases/case_folds.h"

#include <cstdio>

#include "eventstore/codec/case_event_codec.h"

namespace gongkai::projections {

std::optional<domain::cases::CaseEvent> decode_case_record(const eventstore::RecordedEvent& recorded) {
  if (!recorded.stream.starts_with("case-")) {
    return std::nullopt;
  }
  auto decoded = eventstore::codec::decode_case_event(recorded);
  if (!decoded.ok()) {
    return std::nullopt;  // unknown or undecodable: not this projection's concern
  }
  return std::move(decoded).value();
}

std::string agency_of(std::string_view case_id) {
  return std::string(case_id.substr(0, case_id.find('-')));
}

std::string padded(std::uint64_t number, int width) {
  std::string digits = std::to_string(number);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return digits;
}

std::string date_key(domain::time::CivilDate date) {
  return padded(static_cast<std::uint64_t>(date.year()), 4) +
         padded(static_cast<std::uint64_t>(date.month()), 2) +
         padded(static_cast<std::uint64_t>(date.day()), 2);
}

std::optional<domain::time::CivilDate> date_of_key(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8) return std::nullopt;
  return domain::time::CivilDate::parse(std::string(yyyymmdd.substr(0, 4)) + "-" +
                                        std::string(yyyymmdd.substr(4, 2)) + "-" +
                                        std::string(yyyymmdd.substr(6, 2)));
}

void replace_case_entries(std::string_view case_id,
                          const std::vector<std::pair<std::string, std::string>>& entries,
                          StateWriter& state) {
  const std::string at_key = "at/" + std::string(case_id);
  if (const auto listed = state.get(at_key)) {
    std::string_view rest = *listed;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const std::string_view key = rest.substr(0, end);
      if (!key.empty()) {
        state.remove(key);
      }
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  std::string keys;
  for (const auto& [key, value] : entries) {
    state.put(key, value);
    keys += key + "\n";
  }
  if (keys.empty()) {
    state.remove(at_key);
  } else {
    state.put(at_key, keys);
  }
}

}  // namespace gongkai::projections
