/* A bump allocator over a chain of malloc'd blocks. Allocating text
 * functions take one so that a rule evaluation's temporaries are released
 * all at once (reset) instead of one by one. */
#include <stdlib.h>

#include "internal.h"

struct fides_arena_block {
  fides_arena_block* next;
  size_t capacity; /* data bytes after the header */
};

/* The header is padded to the alignment so that block data is aligned. */
#define HEADER_SIZE \
  ((sizeof(fides_arena_block) + FIDES_ARENA_ALIGN - 1) & ~(size_t)(FIDES_ARENA_ALIGN - 1))

static char* block_data(fides_arena_block* b) { return (char*)b + HEADER_SIZE; }

void fides_arena_init(fides_arena* a, size_t block_size) {
  a->first = NULL;
  a->current = NULL;
  a->used = 0;
  a->block_size = block_size ? block_size : FIDES_ARENA_DEFAULT_BLOCK;
}

static fides_arena_block* new_block(size_t capacity) {
  if (capacity > SIZE_MAX - HEADER_SIZE) return NULL;
  fides_arena_block* b = (fides_arena_block*)malloc(HEADER_SIZE + capacity);
  if (!b) return NULL;
  b->next = NULL;
  b->capacity = capacity;
  return b;
}

void* fides_arena_alloc(fides_arena* a, size_t n) {
  if (a->block_size == 0) a->block_size = FIDES_ARENA_DEFAULT_BLOCK; /* zero-initialised */
  if (n > SIZE_MAX - FIDES_ARENA_ALIGN) return NULL;
  size_t need = (n + FIDES_ARENA_ALIGN - 1) & ~(size_t)(FIDES_ARENA_ALIGN - 1);
  if (need == 0) need = FIDES_ARENA_ALIGN;

  if (a->current && a->current->capacity - a->used >= need) {
    void* p = block_data(a->current) + a->used;
    a->used += need;
    return p;
  }
  /* Every block is linked in right after current, so the chain always
   * starts at first and holds every block. A request larger than a block
   * gets a block of its own and current (with its free space) stays. */
  bool dedicated = need > a->block_size;
  fides_arena_block* b = new_block(dedicated ? need : a->block_size);
  if (!b) return NULL;
  if (!a->current) {
    a->first = a->current = b;
    a->used = need;
  } else {
    b->next = a->current->next;
    a->current->next = b;
    if (!dedicated) {
      a->current = b;
      a->used = need;
    }
  }
  return block_data(b);
}

void fides_arena_reset(fides_arena* a) {
  if (!a->first) return;
  fides_arena_block* b = a->first->next;
  while (b) {
    fides_arena_block* next = b->next;
    free(b);
    b = next;
  }
  a->first->next = NULL;
  a->current = a->first;
  a->used = 0;
}

void fides_arena_free(fides_arena* a) {
  fides_arena_block* b = a->first;
  while (b) {
    fides_arena_block* next = b->next;
    free(b);
    b = next;
  }
  size_t block_size = a->block_size;
  fides_arena_init(a, block_size);
}
