// ChainVerifier: recomputes hashes and follows both chains over events fed to it in order. The
// RocksDB store uses it for `verify`, and the CLI for dossiers checked offline.
#pragma once

#include <string>
#include <unordered_map>

#include "eventstore/event_store.h"

namespace gongkai::eventstore {

class ChainVerifier {
 public:
  // global_log: events in position order, every position from 1; each stream's chain is checked
  // too. one_stream: the events of a single stream in version order from version 1.
  enum class Scope { global_log, one_stream };
  explicit ChainVerifier(Scope scope);

  // Checks `event` against its own hash and against the chain so far. Returns false once any
  // event was bad; later calls change nothing.
  bool add(const RecordedEvent& event);
  // Records that the event at `position` could not be read or decoded.
  void fail(std::uint64_t position, std::string why);
  [[nodiscard]] const VerifyReport& report() const { return report_; }

 private:
  struct StreamLink {
    std::uint64_t version = 0;
    std::string hash;
  };

  Scope scope_;
  VerifyReport report_;
  std::unordered_map<std::string, StreamLink> streams_;
};

}  // namespace gongkai::eventstore
