#include "projections/commands/case_script.h"

#include <cstddef>

namespace gongkai::projections::commands {

namespace {

using Steps = std::vector<Step>;

// The closing of an open case: a reply through review (sometimes returned once), or a withdrawal.
void plan_reply(std::mt19937_64& r, Steps& s) {
  if (chance(r, 0.05)) {
    s.push_back({StepKind::withdraw, pick(r, 1, 3)});
    return;
  }
  s.push_back({StepKind::submit_reply, pick(r, 1, 5), pick(r, 0, 1000)});
  if (chance(r, 0.15)) {
    s.push_back({StepKind::return_reply, pick(r, 0, 2)});
    s.push_back({StepKind::submit_reply, pick(r, 1, 3), pick(r, 0, 1000)});
  }
  s.push_back({StepKind::approve_reply, pick(r, 0, 2)});
  s.push_back({StepKind::issue_reply, pick(r, 0, 2), pick(r, 0, 3)});
}

// Returns false when the case closes by a lapse.
bool plan_correction(std::mt19937_64& r, Steps& s) {
  s.push_back({StepKind::request_correction, pick(r, 1, 3), pick(r, 10, 20)});
  const int outcome = pick(r, 0, 99);
  if (outcome < 65) {
    s.push_back({StepKind::receive_correction, pick(r, 2, 8)});
    return true;
  }
  s.push_back({StepKind::tick_correction_lapse, 0});
  if (outcome < 90) return false;
  s.push_back({StepKind::receive_correction_late, pick(r, 0, 1)});
  return true;
}

void plan_consultations(std::mt19937_64& r, Steps& s) {
  const int count = chance(r, 0.25) ? 2 : 1;
  for (int i = 0; i < count; ++i) {
    const int kind = pick(r, 0, 2);  // third_party, co_producer, other_agency
    s.push_back({StepKind::start_consultation, pick(r, 1, 3), kind});
    if (kind == 2) {
      s.push_back({chance(r, 0.5) ? StepKind::reply_consultation : StepKind::close_consultation,
                   pick(r, 3, 10), pick(r, 0, 2)});
    } else if (chance(r, 0.7)) {
      s.push_back({StepKind::reply_consultation, pick(r, 2, 12), pick(r, 0, 2)});
    } else {
      s.push_back({StepKind::tick_consultation_lapse, 0});
    }
  }
}

// Returns false when the case closes by the fee's lapse.
bool plan_fee(std::mt19937_64& r, Steps& s) {
  s.push_back({StepKind::issue_fee_notice, pick(r, 1, 2), pick(r, 0, 1000)});
  if (chance(r, 0.75)) {
    s.push_back({StepKind::pay_fee, pick(r, 1, 10)});
    return true;
  }
  s.push_back({StepKind::tick_fee_lapse, 0});
  return false;
}

void plan_extension(std::mt19937_64& r, Steps& s) {
  s.push_back({StepKind::request_extension, pick(r, 1, 3), pick(r, 5, 20)});
  if (chance(r, 0.8)) {
    s.push_back({StepKind::approve_extension, pick(r, 0, 2)});
    if (chance(r, 0.85)) s.push_back({StepKind::notify_extension, pick(r, 0, 2)});
  } else {
    s.push_back({StepKind::reject_extension, pick(r, 0, 2)});
  }
}

void plan_after_closing(std::mt19937_64& r, Steps& s) {
  if (chance(r, 0.05)) s.push_back({StepKind::record_remedy, pick(r, 5, 30), pick(r, 0, 1000)});
  if (chance(r, 0.04)) {
    s.push_back({StepKind::reopen, pick(r, 5, 20), pick(r, 0, 2)});
    s.push_back({StepKind::submit_reply, pick(r, 1, 5), pick(r, 0, 1000)});
    s.push_back({StepKind::approve_reply, pick(r, 0, 2)});
    s.push_back({StepKind::issue_reply, pick(r, 0, 2), pick(r, 0, 3)});
  }
  if (chance(r, 0.6)) s.push_back({StepKind::archive, pick(r, 3, 20), pick(r, 0, 1)});
}

}  // namespace

CasePlan plan_case(std::mt19937_64& r) {
  CasePlan plan;
  plan.assign_at_registration = chance(r, 0.5);
  plan.channel = pick(r, 0, 6);
  plan.applicant_type = chance(r, 0.7) ? 0 : pick(r, 1, 5);
  Steps& s = plan.steps;
  if (chance(r, 0.3)) s.push_back({StepKind::acknowledge, pick(r, 0, 1)});
  if (!plan.assign_at_registration) s.push_back({StepKind::assign, pick(r, 0, 2), pick(r, 0, 1)});
  bool open = true;
  if (chance(r, 0.15)) open = plan_correction(r, s);
  if (open && chance(r, 0.10)) s.push_back({StepKind::transfer, pick(r, 1, 2)});
  if (open && chance(r, 0.20)) plan_consultations(r, s);
  if (open && chance(r, 0.08)) open = plan_fee(r, s);
  if (open) {
    if (chance(r, 0.12)) plan_extension(r, s);
    if (chance(r, 0.12)) {
      s.push_back({StepKind::tick_warn, 0});
      if (chance(r, 0.5)) s.push_back({StepKind::tick_missed, 0});
    }
    plan_reply(r, s);
  }
  plan_after_closing(r, s);
  // Notes anywhere along the way.
  if (chance(r, 0.25)) {
    const auto at = static_cast<std::ptrdiff_t>(pick(r, 0, static_cast<int>(s.size())));
    s.insert(s.begin() + at, Step{StepKind::add_note, 0, pick(r, 0, 2)});
  }
  return plan;
}

}  // namespace gongkai::projections::commands
