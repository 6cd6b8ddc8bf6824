#include "serve/request_json.h"

#include <nlohmann/json.hpp>

#include "data/cell_value.h"
#include "data/descriptor_check.h"

namespace fides::serve {
namespace {
using Json = nlohmann::json;

// Reads the body event by event into a RawRequest, checking its shape as it goes.
class RequestReader : public nlohmann::json_sax<Json> {
 public:
  RequestReader(const RequestSchema& schema, size_t max_rows, RawRequest& out, std::string& error)
      : schema_(schema), max_rows_(max_rows), out_(out), error_(error) {
    out_.records.assign(data::input_record_count(schema.pack()), {});
    column_order_.assign(out_.records.size(), {});
  }

  bool finished() const { return state_ == State::done; }

  bool start_object(std::size_t) override {
    switch (state_) {
      case State::start: state_ = State::top; return true;
      case State::records_value: state_ = State::records; return true;
      case State::rows: return start_row();
      default: return unexpected("an object");
    }
  }
  bool end_object() override {
    switch (state_) {
      case State::row: state_ = State::rows; return true;
      case State::records: state_ = State::top; return true;
      case State::top:
        if (!seen_records_) return fail("a review request is {\"records\": {\"Record\": [rows…]}}; it has no \"records\"");
        state_ = State::done;
        return true;
      default: return unexpected("the end of an object");
    }
  }
  bool start_array(std::size_t) override {
    if (state_ != State::record_value) return unexpected("an array");
    state_ = State::rows;
    return true;
  }
  bool end_array() override {
    if (state_ != State::rows) return unexpected("the end of an array");
    state_ = State::records;
    return true;
  }
  bool key(string_t& name) override {
    switch (state_) {
      case State::top:
        if (name != "records") return fail("unknown member \"" + name + "\"; a review request has only \"records\"");
        seen_records_ = true;
        state_ = State::records_value;
        return true;
      case State::records: return start_record(name);
      case State::row: return start_cell(name);
      default: return unexpected("a member name");
    }
  }
  bool string(string_t& s) override { return cell(std::move(s)); }
  bool number_integer(number_integer_t v) override { return cell(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return cell(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& written) override { return cell(written); }
  bool boolean(bool v) override { return cell(v ? "true" : "false"); }
  bool null() override { return cell(""); }
  bool binary(binary_t&) override { return unexpected("binary data"); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 9: …".
    std::string what = e.what();
    size_t at = what.find("] ");
    return fail("malformed JSON: " + (at == std::string::npos ? what : what.substr(at + 2)));
  }

 private:
  enum class State { start, top, records_value, records, record_value, rows, row, cell_value, done };

  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  std::string where() const {
    std::string w = "records";
    if (record_ < 0) return w;
    w += std::string(".") + schema_.pack().records[record_].name;
    if (state_ == State::row || state_ == State::cell_value)
      w += "[" + std::to_string(out_.records[record_].size() - 1) + "]";
    if (state_ == State::cell_value) w += "." + column_;
    return w;
  }

  bool unexpected(const char* what) {
    const char* wanted = "";
    switch (state_) {
      case State::start: wanted = "the request object"; break;
      case State::top: wanted = "\"records\""; break;
      case State::records_value: wanted = "an object of rows by record name"; break;
      case State::records: wanted = "a record name"; break;
      case State::record_value: wanted = "an array of rows"; break;
      case State::rows: wanted = "a row object"; break;
      case State::row: wanted = "a column name"; break;
      case State::cell_value: wanted = "a string, number, true, false or null"; break;
      case State::done: wanted = "the end of the body"; break;
    }
    return fail(where() + ": expected " + wanted + ", found " + what);
  }

  bool start_record(const std::string& name) {
    int32_t r = schema_.record(name);
    if (r < 0) {
      std::string known;
      for (uint32_t i = 0; i < out_.records.size(); ++i) known += (i ? ", " : "") + std::string(schema_.pack().records[i].name);
      return fail("records: unknown record \"" + name + "\"; the pack's input records are: " + known);
    }
    if (seen_record_.empty()) seen_record_.assign(out_.records.size(), 0);
    if (seen_record_[r]) return fail("records: record \"" + name + "\" given twice");
    seen_record_[r] = 1;
    record_ = r;
    state_ = State::record_value;
    return true;
  }

  bool start_row() {
    if (++out_.rows > max_rows_)
      return fail("a request may hold at most " + std::to_string(max_rows_) + " rows (--max-body allows no more)");
    const uint32_t n_fields = schema_.pack().records[record_].n_fields;
    RawRow row;
    row.cells.assign(n_fields, {});
    out_.records[record_].push_back(std::move(row));
    given_.assign(n_fields, 0);
    column_index_ = 0;
    state_ = State::row;
    return true;
  }

  bool start_cell(const std::string& column) {
    // Rows mostly list their columns in one order: the k-th column of the
    // last row is tried before the schema's map.
    auto& order = column_order_[record_];
    if (column_index_ < order.size() && order[column_index_].first == column) {
      fields_ = order[column_index_].second;
    } else {
      fields_ = &schema_.fields(static_cast<uint32_t>(record_), column);
      if (column_index_ >= order.size()) order.resize(column_index_ + 1);
      order[column_index_] = {column, fields_};
    }
    ++column_index_;
    column_ = column;
    if (fields_->empty())
      return fail(where() + ": unknown column \"" + column + "\"; the columns of " +
                  schema_.pack().records[record_].name + " are: " + schema_.columns_of(static_cast<uint32_t>(record_)));
    if (given_[fields_->front()]) return fail(where() + ": column \"" + column + "\" given twice");
    given_[fields_->front()] = 1;
    state_ = State::cell_value;
    return true;
  }

  bool cell(std::string text) {
    if (state_ != State::cell_value) return unexpected("a value");
    RawRow& row = out_.records[record_].back();
    for (size_t k = 1; k < fields_->size(); ++k) row.cells[(*fields_)[k]] = text;
    row.cells[fields_->front()] = std::move(text);
    state_ = State::row;
    return true;
  }

  const RequestSchema& schema_;
  size_t max_rows_;
  RawRequest& out_;
  std::string& error_;
  State state_ = State::start;
  bool seen_records_ = false;
  std::vector<uint8_t> seen_record_;
  int32_t record_ = -1;
  std::vector<uint8_t> given_;  // [field] of the current row: its column was given
  size_t column_index_ = 0;     // columns of the current row so far
  std::vector<std::vector<std::pair<std::string, const std::vector<uint32_t>*>>> column_order_;  // [record]
  std::string column_;
  const std::vector<uint32_t>* fields_ = nullptr;
};
}  // namespace

RequestSchema::RequestSchema(const fides_pack& pack) : pack_(pack) {
  const uint32_t n = data::input_record_count(pack);
  columns_.assign(n, {});
  column_order_.assign(n, {});
  for (uint32_t r = 0; r < n; ++r) {
    const fides_record_desc& desc = pack.records[r];
    records_.emplace(desc.name, r);
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      std::string column = data::column_name(desc.fields[f]);
      auto& fields = columns_[r][column];
      if (fields.empty()) column_order_[r] += (column_order_[r].empty() ? "" : ", ") + column;
      fields.push_back(f);
    }
  }
}

int32_t RequestSchema::record(std::string_view name) const {
  auto it = records_.find(std::string(name));
  return it == records_.end() ? -1 : static_cast<int32_t>(it->second);
}

const std::vector<uint32_t>& RequestSchema::fields(uint32_t record, const std::string& column) const {
  static const std::vector<uint32_t> none;
  auto it = columns_[record].find(column);
  return it == columns_[record].end() ? none : it->second;
}

std::string RequestSchema::columns_of(uint32_t record) const { return column_order_[record]; }

bool parse_request(const RequestSchema& schema, std::string_view body, size_t max_rows, RawRequest& out,
                   std::string& error) {
  out = RawRequest{};
  error.clear();
  RequestReader reader(schema, max_rows, out, error);
  bool ok = Json::sax_parse(body.begin(), body.end(), &reader);
  if (ok && !reader.finished()) error = "a review request is {\"records\": {\"Record\": [rows…]}}";
  return ok && error.empty();
}

}  // namespace fides::serve
