// What the list routes (GET /queue and the supervision lists) share: a member of a listed item as
// text, a page cut out of a sorted list, and the ?department= filter.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/routes/route_support.h"

namespace gongkai::api::routes {

// Items asked of a projection's list per read, when a route gathers a whole list.
inline constexpr std::size_t kQueryPage = 500;

// A string member of `item`, or `fallback` when it is missing or not a string.
[[nodiscard]] std::string text_or(const json& item, const char* name, const char* fallback);

// Cuts one page out of `items` already sorted by `key`: items whose key is after the cursor.
[[nodiscard]] json page_of(const json& items, const Paging& paging,
                           const std::function<std::string(const json&)>& key);

[[nodiscard]] bool holds(const std::vector<std::string>& list, const std::string& value);

// An optional ?department=: a handler-only user may name only one of their departments (another
// department answers 404, as an object they may not see would). Sets *department when given.
[[nodiscard]] std::optional<http::HttpResponse> read_department(
    const http::RequestContext& ctx, bool sees_agency, std::optional<std::string>* department);

}  // namespace gongkai::api::routes
