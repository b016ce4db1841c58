// Every projection the server and `gongkai rebuild` run, in one list. Add yours here.
#pragma once

#include <memory>
#include <vector>

#include "domain/time/calendar.h"
#include "projections/projection.h"

namespace gongkai::projections {

// A fresh instance of every projection. `calendar` is for projections that compute clocks.
[[nodiscard]] std::vector<std::shared_ptr<Projection>> all_projections(
    const domain::time::Calendar& calendar);

}  // namespace gongkai::projections
