/*
 * fides_builtins.h — the built-in functions of the Fides language, in C.
 *
 * One implementation, two callers: the reference interpreter (C++) calls these
 * natively, and every compiled pack links the same sources as LLVM bitcode, so
 * both back ends agree by construction on decimals, dates and text.
 *
 * Rules every function here keeps (see README.md for the full story):
 *   - C11, libc only (string.h for mem*, stdlib.h for malloc/free in the
 *     arena), no global mutable state, no 128-bit division libcalls; every
 *     function is pure and re-entrant (the arena functions mutate only the
 *     arena they are given).
 *   - A function that can fail returns an int status (enum fides_status,
 *     FIDES_OK = 0) and writes its result through an out pointer; on failure
 *     the out value is left unchanged. Functions that cannot fail return their
 *     result directly.
 *   - int is int64_t. decimal and money are int64_t scaled by 10^6 (6
 *     fractional digits, range ±9223372036854.775808). date is int32_t days
 *     since 1970-01-01, proleptic Gregorian, years 0001–9999. text is a
 *     fides_str: UTF-8 bytes, not NUL-terminated.
 *   - Decimal results are exact to 6 fractional digits, rounded half-up away
 *     from zero at the sixth (spec §8).
 */
#ifndef FIDES_BUILTINS_H
#define FIDES_BUILTINS_H

#include <stddef.h>
#include <stdint.h>
#ifndef __cplusplus
#include <stdbool.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Status codes                                                             */
/* ------------------------------------------------------------------------ */

/* Evaluation errors (arithmetic, dates), allocation failure, and the reasons
 * an input cell or --param value does not parse. The numeric values are
 * stable; fides_status_message gives the short lowercase text written to
 * errors.csv / rejects.csv. */
enum fides_status {
  FIDES_OK = 0,
  FIDES_ERR_OVERFLOW = 1,     /* "arithmetic overflow" */
  FIDES_ERR_DIV_ZERO = 2,     /* "division by zero" */
  FIDES_ERR_DOMAIN = 3,       /* "argument out of range" — percentile rank outside 0..100 */
  FIDES_ERR_INVALID_DATE = 4, /* "invalid date" — date(y, m, d) of a day that does not exist */
  FIDES_ERR_DATE_RANGE = 5,   /* "date out of range" — date arithmetic left 0001-01-01..9999-12-31 */
  FIDES_ERR_NOMEM = 6,        /* "out of memory" */
  FIDES_ERR_BAD_NUMBER = 7,   /* "bad number" — parse: not an int/decimal literal */
  FIDES_ERR_NUMBER_RANGE = 8, /* "number out of range" — parse: well-formed but too large */
  FIDES_ERR_BAD_DATE = 9,     /* "bad date" — parse: not YYYY-MM-DD or not a calendar day */
  FIDES_ERR_BAD_BOOL = 10     /* "bad boolean" — parse: not true/false */
};
#define FIDES_STATUS_COUNT 11

/* The message for a status ("division by zero"); "unknown error" for a value
 * outside the enum. Never NULL; a static string. */
const char* fides_status_message(int status);

/* ------------------------------------------------------------------------ */
/* int: int64_t, overflow is an error                                       */
/* ------------------------------------------------------------------------ */

int fides_int_add(int64_t a, int64_t b, int64_t* out);
int fides_int_sub(int64_t a, int64_t b, int64_t* out);
int fides_int_mul(int64_t a, int64_t b, int64_t* out);
int fides_int_neg(int64_t a, int64_t* out); /* overflow on INT64_MIN */
int fides_int_abs(int64_t a, int64_t* out); /* overflow on INT64_MIN */
/* a / b as a decimal (spec §2: `/` always yields decimal). DIV_ZERO, OVERFLOW. */
int fides_int_div(int64_t a, int64_t b, int64_t* out_decimal);
/* div(a, b) and mod(a, b): floored (quotient toward -infinity, remainder
 * with the divisor's sign). DIV_ZERO; div(INT64_MIN, -1) is OVERFLOW. */
int fides_int_floor_div(int64_t a, int64_t b, int64_t* out);
int fides_int_floor_mod(int64_t a, int64_t b, int64_t* out);
int64_t fides_int_min(int64_t a, int64_t b);
int64_t fides_int_max(int64_t a, int64_t b);
/* clamp(x, lo, hi) = max(lo, min(x, hi)): when lo > hi, lo wins. Never fails. */
int64_t fides_int_clamp(int64_t x, int64_t lo, int64_t hi);

