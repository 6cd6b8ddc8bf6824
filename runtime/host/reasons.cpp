#include "host/reasons.h"

#include <algorithm>

#include "data/values.h"

namespace fides::host {

std::string score_text(const fides_scorecard_desc& card, int64_t value) {
  return card.score_is_decimal ? data::format_decimal_value(value) : data::format_int_value(value);
}

std::string reasons_cell(const fides_scorecard_desc& card, const std::vector<int64_t>& items) {
  if (card.reasons == 0) return "";
  std::vector<uint32_t> chosen;
  for (uint32_t i = 0; i < items.size() && i < card.n_items; ++i)
    if (card.reasons_highest ? items[i] > 0 : items[i] < 0) chosen.push_back(i);
  std::stable_sort(chosen.begin(), chosen.end(), [&](uint32_t a, uint32_t b) {
    return card.reasons_highest ? items[a] > items[b] : items[a] < items[b];
  });
  if (chosen.size() > card.reasons) chosen.resize(card.reasons);
  std::string cell;
  for (uint32_t i : chosen) {
    if (!cell.empty()) cell += "; ";
    cell += card.items[i] ? card.items[i] : "";
    cell += ':';
    cell += score_text(card, items[i]);
  }
  return cell;
}

}  // namespace fides::host
