// Internal to gongkai_projections (included by .cc files only, never by a public header): the JSON
// pieces the case-based views share. nlohmann stays inside the module (STYLE.md section 1).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/cases/case_clocks.h"
#include "domain/time/civil_date.h"
#include "projections/cases/clock_basis.h"
#include "projections/cases/json_writer.h"

namespace gongkai::projections::json {

using Json = nlohmann::json;

// "YYYY-MM-DD" or null.
[[nodiscard]] Json date(const std::optional<domain::time::CivilDate>& date);
[[nodiscard]] std::optional<domain::time::CivilDate> date_from(const Json& value);

// The basis as stored in a view's "clock_basis" member, and back (throws on a malformed value:
// callers catch at their boundary).
[[nodiscard]] Json basis(const ClockBasis& basis);
[[nodiscard]] ClockBasis basis_from(const Json& value);
// The same object as basis(), written as text.
void write_basis(Writer& out, const ClockBasis& basis);

// API.md's `clock` object.
[[nodiscard]] Json clock(const domain::cases::ReplyClockView& view);

// A stored "cases" document with `clock_basis` replaced by API.md's `clock` as of `today` (throws
// on a malformed document: callers catch at their boundary).
[[nodiscard]] Json with_clock(Json doc, domain::time::CivilDate today,
                              const domain::time::Calendar& calendar);

// Compact text. Never throws: invalid UTF-8 (which the codec keeps out of the log) would be
// replaced rather than stop the store's writer, which an exception in apply() would do.
[[nodiscard]] std::string dump(const Json& value);

// A stored value parsed as a JSON object; nullopt if it is not one.
[[nodiscard]] std::optional<Json> parse_object(std::string_view text);

}  // namespace gongkai::projections::json
