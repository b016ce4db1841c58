// The crash harness's read-back: with the server down, the store is opened offline and held
// against the Ledger. Every acked command must be there exactly once, definite failures never,
// indeterminate ones at most once; positions have no gaps; the global chain verifies; and every
// projection's state equals a rebuild from position 1 of a copy of the same store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "crash_clients.h"

namespace gongkai::tools::crash {

struct CheckFigures {
  std::uint64_t events = 0;
  std::uint64_t acked = 0;
  std::uint64_t definite = 0;
  std::uint64_t indeterminate = 0;
  std::uint64_t lost = 0;                   // acked, absent
  std::uint64_t duplicated = 0;             // any command present more than once
  std::uint64_t definite_present = 0;       // 4xx, present
  std::uint64_t indeterminate_present = 0;  // no answer, present once
  std::uint64_t gaps = 0;                   // positions out of 1..n order
  bool chain_ok = false;
  std::string projection_difference;  // "" when live equals rebuilt
  std::string error;                  // the store could not be read at all
};

// `store_dir`: the server's store (<data dir>/store); `scratch`: an empty directory for the
// rebuilt copy (removed again); `agency`: the server's agency code.
CheckFigures check_store(const std::filesystem::path& store_dir, const std::vector<Attempt>& ledger,
                         const std::filesystem::path& scratch, const std::string& agency);

}  // namespace gongkai::tools::crash