/* ------------------------------------------------------------------------ */
/* decimal / money: int64_t scaled by 10^6                                  */
/* ------------------------------------------------------------------------ */

#define FIDES_DECIMAL_SCALE INT64_C(1000000)
#define FIDES_DECIMAL_DIGITS 6
/* Largest int that converts to decimal: 9223372036854. */
#define FIDES_DECIMAL_INT_MAX (INT64_MAX / FIDES_DECIMAL_SCALE)

int fides_int_to_dec(int64_t i, int64_t* out); /* OVERFLOW when |i| > 9223372036854 */
int fides_dec_add(int64_t a, int64_t b, int64_t* out);
int fides_dec_sub(int64_t a, int64_t b, int64_t* out);
int fides_dec_neg(int64_t a, int64_t* out);
int fides_dec_abs(int64_t a, int64_t* out);
/* a * b with an exact 128-bit product, rounded half-up away from zero at the
 * 6th fractional digit. OVERFLOW when the rounded result does not fit. */
int fides_dec_mul(int64_t a, int64_t b, int64_t* out);
/* a / b exact to 6 fractional digits, rounded half-up away from zero.
 * DIV_ZERO when b == 0, OVERFLOW when the result does not fit. */
int fides_dec_div(int64_t a, int64_t b, int64_t* out);
/* decimal / int (e.g. avg = sum / count), same rounding; DIV_ZERO, OVERFLOW. */
int fides_dec_div_int(int64_t a, int64_t n, int64_t* out);

/* decimal → int. Never fail: every decimal's integer part fits in int64. */
int64_t fides_dec_round(int64_t x); /* half-up away from zero: 2.5→3, -2.5→-3 */
int64_t fides_dec_floor(int64_t x); /* toward -inf: -2.1→-3 */
int64_t fides_dec_ceil(int64_t x);  /* toward +inf: -2.9→-2 */
int64_t fides_dec_trunc(int64_t x); /* toward zero */

/* round(x, n) → decimal, half-up away from zero at the n-th fractional digit.
 * n >= 6 returns x unchanged; 0 <= n < 6 rounds to n places; n < 0 rounds to
 * a multiple of 10^-n (round(1250, -2) = 1300, round(-1250, -2) = -1300),
 * and very negative n gives 0. OVERFLOW when rounding up leaves the range
 * (round(9223372036854.9, 0)). */
int fides_dec_round_n(int64_t x, int64_t n, int64_t* out);

int64_t fides_dec_min(int64_t a, int64_t b);
int64_t fides_dec_max(int64_t a, int64_t b);
/* clamp(x, lo, hi) = max(lo, min(x, hi)): when lo > hi, lo wins. */
int64_t fides_dec_clamp(int64_t x, int64_t lo, int64_t hi);

/* ------------------------------------------------------------------------ */
/* date: int32_t days since 1970-01-01                                      */
/* ------------------------------------------------------------------------ */

#define FIDES_DATE_MIN INT32_C(-719162) /* 0001-01-01 */
#define FIDES_DATE_MAX INT32_C(2932896) /* 9999-12-31 */

bool fides_is_leap_year(int64_t y);
/* Days in month m (1..12) of year y; 0 when m is out of range. */
int fides_days_in_month(int64_t y, int64_t m);
/* date(y, m, d): INVALID_DATE unless 1 <= y <= 9999 and (m, d) is a day of
 * that year. */
int fides_date_from_ymd(int64_t y, int64_t m, int64_t d, int32_t* out);
/* Splits a date; defined for every int32_t (years outside 1..9999 included). */
void fides_date_to_ymd(int32_t date, int32_t* y, int32_t* m, int32_t* d);
int64_t fides_date_year(int32_t date);
int64_t fides_date_month(int32_t date);
int64_t fides_date_day(int32_t date);

/* d ± n days / weeks / months / years. DATE_RANGE when the result leaves
 * 0001-01-01..9999-12-31 (whatever n is; no intermediate overflow). Months
 * and years clamp the day to the end of the target month:
 * 2024-01-31 + 1 months = 2024-02-29, 2024-02-29 + 1 years = 2025-02-28.
 * A year is 12 months, a week 7 days. */
