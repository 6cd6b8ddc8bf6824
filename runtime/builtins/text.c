/* text: UTF-8 byte slices. Slicing functions never allocate; the others put
 * their result in an arena. Malformed UTF-8 never makes a function fail: a
 * byte that does not start a well-formed sequence is one code point. */
#include <string.h>

#include "internal.h"

#define U(p) ((const unsigned char*)(p))

static fides_str slice(const char* p, int64_t n) {
  fides_str r;
  r.ptr = p;
  r.len = n;
  return r;
}

bool fides_utf8_valid(fides_str s) {
  int64_t i = 0;
  while (i < s.len) {
    if (!fides_utf8_unit_ok(U(s.ptr) + i, s.len - i)) return false;
    i += fides_utf8_unit(U(s.ptr) + i, s.len - i);
  }
  return true;
}

int64_t fides_text_len(fides_str s) {
  int64_t count = 0;
  for (int64_t i = 0; i < s.len; i += fides_utf8_unit(U(s.ptr) + i, s.len - i)) count++;
  return count;
}

bool fides_text_eq(fides_str a, fides_str b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, (size_t)a.len) == 0);
}

int fides_text_cmp(fides_str a, fides_str b) {
  int64_t n = a.len < b.len ? a.len : b.len;
  int c = n > 0 ? memcmp(a.ptr, b.ptr, (size_t)n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

/* FNV-1a over the bytes: only equal texts must hash equal (peer-group memo
 * tables in packs); the value is not part of any output. */
uint64_t fides_text_hash(fides_str s) {
  uint64_t h = 0xcbf29ce484222325u;
  for (int64_t i = 0; i < s.len; i++) h = (h ^ (unsigned char)s.ptr[i]) * 0x100000001b3u;
  return h;
}

bool fides_text_starts_with(fides_str s, fides_str prefix) {
  return prefix.len <= s.len &&
         (prefix.len == 0 || memcmp(s.ptr, prefix.ptr, (size_t)prefix.len) == 0);
}

bool fides_text_ends_with(fides_str s, fides_str suffix) {
  return suffix.len <= s.len &&
         (suffix.len == 0 ||
          memcmp(s.ptr + (s.len - suffix.len), suffix.ptr, (size_t)suffix.len) == 0);
}

/* memchr for the first byte, then memcmp: O(len(s) * len(needle)) in the
 * worst case, which is fine for cell-sized text. */
bool fides_text_contains(fides_str s, fides_str needle) {
  if (needle.len == 0) return true;
  if (needle.len > s.len) return false;
  const char* p = s.ptr;
  const char* last = s.ptr + (s.len - needle.len); /* last possible start */
  while (p <= last) {
    const char* hit = (const char*)memchr(p, (unsigned char)needle.ptr[0], (size_t)(last - p + 1));
    if (!hit) return false;
    if (memcmp(hit, needle.ptr, (size_t)needle.len) == 0) return true;
    p = hit + 1;
  }
  return false;
}

/* Byte offset of code point `index` (0-based), or s.len when s is shorter. */
static int64_t offset_of(fides_str s, int64_t index) {
  int64_t i = 0;
  while (index > 0 && i < s.len) {
    i += fides_utf8_unit(U(s.ptr) + i, s.len - i);
    index--;
  }
  return i;
}

fides_str fides_text_substr(fides_str s, int64_t start, int64_t length) {
  if (length <= 0 || s.len <= 0) return slice(s.ptr, 0);
  /* Window [start, start + length) in 1-based positions, saturated so that no
   * arithmetic overflows, then intersected with [1, len + 1). */
  int64_t end = start > INT64_MAX - length ? INT64_MAX : start + length;
  if (start < 1) start = 1;
  if (end <= start) return slice(s.ptr, 0);
  int64_t from = offset_of(s, start - 1);
  int64_t to = from + offset_of(slice(s.ptr + from, s.len - from), end - start);
  return slice(s.ptr + from, to - from);
}

fides_str fides_text_substr_from(fides_str s, int64_t start) {
  if (s.len <= 0) return slice(s.ptr, 0);
  if (start < 1) start = 1;
  int64_t from = offset_of(s, start - 1);
  return slice(s.ptr + from, s.len - from);
}

static bool ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* U+3000 IDEOGRAPHIC SPACE is E3 80 80. */
static bool ideographic_space_at(const unsigned char* p, int64_t n) {
  return n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

fides_str fides_text_trim(fides_str s) {
  if (s.len <= 0) return slice(s.ptr, 0);
  const unsigned char* p = U(s.ptr);
  int64_t b = 0, e = s.len;
  for (;;) {
    if (b < e && ascii_space(p[b])) {
      b++;
    } else if (ideographic_space_at(p + b, e - b)) {
      b += 3;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && ascii_space(p[e - 1])) {
      e--;
    } else if (e - b >= 3 && ideographic_space_at(p + e - 3, 3)) {
      e -= 3;
    } else {
      break;
    }
  }
  return slice(s.ptr + b, e - b);
}

static int change_case(fides_arena* a, fides_str s, fides_str* out, char from_lo, char from_hi) {
  int64_t i = 0;
  while (i < s.len && !(s.ptr[i] >= from_lo && s.ptr[i] <= from_hi)) i++;
  if (i == s.len) { /* nothing to change */
    *out = s;
    return FIDES_OK;
  }
  char* r = (char*)fides_arena_alloc(a, (size_t)s.len);
  if (!r) return FIDES_ERR_NOMEM;
  memcpy(r, s.ptr, (size_t)s.len);
  for (; i < s.len; i++) {
    if (r[i] >= from_lo && r[i] <= from_hi) r[i] = (char)(r[i] ^ 0x20);
  }
  *out = slice(r, s.len);
  return FIDES_OK;
}

int fides_text_upper(fides_arena* a, fides_str s, fides_str* out) {
  return change_case(a, s, out, 'a', 'z');
}

int fides_text_lower(fides_arena* a, fides_str s, fides_str* out) {
  return change_case(a, s, out, 'A', 'Z');
}

int fides_text_concat(fides_arena* ar, fides_str a, fides_str b, fides_str* out) {
  if (a.len == 0) {
    *out = b;
    return FIDES_OK;
  }
  if (b.len == 0) {
    *out = a;
    return FIDES_OK;
  }
  char* r = (char*)fides_arena_alloc(ar, (size_t)a.len + (size_t)b.len);
  if (!r) return FIDES_ERR_NOMEM;
  memcpy(r, a.ptr, (size_t)a.len);
  memcpy(r + a.len, b.ptr, (size_t)b.len);
  *out = slice(r, a.len + b.len);
  return FIDES_OK;
}
