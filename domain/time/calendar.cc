#include "domain/time/calendar.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "domain/time/calendar_text.h"

namespace gongkai::domain::time {
namespace {

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace

Status validate_arrangement(const YearArrangement& arrangement) {
  const int year = arrangement.year;
  if (year < 1949 || year > 9999) {
    return invalid_argument("calendar_invalid", "year out of range: " + std::to_string(year));
  }
  std::set<CivilDate> seen;
  auto check = [&](const ListedDay& day, const char* what) -> Status {
    if (day.date.year() != year) {
      return invalid_argument("calendar_invalid", std::string(what) + " " + day.date.to_string() +
                                                      " is not in year " + std::to_string(year));
    }
    if (!seen.insert(day.date).second) {
      return invalid_argument("calendar_invalid",
                              day.date.to_string() + " is listed more than once");
    }
    return Status{};
  };
  for (const ListedDay& day : arrangement.holidays) {
    if (Status s = check(day, "holiday"); !s.ok()) {
      return s;
    }
  }
  for (const ListedDay& day : arrangement.workdays) {
    if (Status s = check(day, "workday"); !s.ok()) {
      return s;
    }
    if (!day.date.is_weekend()) {
      return invalid_argument("calendar_invalid",
                              "workday " + day.date.to_string() +
                                  " is a Monday-Friday day, which is a working day anyway");
    }
  }
  return Status{};
}

Result<Calendar> Calendar::from_arrangements(std::vector<YearArrangement> years) {
  Calendar calendar;
  for (YearArrangement& year : years) {
    if (Status s = validate_arrangement(year); !s.ok()) {
      return s;
    }
    const int key = year.year;
    if (!calendar.years_.emplace(key, std::move(year)).second) {
      return invalid_argument("calendar_invalid",
                              "year " + std::to_string(key) + " is given more than once");
    }
  }
  calendar.revision_ = 1;
  calendar.rebuild_index();
  return calendar;
}

Result<Calendar> Calendar::with_year(YearArrangement arrangement) const {
  if (Status s = validate_arrangement(arrangement); !s.ok()) {
    return s;
  }
  Calendar next = *this;
  const int key = arrangement.year;
  next.years_[key] = std::move(arrangement);
  next.revision_ = revision_ + 1;
  next.rebuild_index();
  return next;
}

void Calendar::rebuild_index() {
  index_.clear();
  index_first_day_ = 0;
  std::vector<YearArrangement> all;
  if (!years_.empty()) {
    const CivilDate first = CivilDate::from_ymd(years_.begin()->first, 1, 1);
    const CivilDate last = CivilDate::from_ymd(years_.rbegin()->first, 12, 31);
    index_first_day_ = first.days_since_epoch();
    index_.reserve(static_cast<std::size_t>(last.days_since_epoch() - index_first_day_ + 1));
    for (CivilDate day = first; day <= last; day = day.next()) {
      index_.push_back(day.is_weekend() ? DayKind::weekend : DayKind::working);
    }
  }
  const auto slot = [this](CivilDate date) -> DayKind& {
    return index_[static_cast<std::size_t>(date.days_since_epoch() - index_first_day_)];
  };
  for (const auto& [year, arrangement] : years_) {
    for (const ListedDay& day : arrangement.holidays) {
      slot(day.date) = DayKind::holiday;
    }
    for (const ListedDay& day : arrangement.workdays) {
      slot(day.date) = DayKind::adjusted_workday;  // validated: never also a holiday
    }
    all.push_back(arrangement);
  }
  fingerprint_ = fnv1a_hex(format_calendar_text(all));
}

DayKind Calendar::kind_of(CivilDate date) const {
  const std::int64_t offset = date.days_since_epoch() - index_first_day_;
  if (offset >= 0 && offset < static_cast<std::int64_t>(index_.size())) {
    return index_[static_cast<std::size_t>(offset)];
  }
  return date.is_weekend() ? DayKind::weekend : DayKind::working;
}

const YearArrangement* Calendar::arrangement(int year) const {
  const auto it = years_.find(year);
  return it == years_.end() ? nullptr : &it->second;
}

std::vector<int> Calendar::known_years() const {
  std::vector<int> out;
  for (const auto& entry : years_) {
    out.push_back(entry.first);
  }
  return out;
}

std::string Calendar::version() const {
  return "r" + std::to_string(revision_) + "-" + fingerprint_.substr(0, 8);
}

}  // namespace gongkai::domain::time
