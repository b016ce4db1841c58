// The information-processing fee (信息处理费, 国办函〔2020〕109号; DOMAIN.md section 5): proposes
// the amount for one application with its calculation, for the handler to confirm.
//
// Per application, counted per applicant per natural month (the caller counts, by normalised
// identity number): the 1st-10th application are free; the 11th-30th cost 100 元 each; from the
// 31st on the rate rises by 100 元 every 10 applications (31-40: 200, 41-50: 300, ...).
// Per page: up to 30 pages free; 31-100 at 10 元/page; 101-200 at 20 元/page; 201 on at 40
// 元/page; progressive, each band at its own rate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/base/status.h"

namespace gongkai::domain::fees {

struct FeeBand {
  int first = 0;               // first unit (application ordinal or page) of the band
  std::optional<int> last;     // last unit; nullopt: open-ended
  std::int64_t rate_yuan = 0;  // per unit
  int units = 0;               // units of this quote falling in the band
  std::int64_t subtotal_yuan = 0;
};

struct FeeQuote {
  std::int64_t amount_yuan = 0;
  std::vector<FeeBand> bands;  // only the bands the quote touches (free band included)
  std::string
      calculation;  // e.g. "31-100页 70页×10元=700元；101-150页 50页×20元=1000元；合计1700元"
};

// The fee for the applicant's `application_in_month`-th application of the natural month (>= 1).
[[nodiscard]] Result<FeeQuote> per_application_fee(int application_in_month);

// The fee for `pages` pages (>= 0).
[[nodiscard]] Result<FeeQuote> per_page_fee(int pages);

}  // namespace gongkai::domain::fees
