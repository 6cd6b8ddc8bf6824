// Row caches (fides_row_cache, pack ABI 6): which planned aggregates may have
// each element's `where` and value kept by a host across eval calls on the
// same history, with rows added (fides-serve). Fills AggregatePlan::row_cache
// and PackDescription::row_cache_records.
#pragma once

#include "lower/plan.h"

namespace fides::lower {

// Run after plan_aggregates: only memo and indexed peer aggregates qualify.
void plan_row_caches(const sema::Program& program, Plan& plan);

}  // namespace fides::lower
