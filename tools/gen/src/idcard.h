// fides-gen: 18-character citizen ID numbers (GB 11643-1999).
#pragma once

#include <string>

namespace fides::gen {

// The check character of the first 17 digits (ISO 7064 MOD 11-2): 0-9 or X.
char idcard_check(const std::string& first17);

// A valid number: 6-digit area, birth date YYYYMMDD, a 3-digit sequence whose
// last digit is odd for men (gend "1") and even for women ("2"), the check.
std::string make_idcard(const std::string& area6, int birth_day, char gend, int seq2);

// Whether a number is valid as the language's idcard_valid() sees it: 18
// characters, 17 digits and a check digit (x as X), a real birth date, the
// right check character.
bool idcard_valid(const std::string& id);

// The birth day (days since 1970) and gend ("1"/"2") a valid number encodes.
bool idcard_decode(const std::string& id, int& birth_day, char& gend);

}  // namespace fides::gen
