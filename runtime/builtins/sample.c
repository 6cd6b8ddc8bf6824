/* uniform(key, seed) (spec §9.3): a reproducible pseudo-random decimal in
 * [0, 1) for random inspection selections that anyone can re-check. */
#include "internal.h"

int64_t fides_uniform(fides_str key, fides_str seed) {
  static const uint8_t zero = 0;
  fides_sha256 s;
  uint8_t digest[32];
  fides_sha256_init(&s);
  fides_sha256_update(&s, seed.ptr, (size_t)seed.len);
  fides_sha256_update(&s, &zero, 1);
  fides_sha256_update(&s, key.ptr, (size_t)key.len);
  fides_sha256_final(&s, digest);
  uint64_t u = 0;
  for (int i = 0; i < 8; i++) u = (u << 8) | digest[i];
  /* floor(u * 10^6 / 2^64) is the high half of the 128-bit product; as a
   * decimal scaled by 10^6 that is the result / 10^6 itself. */
  uint64_t hi, lo;
  fides_umul128(u, (uint64_t)FIDES_DECIMAL_SCALE, &hi, &lo);
  return (int64_t)hi;
}