int fides_date_add_days(int32_t d, int64_t n, int32_t* out);
int fides_date_sub_days(int32_t d, int64_t n, int32_t* out);
int fides_date_add_weeks(int32_t d, int64_t n, int32_t* out);
int fides_date_sub_weeks(int32_t d, int64_t n, int32_t* out);
int fides_date_add_months(int32_t d, int64_t n, int32_t* out);
int fides_date_sub_months(int32_t d, int64_t n, int32_t* out);
int fides_date_add_years(int32_t d, int64_t n, int32_t* out);
int fides_date_sub_years(int32_t d, int64_t n, int32_t* out);
/* a - b in days (the language's `d2 - d1`). Cannot overflow. */
int64_t fides_date_diff_days(int32_t a, int32_t b);
/* years_between(a, b): completed years from a to b. A 29 February `a` has its
 * anniversary on 1 March in non-leap years (spec §8). When b < a the result
 * is -years_between(b, a) (truncation toward zero, so it is antisymmetric). */
int64_t fides_years_between(int32_t a, int32_t b);

/* ------------------------------------------------------------------------ */
/* arena: where allocating text functions put their results                 */
/* ------------------------------------------------------------------------ */

/* Chained malloc'd blocks. Zero-initialise it or call fides_arena_init; the
 * first block is allocated on first use. Memory is released only by reset
 * (which keeps the first block for reuse) or free. Not thread-safe: use one
 * arena per thread. The fields are private. */
typedef struct fides_arena_block fides_arena_block;
typedef struct fides_arena {
  fides_arena_block* first;   /* kept by reset */
  fides_arena_block* current; /* block being filled */
  size_t used;                /* bytes used in current */
  size_t block_size;          /* data size of ordinary blocks */
} fides_arena;

#define FIDES_ARENA_DEFAULT_BLOCK ((size_t)64 * 1024)
#define FIDES_ARENA_ALIGN 16

/* block_size 0 means FIDES_ARENA_DEFAULT_BLOCK. Allocates nothing. */
void fides_arena_init(fides_arena* a, size_t block_size);
/* n bytes aligned to FIDES_ARENA_ALIGN, or NULL when malloc fails. n == 0
 * returns a valid non-NULL pointer. Larger requests get a block of their own. */
void* fides_arena_alloc(fides_arena* a, size_t n);
/* Forgets every allocation; frees every block but the first. */
void fides_arena_reset(fides_arena* a);
/* Frees every block; the arena may be used again (as after init). */
void fides_arena_free(fides_arena* a);

/* ------------------------------------------------------------------------ */
/* text: UTF-8 slices                                                       */
/* ------------------------------------------------------------------------ */

/* Bytes [ptr, ptr + len). len >= 0; ptr may be NULL only when len == 0.
 * Not NUL-terminated. Results that are slices point into the argument. */
#ifndef FIDES_STR_DEFINED /* the pack ABI header defines the same type */
#define FIDES_STR_DEFINED
typedef struct fides_str {
  const char* ptr;
  int64_t len;
} fides_str;
#endif

/* Code points. A byte that does not start a well-formed UTF-8 sequence
 * (stray continuation byte, overlong form, surrogate, > U+10FFFF, truncated
 * sequence) counts as one code point on its own, here and in substr, like. */
bool fides_utf8_valid(fides_str s);
int64_t fides_text_len(fides_str s);

bool fides_text_eq(fides_str a, fides_str b);
/* <0, 0, >0 by bytes (code-point order for valid UTF-8), shorter first. */
int fides_text_cmp(fides_str a, fides_str b);
/* A 64-bit hash of the bytes (FNV-1a): equal texts hash equal. */
uint64_t fides_text_hash(fides_str s);
bool fides_text_starts_with(fides_str s, fides_str prefix);
bool fides_text_ends_with(fides_str s, fides_str suffix);
bool fides_text_contains(fides_str s, fides_str needle); /* "" is in everything */

/* substr(s, start, length): code points start .. start+length-1, 1-based,
 * intersected with 1..len(s) (SQL-standard SUBSTRING). Never fails:
 * substr("abc", 0, 2) = "a", substr("abc", 2, 99) = "bc",
 * substr("abc", 5, 1) = "", a negative length gives "". A slice of s. */
