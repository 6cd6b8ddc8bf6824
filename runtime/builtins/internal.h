/*
 * Helpers shared by the builtins' .c files; not part of the public API.
 * Everything here is static inline so each translation unit (and the pack's
 * bitcode) stays self-contained.
 */
#ifndef FIDES_BUILTINS_INTERNAL_H
#define FIDES_BUILTINS_INTERNAL_H

#include "fides_builtins.h"

/* Magnitude of v as uint64_t; correct for INT64_MIN (2^63). */
static inline uint64_t fides_mag(int64_t v) {
  return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* Applies a sign to a magnitude, FIDES_ERR_OVERFLOW when it does not fit:
 * a positive result must be <= 2^63 - 1, a negative one <= 2^63. */
static inline int fides_signed_from_mag(uint64_t mag, bool negative, int64_t* out) {
  if (negative) {
    if (mag > (uint64_t)INT64_MAX + 1u) return FIDES_ERR_OVERFLOW;
    *out = (int64_t)((uint64_t)0 - mag); /* two's complement, no signed overflow */
    return FIDES_OK;
  }
  if (mag > (uint64_t)INT64_MAX) return FIDES_ERR_OVERFLOW;
  *out = (int64_t)mag;
  return FIDES_OK;
}

/* 64 x 64 -> 128-bit unsigned product, portable (no __int128). */
static inline void fides_umul128(uint64_t a, uint64_t b, uint64_t* hi, uint64_t* lo) {
  uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
  *lo = (mid << 32) | (uint32_t)p00;
  *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

static inline int fides_clz64(uint64_t v) { /* v != 0 */
  int n = 0;
  if (v <= 0x00000000FFFFFFFFull) { n += 32; v <<= 32; }
  if (v <= 0x0000FFFFFFFFFFFFull) { n += 16; v <<= 16; }
  if (v <= 0x00FFFFFFFFFFFFFFull) { n += 8; v <<= 8; }
  if (v <= 0x0FFFFFFFFFFFFFFFull) { n += 4; v <<= 4; }
  if (v <= 0x3FFFFFFFFFFFFFFFull) { n += 2; v <<= 2; }
  if (v <= 0x7FFFFFFFFFFFFFFFull) { n += 1; }
  return n;
}

/* (hi:lo) / v -> quotient, remainder in *rem. Requires v != 0 and hi < v
 * (so the quotient fits in 64 bits). Knuth's algorithm D on 32-bit digits,
 * after Hacker's Delight `divlu`; no 128-bit division libcall. */
static inline uint64_t fides_udiv128(uint64_t hi, uint64_t lo, uint64_t v, uint64_t* rem) {
  const uint64_t b = (uint64_t)1 << 32;
  int s = fides_clz64(v);
  v <<= s;
  uint64_t vn1 = v >> 32, vn0 = v & 0xFFFFFFFFu;
  uint64_t un32 = s ? (hi << s) | (lo >> (64 - s)) : hi;
  uint64_t un10 = lo << s;
  uint64_t un1 = un10 >> 32, un0 = un10 & 0xFFFFFFFFu;

  uint64_t q1 = un32 / vn1, rhat = un32 - q1 * vn1;
  while (q1 >= b || q1 * vn0 > b * rhat + un1) {
    q1--;
    rhat += vn1;
    if (rhat >= b) break;
  }
  uint64_t un21 = un32 * b + un1 - q1 * v; /* mod 2^64, exact by construction */
  uint64_t q0 = un21 / vn1;
  rhat = un21 - q0 * vn1;
  while (q0 >= b || q0 * vn0 > b * rhat + un0) {
    q0--;
    rhat += vn1;
    if (rhat >= b) break;
  }
  *rem = (un21 * b + un0 - q0 * v) >> s;
  return q1 * b + q0;
}

/* Length in bytes of the UTF-8 unit starting at p[0] (n >= 1 bytes left):
 * the length of a well-formed sequence (no overlongs, surrogates or values
 * above U+10FFFF), or 1 for a byte that does not start one. */
static inline int64_t fides_utf8_unit(const unsigned char* p, int64_t n) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 1; /* continuation byte or overlong 2-byte lead */
  if (c < 0xE0) {
    return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 1;
  }
  if (c < 0xF0) {
    if (n < 3) return 1;
    unsigned c1 = p[1];
    if (c == 0xE0 && c1 < 0xA0) return 1; /* overlong */
    if (c == 0xED && c1 > 0x9F) return 1; /* surrogate */
    return ((c1 & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) ? 3 : 1;
  }
  if (c < 0xF5) {
    if (n < 4) return 1;
    unsigned c1 = p[1];
    if (c == 0xF0 && c1 < 0x90) return 1; /* overlong */
    if (c == 0xF4 && c1 > 0x8F) return 1; /* > U+10FFFF */
    return ((c1 & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) ? 4 : 1;
  }
  return 1;
}

/* Whether p[0] starts a well-formed sequence (as opposed to a lone byte). */
static inline bool fides_utf8_unit_ok(const unsigned char* p, int64_t n) {
  return p[0] < 0x80 || fides_utf8_unit(p, n) > 1;
}

/* days since 1970-01-01 for a proleptic Gregorian y-m-d (m 1..12, d 1..31);
 * Howard Hinnant's days_from_civil, in int64 so no input overflows. */
static inline int64_t fides_days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

#endif /* FIDES_BUILTINS_INTERNAL_H */
