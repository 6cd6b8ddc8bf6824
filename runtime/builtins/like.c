/* `s like pattern`: the classic iterative wildcard match that, on a
 * mismatch, backtracks only to the most recent `%`. Each backtrack advances
 * the text position the `%` absorbs, so the work is O(len(s) * len(pattern))
 * in the worst case, with no recursion and no allocation.
 *
 * Both strings are walked in UTF-8 units (internal.h): `_` consumes one unit
 * of s, and a literal unit of the pattern matches an identical unit of s.
 * `%`, `_` and `\` are ASCII, which never occurs inside a well-formed
 * multi-byte sequence, and a malformed byte is a unit of its own, so
 * malformed input cannot make the scanner skip a metacharacter or read out
 * of bounds. */
#include <string.h>

#include "internal.h"

#define U(p) ((const unsigned char*)(p))

bool fides_text_like(fides_str s, fides_str pattern) {
  const char* t = s.ptr;
  const char* p = pattern.ptr;
  int64_t tn = s.len, pn = pattern.len;
  int64_t ti = 0, pi = 0;
  int64_t star_p = -1; /* pattern position just after the last % seen */
  int64_t star_t = 0;  /* text position that % currently stops at */

  while (ti < tn) {
    if (pi < pn) {
      char c = p[pi];
      if (c == '%') {
        star_p = ++pi;
        star_t = ti;
        continue;
      }
      int64_t tu = fides_utf8_unit(U(t) + ti, tn - ti);
      if (c == '_') {
        ti += tu;
        pi++;
        continue;
      }
      /* A literal: the unit at pi, or the one after a backslash; a lone
       * trailing backslash stands for itself. */
      int64_t lit = pi, next;
      if (c == '\\' && pi + 1 < pn) lit = pi + 1;
      int64_t lu = fides_utf8_unit(U(p) + lit, pn - lit);
      next = lit + lu;
      if (lu == tu && memcmp(t + ti, p + lit, (size_t)lu) == 0) {
        ti += tu;
        pi = next;
        continue;
      }
    }
    /* Mismatch, or pattern used up with text left: let the last % absorb
     * one more unit and retry from just after it. */
    if (star_p < 0) return false;
    star_t += fides_utf8_unit(U(t) + star_t, tn - star_t);
    ti = star_t;
    pi = star_p;
  }
  while (pi < pn && p[pi] == '%') pi++;
  return pi == pn;
}
