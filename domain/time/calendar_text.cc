#include "domain/time/calendar_text.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace gongkai::domain::time {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits off the first whitespace-separated word.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
  s = trim(s);
  const std::size_t end = s.find_first_of(" \t");
  if (end == std::string_view::npos) {
    return {s, {}};
  }
  return {s.substr(0, end), trim(s.substr(end))};
}

Status line_error(int line, const std::string& message) {
  return invalid_argument("calendar_invalid", "line " + std::to_string(line) + ": " + message);
}

}  // namespace

Result<std::vector<YearArrangement>> parse_calendar_text(std::string_view text) {
  std::vector<YearArrangement> years;
  int line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const auto [keyword, rest] = split_word(line);
    if (keyword == "year") {
      int year = 0;
      if (rest.size() != 4 ||
          !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return line_error(line_no, "expected `year YYYY`");
      }
      for (char c : rest) {
        year = year * 10 + (c - '0');
      }
      for (const YearArrangement& y : years) {
        if (y.year == year) {
          return line_error(line_no, "year " + std::string(rest) + " repeated");
        }
      }
      years.push_back(YearArrangement{year, {}, {}, {}});
      continue;
    }
    if (years.empty()) {
      return line_error(line_no, "`" + std::string(keyword) + "` before `year`");
    }
    YearArrangement& current = years.back();
    if (keyword == "source") {
      if (rest.empty()) {
        return line_error(line_no, "source without an address");
      }
      current.sources.emplace_back(rest);
      continue;
    }
    if (keyword != "holiday" && keyword != "workday") {
      return line_error(line_no, "unknown keyword `" + std::string(keyword) + "`");
    }
    const auto [span, name] = split_word(rest);
    const std::size_t dots = span.find("..");
    const std::optional<CivilDate> first = CivilDate::parse(span.substr(0, dots));
    const std::optional<CivilDate> last =
        dots == std::string_view::npos ? first : CivilDate::parse(span.substr(dots + 2));
    if (!first || !last) {
      return line_error(line_no, "expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD");
    }
    if (*last < *first) {
      return line_error(line_no, "range ends before it starts");
    }
    if (first->year() != current.year || last->year() != current.year) {
      return line_error(line_no, "date outside year " + std::to_string(current.year));
    }
    auto& list = keyword == "holiday" ? current.holidays : current.workdays;
    for (CivilDate d = *first; d <= *last; d = d.next()) {
      list.push_back({d, std::string(name)});
    }
  }
  for (const YearArrangement& year : years) {
    if (Status s = validate_arrangement(year); !s.ok()) {
      return invalid_argument(s.reason(), "year " + std::to_string(year.year) + ": " + s.message());
    }
  }
  return years;
}

Result<Calendar> calendar_from_text(std::string_view text) {
  Result<std::vector<YearArrangement>> years = parse_calendar_text(text);
  if (!years.ok()) {
    return years.status();
  }
  return Calendar::from_arrangements(std::move(years).value());
}

std::string format_year(const YearArrangement& arrangement) {
  struct Entry {
    CivilDate date;
    bool holiday;
    std::string name;
  };
  std::vector<Entry> entries;
  for (const ListedDay& d : arrangement.holidays) {
    entries.push_back({d.date, true, d.name});
  }
  for (const ListedDay& d : arrangement.workdays) {
    entries.push_back({d.date, false, d.name});
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.date < b.date; });
  std::string out = "year " + std::to_string(arrangement.year) + "\n";
  for (const std::string& source : arrangement.sources) {
    out += "source " + source + "\n";
  }
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i;
    while (j + 1 < entries.size() && entries[j + 1].holiday == entries[i].holiday &&
           entries[j + 1].name == entries[i].name &&
           entries[j + 1].date == entries[j].date.next()) {
      ++j;
    }
    out += entries[i].holiday ? "holiday " : "workday ";
    out += entries[i].date.to_string();
    if (j > i) {
      out += ".." + entries[j].date.to_string();
    }
    if (!entries[i].name.empty()) {
      out += " " + entries[i].name;
    }
    out += "\n";
    i = j + 1;
  }
  return out;
}

std::string format_calendar_text(const std::vector<YearArrangement>& years) {
  std::string out;
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i > 0) {
      out += "\n";
    }
    out += format_year(years[i]);
  }
  return out;
}

Result<Calendar> builtin_calendar() { return calendar_from_text(builtin_calendar_text()); }

}  // namespace gongkai::domain::time
