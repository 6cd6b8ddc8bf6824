/* Resident ID numbers, GB 11643-1999: 6-digit area code, 8-digit birth date
 * YYYYMMDD, 3-digit sequence (odd for men, even for women), check character
 * = "10X98765432"[sum(digit_i * weight_i) mod 11]. */
#include "internal.h"

static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char check_chars[12] = "10X98765432";

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

char fides_idcard_check_char(const char* first17) {
  int sum = 0;
  for (int i = 0; i < 17; i++) {
    if (!is_digit(first17[i])) return 0;
    sum += (first17[i] - '0') * weights[i];
  }
  return check_chars[sum % 11];
}

/* The birth date of a valid card (FIDES_OK), or an error status. */
static int parse_card(fides_str t, int32_t* birth) {
  if (t.len != 18) return FIDES_ERR_BAD_NUMBER;
  char expected = fides_idcard_check_char(t.ptr);
  if (!expected) return FIDES_ERR_BAD_NUMBER;
  char last = t.ptr[17] == 'x' ? 'X' : t.ptr[17];
  if (last != expected) return FIDES_ERR_BAD_NUMBER;
  const char* b = t.ptr + 6;
  int64_t y = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + (b[3] - '0');
  int64_t m = (b[4] - '0') * 10 + (b[5] - '0');
  int64_t d = (b[6] - '0') * 10 + (b[7] - '0');
  return fides_date_from_ymd(y, m, d, birth);
}

bool fides_idcard_valid(fides_str t) {
  int32_t birth;
  return parse_card(t, &birth) == FIDES_OK;
}

bool fides_idcard_birth(fides_str t, int32_t* out) {
  return parse_card(t, out) == FIDES_OK;
}

int fides_idcard_gender(fides_str t) {
  int32_t birth;
  if (parse_card(t, &birth) != FIDES_OK) return FIDES_GENDER_ABSENT;
  return (t.ptr[16] - '0') % 2 == 1 ? FIDES_GENDER_MALE : FIDES_GENDER_FEMALE;
}

fides_str fides_gender_text(int gender) {
  fides_str r;
  switch (gender) {
    case FIDES_GENDER_MALE: r.ptr = "\xE7\x94\xB7"; r.len = 3; break;   /* 男 */
    case FIDES_GENDER_FEMALE: r.ptr = "\xE5\xA5\xB3"; r.len = 3; break; /* 女 */
    default: r.ptr = ""; r.len = 0; break;
  }
  return r;
}
