#include "host/sink_buffer.h"

#include <algorithm>

namespace fides::host {
namespace {
std::string text(const char* p, int64_t len) { return p && len > 0 ? std::string(p, static_cast<size_t>(len)) : std::string(); }
}  // namespace

const fides_sink_vtbl SinkBuffer::vtbl = {&SinkBuffer::on_finding, &SinkBuffer::on_score, &SinkBuffer::on_error,
                                          &SinkBuffer::on_group_member};

void SinkBuffer::on_finding(void* sink, uint32_t rule, int64_t row, int64_t amount, int64_t points,
                            const char* message, int64_t message_len) {
  auto* self = static_cast<SinkBuffer*>(sink);
  self->findings.push_back({rule, row, amount, points, text(message, message_len)});
}

void SinkBuffer::on_score(void* sink, uint32_t scorecard, int64_t row, int64_t score, uint32_t grade,
                          const int64_t* items) {
  auto* self = static_cast<SinkBuffer*>(sink);
  ScoreOut s{scorecard, row, score, grade, {}};
  if (scorecard < self->pack_->n_scorecards && items)
    s.items.assign(items, items + self->pack_->scorecards[scorecard].n_items);
  self->scores.push_back(std::move(s));
}

void SinkBuffer::on_error(void* sink, uint32_t kind, uint32_t index, int64_t row, const char* message,
                          int64_t message_len) {
  auto* self = static_cast<SinkBuffer*>(sink);
  self->errors.push_back({kind, index, row, text(message, message_len)});
}

void SinkBuffer::on_group_member(void* sink, uint32_t group_record, int64_t row, const int64_t* values,
                                 const fides_str* texts) {
  auto* self = static_cast<SinkBuffer*>(sink);
  const fides_record_desc& rec = self->pack_->records[group_record];
  data::GroupMembers& m = self->members;
  m.rows.push_back(row);
  for (uint32_t k = 0; k < rec.n_keys; ++k) {
    bool is_text = rec.fields[k].type == FIDES_TYPE_TEXT;
    m.values.push_back(is_text ? 0 : values[k]);
    m.texts.push_back(is_text ? text(texts[k].ptr, texts[k].len) : std::string());
  }
}

void SinkBuffer::sort_by_row() {
  auto by_row = [](const auto& a, const auto& b) { return a.row < b.row; };
  std::stable_sort(findings.begin(), findings.end(), by_row);
  std::stable_sort(scores.begin(), scores.end(), by_row);
  std::stable_sort(errors.begin(), errors.end(), by_row);
}

}  // namespace fides::host
