// One review (spec §10): which subjects a request can change, their
// evaluation, and the answer — the findings and errors that exist with the
// request's rows and not without them.
//
// Subjects: the request's rows, the groups they are members of, and every
// row those reach through references (attribution's closure). Each rule runs
// on its subjects only, one call per run of consecutive rows, so a pack's
// per-call memo (peer medians and the like) is computed once per request;
// rules using hits see the history's first-stratum findings with those of the
// subjects replaced by their new ones.
//
// A finding is the history's when that rule had a finding on the subject's
// key with the same amount, points and message; such findings are left out,
// every other one is in the answer. Errors likewise (same message).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "serve/history.h"
#include "serve/request_rows.h"
#include "serve/review_data.h"

namespace fides::serve {

struct AnswerFinding {
  uint32_t rule = 0;
  int64_t row = 0;
  std::string key;
  int64_t amount = 0, points = 0;
  std::string message;
  std::vector<std::pair<uint32_t, std::vector<std::string>>> attributed;  // input record → keys, in row order
};

struct AnswerError {
  const char* kind = "rule";  // "rule" or "group"
  std::string id, record, key, message;
};

struct Answer {
  std::vector<AnswerFinding> findings;  // by rule, then subject row
  std::vector<AnswerError> errors;
};

// Where one review's time went, in seconds (bench/serve's serve-profile).
struct ReviewTimes {
  double subjects = 0, row_cache = 0, hits_view = 0, answer = 0;
  std::vector<double> rules;  // [rule]
};

// False with a message when an entry point could not run at all. `times`
// (may be null) gets the time of each step added.
bool review(const History& history, const ReviewData& data, const StagedRequest& request, Answer& answer,
            std::string& error, ReviewTimes* times = nullptr);

}  // namespace fides::serve
