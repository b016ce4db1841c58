#include "domain/fees/fee_calculator.h"

#include <algorithm>
#include <array>

namespace gongkai::domain::fees {
namespace {

std::string band_range(const FeeBand& band, int upto, const char* unit) {
  std::string text = std::to_string(band.first);
  const int last = band.last ? std::min(*band.last, upto) : upto;
  if (last != band.first) {
    text += "-" + std::to_string(last);
  }
  return text + unit;
}

}  // namespace

Result<FeeQuote> per_application_fee(int application_in_month) {
  if (application_in_month < 1) {
    return invalid_argument("invalid_application_count",
                            "the application's ordinal in the month must be at least 1");
  }
  const int n = application_in_month;
  FeeBand band;
  if (n <= 10) {
    band = {1, 10, 0, 1, 0};
  } else if (n <= 30) {
    band = {11, 30, 100, 1, 100};
  } else {
    const int step = (n - 31) / 10;  // 31-40: step 0
    const int first = 31 + step * 10;
    const std::int64_t rate = 200 + std::int64_t{100} * step;
    band = {first, first + 9, rate, 1, rate};
  }
  FeeQuote quote;
  quote.amount_yuan = band.subtotal_yuan;
  quote.bands.push_back(band);
  quote.calculation = "本月第" + std::to_string(n) + "件申请（" +
                      band_range(band, band.last.value_or(band.first), "件") + "档，" +
                      std::to_string(band.rate_yuan) + "元/件）：" +
                      std::to_string(quote.amount_yuan) + "元";
  return quote;
}

Result<FeeQuote> per_page_fee(int pages) {
  if (pages < 0) {
    return invalid_argument("invalid_pages", "pages must not be negative");
  }
  struct Tier {
    int first = 0;
    std::optional<int> last;
    std::int64_t rate = 0;
  };
  static constexpr std::array<Tier, 4> kTiers{{
      {1, 30, 0},
      {31, 100, 10},
      {101, 200, 20},
      {201, std::nullopt, 40},
  }};
  FeeQuote quote;
  std::string parts;
  for (const Tier& tier : kTiers) {
    if (pages < tier.first) {
      break;
    }
    const int last = tier.last ? std::min(*tier.last, pages) : pages;
    FeeBand band{tier.first, tier.last, tier.rate, last - tier.first + 1, 0};
    band.subtotal_yuan = band.rate_yuan * band.units;
    quote.amount_yuan += band.subtotal_yuan;
    if (!parts.empty()) {
      parts += "；";
    }
    parts += band_range(band, pages, "页") + " " + std::to_string(band.units) + "页×" +
             std::to_string(band.rate_yuan) + "元=" + std::to_string(band.subtotal_yuan) + "元";
    quote.bands.push_back(band);
  }
  if (parts.empty()) {
    parts = "0页";
  }
  quote.calculation = parts + "；合计" + std::to_string(quote.amount_yuan) + "元";
  return quote;
}

}  // namespace gongkai::domain::fees