fides_str fides_text_substr(fides_str s, int64_t start, int64_t length);
/* substr(s, start): from code point start to the end, same clamping. */
fides_str fides_text_substr_from(fides_str s, int64_t start);
/* Removes ASCII whitespace (space \t \n \v \f \r) and U+3000 IDEOGRAPHIC
 * SPACE from both ends. A slice of s. */
fides_str fides_text_trim(fides_str s);

/* ASCII letters only; everything else (Chinese, fullwidth Ａ) unchanged.
 * Returns s itself when nothing changes, else a copy in the arena. NOMEM. */
int fides_text_upper(fides_arena* a, fides_str s, fides_str* out);
int fides_text_lower(fides_arena* a, fides_str s, fides_str* out);
/* a + b. Returns a or b itself when the other is empty. NOMEM. */
int fides_text_concat(fides_arena* ar, fides_str a, fides_str b, fides_str* out);

/* s like pattern: case-sensitive; % any sequence, _ exactly one code point,
 * \ makes the next code point literal (a trailing lone \ matches a \).
 * O(len(s) * len(pattern)) worst case, no recursion. Malformed UTF-8 is
 * matched unit by unit (see above). */
bool fides_text_like(fides_str s, fides_str pattern);

/* ------------------------------------------------------------------------ */
/* Statistics (spec §9.2): the cores of count(distinct), percentile, stddev  */
/* ------------------------------------------------------------------------ */

/* The number of distinct values among v[0..n); sorts v in place. O(n log n). */
int64_t fides_count_distinct_int(int64_t* v, int64_t n);
int64_t fides_count_distinct_text(fides_str* v, int64_t n);
/* percentile(p, …) of v[0..n) (sorted in place): with h = (n-1) p / 100, the
 * exact v[floor h] + frac(h) (v[floor h + 1] - v[floor h]) rounded half-up to
 * 6 fractional digits, as a decimal. `ints`: the values are ints (else
 * decimals scaled by 10^6). DOMAIN when p is outside 0..100 (checked even
 * when n == 0); OVERFLOW when the result does not fit; n == 0 leaves *out
 * unchanged (the aggregate is absent). */
int fides_percentile(int64_t* v, int64_t n, int64_t p, bool ints, int64_t* out);
/* Population standard deviation of v[0..n) as a decimal: the exact square
 * root of the exact variance, rounded half-up to 6 fractional digits.
 * OVERFLOW when it does not fit; n == 0 leaves *out unchanged. */
int fides_stddev(const int64_t* v, int64_t n, bool ints, int64_t* out);

/* ------------------------------------------------------------------------ */
/* SHA-256 and uniform(key, seed) (spec §9.3)                               */
/* ------------------------------------------------------------------------ */

typedef struct fides_sha256 {
  uint32_t h[8];
  uint8_t buf[64];
  size_t buf_len;
  uint64_t total;
} fides_sha256;
void fides_sha256_init(fides_sha256* s);
void fides_sha256_update(fides_sha256* s, const void* data, size_t len);
/* Finishes the hash; s must be initialised again before further use. */
void fides_sha256_final(fides_sha256* s, uint8_t out[32]);
/* floor(u * 10^6 / 2^64) / 10^6 as a decimal, u the first 8 bytes (big-endian)
 * of SHA-256(seed, 0x00, key). In [0, 1). */
int64_t fides_uniform(fides_str key, fides_str seed);

/* ------------------------------------------------------------------------ */
/* ID cards (GB 11643-1999, 18 characters)                                  */
/* ------------------------------------------------------------------------ */

/* The check character ('0'..'9' or 'X') for 17 ASCII digits, or 0 when any
 * of the 17 is not a digit. */
char fides_idcard_check_char(const char* first17);
/* 18 bytes; 17 digits then a digit, X or x; characters 7–14 a valid
 * YYYYMMDD (year 0001–9999); the check character right. No notion of
 * "today": a future birth date is not rejected. */
bool fides_idcard_valid(fides_str t);
/* Present (true) with the birth date for a valid card; false otherwise. */
bool fides_idcard_birth(fides_str t, int32_t* out);
#define FIDES_GENDER_ABSENT 0
#define FIDES_GENDER_MALE 1   /* 男: odd 17th digit */
#define FIDES_GENDER_FEMALE 2 /* 女: even 17th digit */
int fides_idcard_gender(fides_str t);
/* "男" / "女" for 1 / 2, "" otherwise (a static string). */
fides_str fides_gender_text(int gender);

