// verify_dossier: the offline check of a case dossier (api/DOSSIER.md, format gongkai.dossier.v1)
// with nothing but its text — no store, no server. A pure function, so the CLI
// (`gongkai verify --dossier`), the server and a fuzzer can share it.
//
// Checks, as api/DOSSIER.md "How to verify it offline" says: the document is a JSON object of that
// format naming its stream; every event is a complete record (export/recorded_json.h) of that
// stream; versions run 1, 2, … without a gap; each stream_prev_hash is the previous event's hash
// (64 zeros first); each hash is the SHA-256 of the event's canonical bytes (ChainVerifier,
// one_stream); and at the end head_hash is the last hash and stream_version the number of events.
// `server_verify` is not trusted (not read). The global prev_hash is covered by each hash but
// cannot be followed without the log.
#pragma once

#include <string>
#include <string_view>

#include "eventstore/event_store.h"

namespace gongkai::eventstore {

struct DossierVerification {
  // ok, events checked, the last good position and hash; otherwise the first bad position (the
  // event's own position, or 0 when the document itself is wrong: not JSON, another format, or a
  // stream_version / head_hash that does not match the events) and the problem.
  VerifyReport report;
  std::string case_id;  // as the dossier names them ("" when unreadable)
  std::string stream;
};

[[nodiscard]] DossierVerification verify_dossier(std::string_view text);

}  // namespace gongkai::eventstore
