// Row caches (fides_row_cache, pack ABI 6): which planned aggregates may have
// each element's `where` and value kept by a host across eval calls on the
// same history, with rows added (fides-serve). Fills AggregatePlan::row_cache
// and PackDescription::row_cache_records.
#pragma once

#include "lower/plan.h"

namespace fides::lower {

// Run after plan_aggregates. Over a record's rows, memo and indexed peer
// aggregates qualify; over part of a record (a via list, a group's rows),
// aggregates whose elements compute an aggregate themselves.
void plan_row_caches(const sema::Program& program, Plan& plan);

}  // namespace fides::lower
