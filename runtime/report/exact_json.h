// JSON (nlohmann-json) parsed so that a number with a fraction or an exponent
// keeps the text it was written as: it becomes a JSON string of those digits
// (`2200.50` → "2200.50"), never a double, so an amount is read back exactly.
// Integers stay integers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace fides::report {

// False with "FILE:LINE:COL: reason" when `text` is not one JSON value.
bool parse_exact_json(const std::string& text, const std::string& file, nlohmann::json& out, std::string& error);

}  // namespace fides::report
