#include "test_util.h"

using namespace fides_test;

namespace {

// GB 11643 check character, written out independently of the library.
char check_of(const std::string& first17) {
  static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; i++) sum += (first17[i] - '0') * w[i];
  return "10X98765432"[sum % 11];
}

std::string card(const std::string& first17) { return first17 + check_of(first17); }

// A card whose check character is deliberately wrong.
std::string wrong(const std::string& first17) {
  char c = check_of(first17);
  return first17 + (c == '0' ? '1' : '0');
}

}  // namespace

TEST_CASE("the well-known sample 11010519491231002X") {
  const char* id = "11010519491231002X";
  CHECK(fides_idcard_valid(S(id)));
  CHECK(fides_idcard_valid(S("11010519491231002x")));  // lowercase x accepted
  int32_t birth = 0;
  REQUIRE(fides_idcard_birth(S(id), &birth));
  CHECK(date(birth) == "1949-12-31");
  CHECK(fides_idcard_gender(S(id)) == FIDES_GENDER_FEMALE);  // 17th digit 2
  CHECK(str(fides_gender_text(fides_idcard_gender(S(id)))) == "女");
  CHECK(fides_idcard_check_char("11010519491231002") == 'X');
  CHECK_FALSE(fides_idcard_valid(S("110105194912310021")));
  CHECK_FALSE(fides_idcard_valid(S("11010519491231002Y")));
}

TEST_CASE("computed cards: every check character, both genders") {
  // Vary the sequence number so that all eleven check characters occur.
  bool seen[128] = {};
  for (int seq = 0; seq < 200; seq++) {
    char buf[4];
    buf[0] = (char)('0' + seq / 100 % 10);
    buf[1] = (char)('0' + seq / 10 % 10);
    buf[2] = (char)('0' + seq % 10);
    buf[3] = 0;
    std::string first17 = std::string("43010219800501") + buf;
    std::string id = card(first17);
    seen[(unsigned char)id[17]] = true;
    CHECK(fides_idcard_check_char(first17.c_str()) == id[17]);
    REQUIRE_MESSAGE(fides_idcard_valid(S(id)), id);
    CHECK_FALSE(fides_idcard_valid(S(wrong(first17))));
    int32_t birth = 0;
    REQUIRE(fides_idcard_birth(S(id), &birth));
    CHECK(date(birth) == "1980-05-01");
    int expected = (seq % 10) % 2 == 1 ? FIDES_GENDER_MALE : FIDES_GENDER_FEMALE;
    CHECK(fides_idcard_gender(S(id)) == expected);
    if (id[17] == 'X') {
      std::string lower = id;
      lower[17] = 'x';
      CHECK(fides_idcard_valid(S(lower)));
    }
  }
  for (char c : std::string("0123456789X")) CHECK_MESSAGE(seen[(unsigned char)c], c);
  CHECK(str(fides_gender_text(FIDES_GENDER_MALE)) == "男");
  CHECK(str(fides_gender_text(FIDES_GENDER_ABSENT)) == "");
}

TEST_CASE("invalid cards are absent everywhere") {
  auto absent = [](std::string_view id) {
    int32_t birth = 77;
    bool b = fides_idcard_birth(S(id), &birth);
    if (!b) CHECK(birth == 77);  // untouched when absent
    return !fides_idcard_valid(S(id)) && !b && fides_idcard_gender(S(id)) == FIDES_GENDER_ABSENT;
  };
  CHECK(absent(""));
  CHECK(absent("11010519491231002"));     // 17
  CHECK(absent("11010519491231002XX"));   // 19
  CHECK(absent(wrong("11010519491231002")));
  CHECK(absent(card("11010519490229002")));  // 1949-02-29 does not exist
  CHECK(absent(card("11010520230229002")));
  CHECK_FALSE(absent(card("11010520240229002")));  // 2024-02-29 does
  CHECK(absent(card("11010519491331002")));  // month 13
  CHECK(absent(card("11010519490100002")));  // day 0
  CHECK(absent(card("11010500000101002")));  // year 0000
  CHECK_FALSE(absent(card("11010599991231002")));  // any calendar date is accepted
  CHECK(absent("1101051949123100X2"));      // X only last
  CHECK(absent("X10105194912310021"));
  CHECK(absent("11010519491231002\xC3"));    // non-ASCII last byte
  CHECK(absent("１１０１０５１９４９１２３１００２Ｘ"));  // fullwidth digits
  CHECK(absent("110105 19491231002"));
  CHECK(absent(std::string_view("1101051949123\0002X", 18)));
  CHECK(absent(" 11010519491231002X"));
  CHECK_FALSE(fides_idcard_valid(fides_str{nullptr, 0}));
  CHECK(fides_idcard_check_char("1101051949123100A") == 0);
}
