// Giving freed memory back to the system between the phases of a run.
// glibc keeps pages that a phase freed: below blocks still in use in the
// main heap, and in each worker thread's own arena, where the next phase's
// allocations (other sizes, other threads) seldom reuse them. At a million
// fee lines on two threads that was over 100 MB resident and holding nothing
// (the staged columns, a group's members, chunk buffers). Called where most
// of a phase's memory has just been freed; it costs a walk over the heaps.
#pragma once

namespace fides::data {

void release_free_memory();

}  // namespace fides::data
