/* Status messages, severity and verdict names. */
#include <string.h>

#include "internal.h"

const char* fides_status_message(int status) {
  switch (status) {
    case FIDES_OK: return "ok";
    case FIDES_ERR_OVERFLOW: return "arithmetic overflow";
    case FIDES_ERR_DIV_ZERO: return "division by zero";
    case FIDES_ERR_DOMAIN: return "argument out of range";
    case FIDES_ERR_INVALID_DATE: return "invalid date";
    case FIDES_ERR_DATE_RANGE: return "date out of range";
    case FIDES_ERR_NOMEM: return "out of memory";
    case FIDES_ERR_BAD_NUMBER: return "bad number";
    case FIDES_ERR_NUMBER_RANGE: return "number out of range";
    case FIDES_ERR_BAD_DATE: return "bad date";
    case FIDES_ERR_BAD_BOOL: return "bad boolean";
    default: return "unknown error";
  }
}

static const char* const severity_names[] = {"info", "low", "medium", "high", "critical"};
static const char* const verdict_names[] = {"suspicious", "definite"}; /* by enum fides_verdict */

static bool name_lookup(const char* const* names, int count, fides_str s, int* out) {
  for (int i = 0; i < count; i++) {
    size_t n = strlen(names[i]);
    if (s.len == (int64_t)n && memcmp(s.ptr, names[i], n) == 0) {
      *out = i;
      return true;
    }
  }
  return false;
}

const char* fides_severity_name(int severity) {
  return severity >= 0 && severity <= FIDES_SEVERITY_CRITICAL ? severity_names[severity] : "";
}

bool fides_severity_from_name(fides_str s, int* out) {
  return name_lookup(severity_names, 5, s, out);
}

const char* fides_verdict_name(int verdict) {
  return verdict >= 0 && verdict <= FIDES_VERDICT_DEFINITE ? verdict_names[verdict] : "";
}

bool fides_verdict_from_name(fides_str s, int* out) {
  return name_lookup(verdict_names, 2, s, out);
}
