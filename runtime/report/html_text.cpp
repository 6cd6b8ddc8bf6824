#include "report/html_text.h"

#include "data/utf8.h"

namespace fides::report {

std::string html_escape(std::string_view in) {
  std::string text = data::utf8_valid(in) ? std::string(in) : data::utf8_repair(in);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string grouped_number(std::string_view number) {
  size_t sign = !number.empty() && number[0] == '-' ? 1 : 0;
  size_t point = number.find('.');
  size_t int_end = point == std::string_view::npos ? number.size() : point;
  if (int_end == sign) return std::string(number);
  for (size_t i = sign; i < number.size(); ++i)
    if ((number[i] < '0' || number[i] > '9') && i != point) return std::string(number);
  std::string out(number.substr(0, sign));
  for (size_t i = sign; i < int_end; ++i) {
    if (i > sign && (int_end - i) % 3 == 0) out += ',';
    out += number[i];
  }
  out += number.substr(int_end);
  return out;
}

std::string grouped_count(int64_t n) { return grouped_number(std::to_string(n)); }

}  // namespace fides::report
