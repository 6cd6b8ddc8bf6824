#include "report/exact_json.h"

#include <algorithm>
#include <vector>

namespace fides::report {
namespace {
using nlohmann::json;

// Builds the document from SAX events; only number_float differs from
// nlohmann's own DOM builder.
class ExactBuilder : public nlohmann::json_sax<json> {
 public:
  explicit ExactBuilder(json& root) : root_(root) {}

  bool null() override { return put(nullptr); }
  bool boolean(bool v) override { return put(v); }
  bool number_integer(number_integer_t v) override { return put(v); }
  bool number_unsigned(number_unsigned_t v) override { return put(v); }
  bool number_float(number_float_t, const string_t& text) override { return put(text); }
  bool string(string_t& v) override { return put(v); }
  bool binary(binary_t&) override { return false; }  // JSON text has none
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    position_ = position;
    reason_ = e.what();
    return false;
  }

  std::size_t position() const { return position_; }
  const std::string& reason() const { return reason_; }

 private:
  // Places a value where the parser is: the root, the next array element, or the last key's member.
  json* place(json v) {
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    json& member = parent[key_];
    member = std::move(v);
    return &member;
  }
  bool put(json v) {
    place(std::move(v));
    return true;
  }
  bool open(json v) {
    open_.push_back(place(std::move(v)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> open_;  // containers being filled; a parent never moves while a child is open
  string_t key_;
  std::size_t position_ = 0;
  std::string reason_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …" → "syntax error …"
std::string plain_reason(const std::string& what) {
  size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}
}  // namespace

bool parse_exact_json(const std::string& text, const std::string& file, json& out, std::string& error) {
  ExactBuilder builder(out);
  if (json::sax_parse(text, &builder)) return true;
  // The parser counts the character it stopped on; name it, 1-based.
  size_t at = std::min(builder.position() > 0 ? builder.position() - 1 : 0, text.size());
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  size_t newline = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  size_t line_start = newline == std::string::npos ? 0 : newline + 1;
  size_t column = 1;
  for (size_t i = line_start; i < at; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  error = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": not JSON: " +
          plain_reason(builder.reason());
  return false;
}

}  // namespace fides::report
