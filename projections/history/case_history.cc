#include "projections/history/case_history.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/record_codec.h"
#include "projections/history/event_summary.h"

namespace gongkai::projections::history {
namespace {

namespace codec = eventstore::codec;
using domain::Result;
using domain::Status;

constexpr std::size_t kPage = 512;

domain::Status case_not_found(std::string_view case_id) {
  return domain::not_found("case_not_found", "no case " + std::string(case_id));
}

// Calls `visit` for every event of the stream from version `from` on, in order, until it returns
// false. Reads `page_size` events at a time: a caller that wants a page of history reads that
// page, not 512 events of a case that has them (a history page read 512 positions to answer 51
// under the soak, whose cases gather hundreds of notes).
Status for_each_event(const eventstore::EventStore& store, const std::string& stream,
                      const std::function<bool(const eventstore::RecordedEvent&)>& visit,
                      std::uint64_t from = 1, std::size_t page_size = kPage) {
  for (;;) {
    auto page = store.read_stream_forward(stream, from, page_size);
    if (!page.ok()) {
      return page.status();
    }
    for (const eventstore::RecordedEvent& event : *page) {
      if (!visit(event)) {
        return {};
      }
      from = event.version + 1;
    }
    if (page->size() < page_size) {
      return {};
    }
  }
}

Result<CaseAsOf> fold_while(const eventstore::EventStore& store, std::string_view case_id,
                            const std::function<bool(const eventstore::RecordedEvent&)>& take) {
  CaseAsOf out;
  Status decode_error;
  const Status read = for_each_event(store, codec::case_stream(case_id),
                                     [&](const eventstore::RecordedEvent& recorded) {
                                       if (!take(recorded)) {
                                         return false;
                                       }
                                       auto event = codec::decode_case_event(recorded);
                                       if (!event.ok()) {
                                         decode_error = event.status();
                                         return false;
                                       }
                                       domain::cases::evolve(out.state, *event);
                                       out.version = recorded.version;
                                       out.position = recorded.position;
                                       return true;
                                     });
  if (!read.ok()) {
    return read;
  }
  if (!decode_error.ok()) {
    return decode_error;
  }
  if (out.version == 0) {
    return case_not_found(case_id);
  }
  return out;
}

// Stored data is canonical JSON written by the codec; should it not parse, it shows as null
// rather than throw.
nlohmann::json data_object(const std::string& data_json) {
  auto data = nlohmann::json::parse(data_json, nullptr, false);
  return data.is_discarded() ? nlohmann::json() : data;
}

}  // namespace

Result<std::vector<HistoryEntry>> case_history(const eventstore::EventStore& store,
                                               std::string_view case_id,
                                               std::uint64_t after_version,
                                               std::size_t max_entries) {
  std::vector<HistoryEntry> entries;
  Status decode_error;
  const Status read = for_each_event(
      store, codec::case_stream(case_id), [&](const eventstore::RecordedEvent& recorded) {
        if (entries.size() == max_entries) {
          return false;
        }
        auto event = codec::decode_case_event(recorded);
        if (!event.ok()) {
          decode_error = event.status();
          return false;
        }
        HistoryEntry entry;
        entry.position = recorded.position;
        entry.version = recorded.version;
        entry.type = recorded.type;
        entry.recorded_at = codec::format_instant(recorded.recorded_at);
        entry.actor = domain::cases::event_base(*event).actor;
        entry.data_json = recorded.data_json;
        entry.summary_zh = summary_zh(*event);
        entry.hash = recorded.hash;
        entry.prev_hash = recorded.prev_hash;
        entries.push_back(std::move(entry));
        return entries.size() < max_entries;
      },
      after_version + 1, std::clamp<std::size_t>(max_entries, 1, kPage));
  if (!read.ok()) {
    return read;
  }
  if (!decode_error.ok()) {
    return decode_error;
  }
  if (entries.empty() && after_version == 0) {
    return case_not_found(case_id);
  }
  return entries;
}

std::string history_to_json(const std::vector<HistoryEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const HistoryEntry& e : entries) {
    out.push_back({
        {"position", e.position},
        {"version", e.version},
        {"type", e.type},
        {"recorded_at", e.recorded_at},
        {"actor", {{"id", e.actor.id}, {"role", domain::policy::role_name(e.actor.role)}}},
        {"data", data_object(e.data_json)},
        {"summary_zh", e.summary_zh},
        {"hash", e.hash},
        {"prev_hash", e.prev_hash},
    });
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<CaseAsOf> case_as_of(const eventstore::EventStore& store, std::string_view case_id,
                            std::uint64_t position) {
  return fold_while(store, case_id, [position](const eventstore::RecordedEvent& e) {
    return e.position <= position;
  });
}

Result<CaseAsOf> case_as_of_instant(const eventstore::EventStore& store, std::string_view case_id,
                                    domain::time::Instant instant) {
  return fold_while(store, case_id, [instant](const eventstore::RecordedEvent& e) {
    return e.recorded_at <= instant;
  });
}

}  // namespace gongkai::projections::history
