// The life of one generated case, planned up front from a random generator (case_generator.h).
// A script is a list of steps, each with a delay in working days after the previous one; what a
// step sends (consultation id, fee amount, due dates) is worked out from the case when it runs.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "domain/cases/case_vocabulary.h"

namespace gongkai::projections::commands {

enum class StepKind {
  acknowledge,
  assign,
  request_correction,
  receive_correction,
  receive_correction_late,  // after the lapse, dated on the deadline: voids the lapse
  tick_correction_lapse,
  transfer,
  start_consultation,
  reply_consultation,
  close_consultation,
  tick_consultation_lapse,
  issue_fee_notice,
  pay_fee,
  tick_fee_lapse,
  request_extension,
  approve_extension,
  reject_extension,
  notify_extension,
  tick_warn,    // on the reply's due date
  tick_missed,  // the day after it
  add_note,
  withdraw,
  submit_reply,
  return_reply,
  approve_reply,
  issue_reply,
  record_remedy,
  reopen,
  archive,
};

struct Step {
  StepKind kind;
  int delay = 0;  // working days after the previous step (ticks ignore it: they follow clocks)
  int arg = 0;    // step-specific choice (consultation kind, fee basis, disposition, ...)
};

struct CasePlan {
  bool assign_at_registration = false;
  int channel = 0;
  int applicant_type = 0;
  std::vector<Step> steps;
};

[[nodiscard]] CasePlan plan_case(std::mt19937_64& random);

// A uniform integer in [low, high].
[[nodiscard]] inline int pick(std::mt19937_64& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}
// True with probability `p`.
[[nodiscard]] inline bool chance(std::mt19937_64& random, double p) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(random) < p;
}

}  // namespace gongkai::projections::commands
