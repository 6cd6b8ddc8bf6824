#include <cstring>
#include <vector>

#include "test_util.h"

using namespace fides_test;

// The out-of-memory tests ask malloc for impossible sizes; under
// AddressSanitizer that must yield NULL rather than abort. (Read only when
// the sanitizer is linked in; merged with any ASAN_OPTIONS.)
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1"; }

TEST_CASE("arena allocations are aligned, distinct and writable") {
  fides_arena a;
  fides_arena_init(&a, 256);
  std::vector<char*> ptrs;
  for (size_t i = 0; i < 1000; i++) {
    size_t n = i % 37;
    char* p = (char*)fides_arena_alloc(&a, n);
    REQUIRE(p != nullptr);
    CHECK((uintptr_t)p % FIDES_ARENA_ALIGN == 0);
    std::memset(p, (int)(i & 0xFF), n);
    ptrs.push_back(p);
  }
  for (size_t i = 0; i < ptrs.size(); i++) {  // nothing overwrote anything
    for (size_t k = 0; k < i % 37; k++) REQUIRE((unsigned char)ptrs[i][k] == (i & 0xFF));
  }
  fides_arena_free(&a);
}

TEST_CASE("arena: large requests, reset keeps the first block, free and reuse") {
  fides_arena a;
  fides_arena_init(&a, 128);
  char* first = (char*)fides_arena_alloc(&a, 10);
  REQUIRE(first);
  char* big = (char*)fides_arena_alloc(&a, 10000);  // a block of its own
  REQUIRE(big);
  std::memset(big, 'x', 10000);
  char* after = (char*)fides_arena_alloc(&a, 10);  // still from the first block
  REQUIRE(after);
  CHECK(after == first + FIDES_ARENA_ALIGN);
  for (int i = 0; i < 100; i++) REQUIRE(fides_arena_alloc(&a, 100));  // many blocks
  fides_arena_reset(&a);
  char* again = (char*)fides_arena_alloc(&a, 10);
  CHECK(again == first);  // the first block is reused
  fides_arena_reset(&a);
  fides_arena_reset(&a);
  fides_arena_free(&a);
  fides_arena_free(&a);  // freeing twice is harmless
  CHECK(fides_arena_alloc(&a, 1) != nullptr);  // usable again after free
  fides_arena_free(&a);
}

TEST_CASE("arena: zero-initialised, zero-size and impossible requests") {
  fides_arena a{};
  void* p = fides_arena_alloc(&a, 0);
  CHECK(p != nullptr);
  CHECK(fides_arena_alloc(&a, 0) != p);
  CHECK(fides_arena_alloc(&a, SIZE_MAX) == nullptr);
  CHECK(fides_arena_alloc(&a, SIZE_MAX - 8) == nullptr);
  CHECK(fides_arena_alloc(&a, SIZE_MAX / 2) == nullptr);  // malloc fails
  CHECK(fides_arena_alloc(&a, 8) != nullptr);
  fides_arena_reset(&a);
  fides_arena_free(&a);
  fides_arena empty{};
  fides_arena_reset(&empty);
  fides_arena_free(&empty);
}

TEST_CASE("allocating text functions report out of memory") {
  // An arena whose block size cannot be allocated: every allocation fails.
  fides_arena a;
  fides_arena_init(&a, SIZE_MAX / 2);
  fides_str r = S("unchanged");
  CHECK(fides_text_concat(&a, S("a"), S("b"), &r) == FIDES_ERR_NOMEM);
  CHECK(fides_text_upper(&a, S("a"), &r) == FIDES_ERR_NOMEM);
  CHECK(fides_text_lower(&a, S("A"), &r) == FIDES_ERR_NOMEM);
  CHECK(fides_text_of_int(&a, 5, &r) == FIDES_ERR_NOMEM);
  CHECK(str(r) == "unchanged");
  CHECK(fides_text_upper(&a, S("1"), &r) == FIDES_OK);  // nothing to allocate
  fides_arena_free(&a);
}
