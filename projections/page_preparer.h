// PagePreparer: per-event work of a replay that depends on the event alone (decoding its data),
// done on the replay's reader thread while the applying thread applies the page before.
//
// The host calls prepare() on the reader thread right after it read a page, and use_prepared()
// on the applying thread just before that page is applied; apply() then finds the result instead
// of doing the work itself. prepare() must be const and thread-safe: it runs while the applying
// thread uses the same object. Nothing depends on it being called: an event without a prepared
// result is worked as before (live groups never are prepared), so the results are the same.
#pragma once

#include <memory>
#include <vector>

#include "eventstore/event_store.h"

namespace gongkai::projections {

// What a preparer made of one page; only the preparer that made it knows what is inside.
class PreparedPage {
 public:
  virtual ~PreparedPage() = default;
};

class PagePreparer {
 public:
  virtual ~PagePreparer() = default;
  [[nodiscard]] virtual std::unique_ptr<PreparedPage> prepare(
      const std::vector<eventstore::RecordedEvent>& page) const = 0;
  // The next page to be applied is the one `prepared` was made of (null: drop what was kept).
  virtual void use_prepared(std::unique_ptr<PreparedPage> prepared) = 0;
};

}  // namespace gongkai::projections
