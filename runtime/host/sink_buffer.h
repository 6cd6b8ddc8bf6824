// Where one chunk of evaluation writes its results: the sink callbacks of the
// ABI copy every finding, score and error into this buffer. Each task owns one,
// so no callback takes a lock; the scheduler merges buffers in a fixed order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/groups.h"
#include "fides/pack_abi.h"

namespace fides::host {

struct FindingOut {
  uint32_t rule = 0;
  int64_t row = 0, amount = 0, points = 0;
  std::string message;
};

struct ScoreOut {
  uint32_t scorecard = 0;
  int64_t row = 0, score = 0;
  uint32_t grade = 0;
  std::vector<int64_t> items;  // one per item of the scorecard
};

struct ErrorOut {
  uint32_t kind = 0;  // fides_error_kind
  uint32_t index = 0; // rule or scorecard
  int64_t row = 0;
  std::string message;
};

class SinkBuffer {
 public:
  explicit SinkBuffer(const fides_pack& pack) : pack_(&pack) {}

  std::vector<FindingOut> findings;
  std::vector<ScoreOut> scores;
  std::vector<ErrorOut> errors;
  // eval_group's member rows with their keys, flat as form_group reads them
  // (rows arrive in increasing order: the pack ABI promises it).
  data::GroupMembers members;

  static const fides_sink_vtbl vtbl;
  // Sorts each list by row, keeping the order of a row's own results.
  void sort_by_row();

 private:
  static void on_finding(void* sink, uint32_t rule, int64_t row, int64_t amount, int64_t points,
                         const char* message, int64_t message_len);
  static void on_score(void* sink, uint32_t scorecard, int64_t row, int64_t score, uint32_t grade,
                       const int64_t* items);
  static void on_error(void* sink, uint32_t kind, uint32_t index, int64_t row, const char* message,
                       int64_t message_len);
  static void on_group_member(void* sink, uint32_t group_record, int64_t row, const int64_t* values,
                              const fides_str* texts);
  const fides_pack* pack_;
};

}  // namespace fides::host
