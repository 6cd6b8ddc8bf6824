#include <doctest/doctest.h>

#include "diag/lang.h"

using fides::Lang;
using fides::lang_from_locale;

TEST_CASE("--lang takes zh and en only") {
  CHECK(fides::parse_lang("zh") == Lang::zh);
  CHECK(fides::parse_lang("en") == Lang::en);
  CHECK_FALSE(fides::parse_lang("zh_CN"));
  CHECK_FALSE(fides::parse_lang(""));
}

TEST_CASE("the locale decides as POSIX orders its variables") {
  CHECK(lang_from_locale(nullptr, nullptr, nullptr) == Lang::en);
  CHECK(lang_from_locale(nullptr, nullptr, "zh_CN.UTF-8") == Lang::zh);
  CHECK(lang_from_locale(nullptr, nullptr, "zh_TW.Big5") == Lang::zh);
  CHECK(lang_from_locale(nullptr, nullptr, "en_US.UTF-8") == Lang::en);
  CHECK(lang_from_locale(nullptr, nullptr, "C.UTF-8") == Lang::en);
  CHECK(lang_from_locale(nullptr, "en_US.UTF-8", "zh_CN.UTF-8") == Lang::en);  // LC_MESSAGES before LANG
  CHECK(lang_from_locale("zh_CN.UTF-8", "en_US.UTF-8", "C") == Lang::zh);     // LC_ALL before both
  CHECK(lang_from_locale("", nullptr, "zh_CN.UTF-8") == Lang::zh);            // empty counts as unset
}
