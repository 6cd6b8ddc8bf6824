#include "idcard.h"

#include "util.h"

namespace fides::gen {

char idcard_check(const std::string& first17) {
  static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char map[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int s = 0;
  for (int i = 0; i < 17; ++i) s += (first17[static_cast<size_t>(i)] - '0') * w[i];
  return map[s % 11];
}

std::string make_idcard(const std::string& area6, int birth_day, char gend, int seq2) {
  std::string s = area6.substr(0, 6);
  while (s.size() < 6) s.push_back('0');
  append_date_compact(s, birth_day);
  append_padded(s, static_cast<uint64_t>(seq2 % 100), 2);
  // 17th character: odd for men, even for women.
  int d = (seq2 / 100) % 5;
  s.push_back(static_cast<char>('0' + (gend == '1' ? 2 * d + 1 : 2 * d)));
  s.push_back(idcard_check(s));
  return s;
}

bool idcard_decode(const std::string& id, int& birth_day, char& gend) {
  if (id.size() != 18) return false;
  for (int i = 0; i < 17; ++i)
    if (id[static_cast<size_t>(i)] < '0' || id[static_cast<size_t>(i)] > '9') return false;
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) return false;
  if (idcard_check(id.substr(0, 17)) != last) return false;
  int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)), d = std::stoi(id.substr(12, 2));
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, static_cast<unsigned>(m))) return false;
  birth_day = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  gend = ((id[16] - '0') % 2 == 1) ? '1' : '2';
  return true;
}

bool idcard_valid(const std::string& id) {
  int b;
  char g;
  return idcard_decode(id, b, g);
}

}  // namespace fides::gen
