#include <set>
#include <string>

#include "test_util.h"

using namespace fides_test;

TEST_CASE("every status has a distinct lowercase message without a final period") {
  std::set<std::string> seen;
  for (int s = 0; s < FIDES_STATUS_COUNT; s++) {
    std::string m = fides_status_message(s);
    CHECK_MESSAGE(m != "unknown error", s);
    CHECK(!m.empty());
    CHECK(m.back() != '.');
    CHECK(!std::isupper((unsigned char)m[0]));
    CHECK(seen.insert(m).second);
  }
  CHECK(std::string(fides_status_message(FIDES_STATUS_COUNT)) == "unknown error");
  CHECK(std::string(fides_status_message(-1)) == "unknown error");
  CHECK(std::string(fides_status_message(FIDES_ERR_BAD_NUMBER)) == "bad number");
  CHECK(std::string(fides_status_message(FIDES_ERR_NUMBER_RANGE)) == "number out of range");
  CHECK(std::string(fides_status_message(FIDES_ERR_DIV_ZERO)) == "division by zero");
}

TEST_CASE("severity ordinals and names") {
  const char* names[] = {"info", "low", "medium", "high", "critical"};
  for (int i = 0; i < 5; i++) {
    CHECK(std::string(fides_severity_name(i)) == names[i]);
    int v = -1;
    CHECK(fides_severity_from_name(S(names[i]), &v));
    CHECK(v == i);
  }
  CHECK(FIDES_SEVERITY_INFO < FIDES_SEVERITY_LOW);
  CHECK(FIDES_SEVERITY_HIGH < FIDES_SEVERITY_CRITICAL);
  CHECK(std::string(fides_severity_name(5)) == "");
  CHECK(std::string(fides_severity_name(-1)) == "");
  int v = 9;
  CHECK_FALSE(fides_severity_from_name(S("High"), &v));
  CHECK_FALSE(fides_severity_from_name(S("hig"), &v));
  CHECK_FALSE(fides_severity_from_name(S(""), &v));
  CHECK_FALSE(fides_severity_from_name(fides_str{nullptr, 0}, &v));
  CHECK(v == 9);
}

TEST_CASE("verdict names") {
  CHECK(std::string(fides_verdict_name(FIDES_VERDICT_DEFINITE)) == "definite");
  CHECK(std::string(fides_verdict_name(FIDES_VERDICT_SUSPICIOUS)) == "suspicious");
  CHECK(std::string(fides_verdict_name(2)) == "");
  int v = -1;
  CHECK(fides_verdict_from_name(S("suspicious"), &v));
  CHECK(v == FIDES_VERDICT_SUSPICIOUS);
  CHECK(fides_verdict_from_name(S("definite"), &v));
  CHECK(v == FIDES_VERDICT_DEFINITE);
  CHECK_FALSE(fides_verdict_from_name(S("明确违规"), &v));
}
