// The server's JSON bodies (docs/serve.md): a review's answer, the pack's
// description, and an error. Amounts are strings printed as output files
// print money (§8: two decimals, half-up); text the pack made is repaired to
// valid UTF-8 if it is not.
#pragma once

#include <string>

#include "serve/history.h"
#include "serve/request_rows.h"
#include "serve/review.h"
#include "trust/verified_pack.h"

namespace fides::serve {

std::string answer_json(const History& history, const Answer& answer, const StagedRequest& request);
std::string pack_json(const History& history, const trust::PackOrigin& origin);
std::string error_json(const std::string& message);

}  // namespace fides::serve