/* ------------------------------------------------------------------------ */
/* severity and verdict                                                     */
/* ------------------------------------------------------------------------ */

enum fides_severity {
  FIDES_SEVERITY_INFO = 0,
  FIDES_SEVERITY_LOW = 1,
  FIDES_SEVERITY_MEDIUM = 2,
  FIDES_SEVERITY_HIGH = 3,
  FIDES_SEVERITY_CRITICAL = 4
};
/* The ordinals of the pack ABI (fides_rule_desc::verdict). */
enum fides_verdict { FIDES_VERDICT_SUSPICIOUS = 0, FIDES_VERDICT_DEFINITE = 1 };

/* "info" … "critical"; "" for a value out of range. */
const char* fides_severity_name(int severity);
/* Exact lowercase name → ordinal; false when unknown. */
bool fides_severity_from_name(fides_str s, int* out);
/* "definite" / "suspicious"; "" for a value out of range. */
const char* fides_verdict_name(int verdict);
bool fides_verdict_from_name(fides_str s, int* out);

/* ------------------------------------------------------------------------ */
/* Printing (files and messages, spec §8)                                   */
/* ------------------------------------------------------------------------ */

/* Buffer sizes, NUL included, large enough for every input value. */
#define FIDES_INT_BUF 21     /* "-9223372036854775808" */
#define FIDES_DECIMAL_BUF 22 /* "-9223372036854.775808" */
#define FIDES_MONEY_BUF 18   /* "-9223372036854.78" */
#define FIDES_DATE_BUF 16    /* "YYYY-MM-DD"; any int32_t fits ("-5877641-06-23") */
#define FIDES_BOOL_BUF 6     /* "false" */

/* Each writes a NUL-terminated string into buf (at least the size above)
 * and returns its length without the NUL. */
size_t fides_format_int(int64_t v, char* buf);
/* Up to 6 decimals, trailing zeros and a bare point removed: "0.35", "3", "-1.5". */
size_t fides_format_decimal(int64_t v, char* buf);
/* Exactly 2 decimals, half-up away from zero; never "-0.00":
 * -0.004 → "0.00", -0.005 → "-0.01", 1200.5 → "1200.50". */
size_t fides_format_money(int64_t v, char* buf);
/* ISO YYYY-MM-DD (4-digit zero-padded year within 0001–9999). */
size_t fides_format_date(int32_t d, char* buf);
size_t fides_format_bool(bool v, char* buf);

/* The same, as text in an arena (for message templates). NOMEM. */
int fides_text_of_int(fides_arena* a, int64_t v, fides_str* out);
int fides_text_of_decimal(fides_arena* a, int64_t v, fides_str* out);
int fides_text_of_money(fides_arena* a, int64_t v, fides_str* out);
int fides_text_of_date(fides_arena* a, int32_t d, fides_str* out);
int fides_text_of_bool(fides_arena* a, bool v, fides_str* out);

/* ------------------------------------------------------------------------ */
/* Parsing (CSV cells, --param values, `given` values)                      */
/* ------------------------------------------------------------------------ */

/* The whole of s must match; nothing is trimmed; the empty string is
 * malformed (absent/empty cells are the caller's business). On failure the
 * status is the reason: fides_status_message(status) is "bad number",
 * "number out of range", "bad date" or "bad boolean". */

/* -?[0-9]+ ; NUMBER_RANGE outside int64. "+5", " 5", "5 ", "1e3" are BAD_NUMBER. */
int fides_parse_int(fides_str s, int64_t* out);
/* -?[0-9]+(\.[0-9]{1,6})? — "45" and "-0.5" are valid; ".5", "5.", "+5",
 * "1e3", "1.2345678" (7 fraction digits), spaces are BAD_NUMBER; a value
 * beyond ±9223372036854.775807 is NUMBER_RANGE. Money parses the same way. */
int fides_parse_decimal(fides_str s, int64_t* out);
/* Exactly YYYY-MM-DD, a real calendar day in 0001-01-01..9999-12-31. */
int fides_parse_date(fides_str s, int32_t* out);
/* Exactly "true" or "false" (lowercase, the literal syntax). */
int fides_parse_bool(fides_str s, bool* out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FIDES_BUILTINS_H */
