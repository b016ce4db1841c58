#include "api/routes/list_support.h"

#include <algorithm>

namespace gongkai::api::routes {

std::string text_or(const json& item, const char* name, const char* fallback) {
  auto it = item.find(name);
  return it != item.end() && it->is_string() ? it->get<std::string>() : fallback;
}

json page_of(const json& items, const Paging& paging,
             const std::function<std::string(const json&)>& key) {
  json page = json::array();
  json next_cursor = nullptr;
  for (const json& item : items) {
    const std::string k = key(item);
    if (!paging.cursor.empty() && k <= paging.cursor) continue;
    if (page.size() == paging.limit) {
      next_cursor = key(page.back());
      break;
    }
    page.push_back(item);
  }
  return {{"items", std::move(page)}, {"next_cursor", std::move(next_cursor)}};
}

bool holds(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::optional<http::HttpResponse> read_department(const http::RequestContext& ctx, bool sees_agency,
                                                  std::optional<std::string>* department) {
  auto value = ctx.request.query_param("department");
  if (!value || value->empty()) return std::nullopt;
  if (!sees_agency && !holds(ctx.user().departments, *value)) {
    return http::problem(404, "department_not_found", "no such department among yours");
  }
  *department = *value;
  return std::nullopt;
}

}  // namespace gongkai::api::routes
