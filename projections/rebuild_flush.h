// RebuildFlush: a second, optional interface of a Projection whose writes can be held back across
// the pages of a rebuild. The host calls flush_rebuild() instead of Projection::flush() after each
// replay page while the projection is rebuilt: its state was cleared and its checkpoint removed,
// and no checkpoint is committed before the page with `last` set (a crash before then finds no
// checkpoint and rebuilds again). Until `last`, the projection may keep writes back across pages
// (e.g. write a case's view once per rebuild instead of once per page it is touched in) as long as
// it bounds the memory that takes and reads its held-back values itself; after `last` every write
// must be made. Live groups and catch-up from a checkpoint still call flush().
#pragma once

#include "projections/projection.h"

namespace gongkai::projections {

class RebuildFlush {
 public:
  virtual ~RebuildFlush() = default;
  virtual void flush_rebuild(StateWriter& state, bool last) = 0;
};

}  // namespace gongkai::projections
