#include "projections/cases/case_folds.h"

#include <cstdio>
#include <variant>

#include "domain/privacy/identity_number.h"
#include "eventstore/codec/case_event_codec.h"

namespace gongkai::projections {
namespace {

namespace dc = domain::cases;

// Far above any real case (10-30 events), and small enough that a scan's limit plus the overlay's
// pending writes cannot overflow.
constexpr std::size_t kMaxEventsPerCase = 100'000;
// Folds kept in memory: the open cases of a busy agency; past it the cache starts again.
constexpr std::size_t kMaxCachedFolds = 4096;

std::string events_prefix(std::string_view case_id) {
  return "events/" + std::string(case_id) + "/";
}

// Stored value: "<type>\n<actor>\n<recorded_at micros>\n<data json>".
std::string encode(std::string_view type, std::string_view actor, domain::time::Instant at,
                   std::string_view data_json) {
  std::string out;
  out.reserve(type.size() + actor.size() + data_json.size() + 24);
  out.append(type).append("\n").append(actor).append("\n");
  out.append(std::to_string(at.unix_micros())).append("\n").append(data_json);
  return out;
}

std::optional<dc::CaseEvent> decode(std::string_view case_id, std::string_view value) {
  const auto a = value.find('\n');
  const auto b = a == std::string_view::npos ? a : value.find('\n', a + 1);
  const auto c = b == std::string_view::npos ? b : value.find('\n', b + 1);
  if (c == std::string_view::npos) {
    return std::nullopt;
  }
  eventstore::RecordedEvent recorded;
  recorded.stream = eventstore::codec::case_stream(case_id);
  recorded.type = std::string(value.substr(0, a));
  recorded.actor = std::string(value.substr(a + 1, b - a - 1));
  std::int64_t micros = 0;
  try {
    micros = std::stoll(std::string(value.substr(b + 1, c - b - 1)));
  } catch (const std::exception&) {
    return std::nullopt;  // not written by encode(): skip it like an undecodable event
  }
  recorded.recorded_at = domain::time::Instant::from_unix_micros(micros);
  recorded.data_json = std::string(value.substr(c + 1));
  return decode_case_record(recorded);
}

}  // namespace

std::optional<dc::CaseEvent> decode_case_record(const eventstore::RecordedEvent& recorded) {
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

dc::CaseState CaseFolds::load(std::string_view case_id, const StateReader& state) {
  dc::CaseState folded;
  for (const auto& [key, value] : state.scan(events_prefix(case_id), kMaxEventsPerCase)) {
    if (auto event = decode(case_id, value)) {
      dc::evolve(folded, *event);
    }
  }
  return folded;
}

dc::CaseState CaseFolds::record(const eventstore::RecordedEvent& recorded,
                                const dc::CaseEvent& event, StateWriter& state) {
  const std::string& case_id = dc::event_base(event).case_id;
  dc::CaseState folded;  // a stream's first event folds onto nothing: no need to read
  if (recorded.version > 1) {
    auto cached = cache_.find(case_id);
    folded = cached != cache_.end() && cached->second.version + 1 == recorded.version
                 ? std::move(cached->second.state)
                 : load(case_id, state);
  }
  dc::CaseEvent stored = event;
  std::optional<std::string> value;
  if (auto* registered = std::get_if<dc::CaseRegistered>(&stored)) {
    // The one event with an identity number: stored re-encoded, with the number masked and the
    // contact details (which no view shows) left out: personal data stays in the log only.
    registered->applicant.id_number =
        domain::privacy::mask_id_number(registered->applicant.id_number);
    registered->applicant.phone.clear();
    registered->applicant.address.clear();
    registered->applicant.email.clear();
    if (auto append = eventstore::codec::to_append(stored, recorded.event_id, "", "");
        append.ok()) {
      value = encode(append->type, append->actor, append->recorded_at, append->data_json);
    }
  } else {
    value = encode(recorded.type, recorded.actor, recorded.recorded_at, recorded.data_json);
  }
  // An event that does not re-encode (cannot happen for one that decoded) is still folded now;
  // it would be missing from later folds, which the rebuild tests would show.
  if (value) {
    state.put(events_prefix(case_id) + padded(recorded.version), *value);
  }
  dc::evolve(folded, stored);
  if (cache_.size() >= kMaxCachedFolds && cache_.find(case_id) == cache_.end()) {
    cache_.clear();
  }
  cache_[case_id] = Cached{folded, recorded.version};
  return folded;
}

}  // namespace gongkai::projections
