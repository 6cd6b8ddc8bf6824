#include "serve/request_json.h"

#include <simdjson.h>

#include "data/cell_value.h"
#include "data/descriptor_check.h"

namespace fides::serve {
namespace {
namespace od = simdjson::ondemand;

// Reads the body with simdjson's On-Demand parser into a RawRequest,
// checking its shape as it goes: one pass over the body, no DOM.
class RequestReader {
 public:
  RequestReader(const RequestSchema& schema, size_t max_rows, RawRequest& out, std::string& error)
      : schema_(schema), max_rows_(max_rows), out_(out), error_(error) {
    out_.records.assign(data::input_record_count(schema.pack()), {});
    column_order_.assign(out_.records.size(), {});
    seen_record_.assign(out_.records.size(), 0);
  }

  bool read(std::string_view body) {
    // One parser per thread, reused: its buffers grow to the largest body seen.
    thread_local od::parser parser;
    body_ = simdjson::padded_string(body);
    if (auto e = parser.iterate(body_).get(doc_)) return fail(std::string("malformed JSON: ") + simdjson::error_message(e));
    iterating_ = true;
    od::json_type type = od::json_type::null;
    od::object top;
    if (!type_of(doc_, type) || !as_object(doc_, type, top)) return false;
    state_ = State::top;
    for (auto member : top) {
      std::string_view name;
      if (auto e = member.unescaped_key().get(name)) return malformed(e);
      if (name != "records")
        return fail("unknown member \"" + std::string(name) + "\"; a review request has only \"records\"");
      seen_records_ = true;
      state_ = State::records_value;
      if (!records(member.value())) return false;
      state_ = State::top;
    }
    if (!error_.empty()) return false;
    if (!seen_records_) return fail("a review request is {\"records\": {\"Record\": [rows…]}}; it has no \"records\"");
    // Past the request object the document must be at its end (simdjson 3.0's document has no at_end()).
    const char* rest = nullptr;
    if (!doc_.current_location().get(rest)) return malformed(simdjson::TRAILING_CONTENT);
    return true;
  }

 private:
  enum class State { start, top, records_value, records, record_value, rows, row, cell_value };

  template <typename Value>
  bool type_of(Value& v, od::json_type& type) {
    if (auto e = v.type().get(type)) return malformed(e);
    return true;
  }

  // A scalar where it does not belong: malformed if it is not even JSON, else out of place.
  template <typename Value>
  bool misplaced(Value& v, od::json_type type) {
    simdjson::error_code e = simdjson::SUCCESS;
    if (type == od::json_type::boolean) e = v.get_bool().error();
    else if (type == od::json_type::number) e = v.get_double().error();
    else if (type == od::json_type::string) e = v.get_string().error();
    else if (type == od::json_type::null) {
      bool null = false;
      e = v.is_null().get(null);
      if (!e && !null) e = simdjson::N_ATOM_ERROR;
    }
    return e ? malformed(e) : unexpected(found(type));
  }

  // The value `result` holds, and its type.
  bool take(simdjson::simdjson_result<od::value> result, od::value& v, od::json_type& type) {
    if (auto e = result.get(v)) return malformed(e);
    return type_of(v, type);
  }

  // `v`, of type `type`, must be an object (what the current state expects).
  template <typename Value>
  bool as_object(Value& v, od::json_type type, od::object& out) {
    if (type != od::json_type::object) return misplaced(v, type);
    if (auto e = v.get_object().get(out)) return malformed(e);
    return true;
  }

  bool records(simdjson::simdjson_result<od::value> member) {
    od::value v;
    od::json_type type = od::json_type::null;
    od::object by_record;
    if (!take(member, v, type) || !as_object(v, type, by_record)) return false;
    state_ = State::records;
    for (auto member : by_record) {
      std::string_view name;
      if (auto e = member.unescaped_key().get(name)) return malformed(e);
      if (!start_record(name) || !rows(member.value())) return false;
      state_ = State::records;
    }
    return error_.empty();
  }

  bool rows(simdjson::simdjson_result<od::value> member) {
    od::value v;
    od::json_type type = od::json_type::null;
    if (!take(member, v, type)) return false;
    if (type != od::json_type::array) return misplaced(v, type);
    od::array list;
    if (auto e = v.get_array().get(list)) return malformed(e);
    state_ = State::rows;
    for (auto element : list) {
      od::value row;
      od::object cells;
      if (!take(element, row, type) || !as_object(row, type, cells) || !start_row()) return false;
      for (auto member : cells) {
        std::string_view column;
        if (auto e = member.unescaped_key().get(column)) return malformed(e);
        if (!start_cell(column) || !cell(member.value())) return false;
      }
      if (!error_.empty()) return false;
      state_ = State::rows;
    }
    return error_.empty();
  }

  // A string, a number as written, true/false, or null (an empty cell).
  bool cell(simdjson::simdjson_result<od::value> member) {
    od::value v;
    od::json_type type = od::json_type::null;
    if (!take(member, v, type)) return false;
    std::string text;
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return malformed(e);
        text = s;
        break;
      }
      case od::json_type::number: {
        // Checked as a JSON number that a double can hold, then kept as written.
        double checked = 0;
        if (auto e = v.get_double().get(checked)) return malformed(e);
        std::string_view written = v.raw_json_token();
        while (!written.empty() && std::string_view(" \t\r\n").find(written.back()) != std::string_view::npos)
          written.remove_suffix(1);
        text = written;
        break;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (auto e = v.get_bool().get(b)) return malformed(e);
        text = b ? "true" : "false";
        break;
      }
      case od::json_type::null: {
        bool null = false;
        if (auto e = v.is_null().get(null); e || !null) return malformed(e ? e : simdjson::N_ATOM_ERROR);
        break;
      }
      default: return unexpected(found(type));
    }
    RawRow& row = out_.records[record_].back();
    for (size_t k = 1; k < fields_->size(); ++k) row.cells[(*fields_)[k]] = text;
    row.cells[fields_->front()] = std::move(text);
    state_ = State::row;
    return true;
  }

  static const char* found(od::json_type type) {
    switch (type) {
      case od::json_type::object: return "an object";
      case od::json_type::array: return "an array";
      default: return "a value";
    }
  }

  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  // simdjson's message and where it stopped, as line and column (1-based, in bytes).
  bool malformed(simdjson::error_code code) {
    size_t offset = body_.size();
    const char* at = nullptr;
    if (iterating_ && !doc_.current_location().get(at) && at >= body_.data() && at <= body_.data() + body_.size())
      offset = static_cast<size_t>(at - body_.data());
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset; ++i) {
      if (body_.data()[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string what = simdjson::error_message(code);
    if (!what.empty() && what.back() == '.') what.pop_back();
    return fail("malformed JSON: " + what + " at line " + std::to_string(line) + ", column " + std::to_string(column));
  }

  std::string where() const {
    std::string w = "records";
    if (record_ < 0) return w;
    w += std::string(".") + schema_.pack().records[record_].name;
    if (state_ == State::row || state_ == State::cell_value)
      w += "[" + std::to_string(out_.records[record_].size() - 1) + "]";
    if (state_ == State::cell_value) w += "." + column_order_[record_][column_index_ - 1].first;
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
    }
    return fail(where() + ": expected " + wanted + ", found " + what);
  }

  bool start_record(std::string_view name) {
    int32_t r = schema_.record(name);
    if (r < 0) {
      std::string known;
      for (uint32_t i = 0; i < out_.records.size(); ++i) known += (i ? ", " : "") + std::string(schema_.pack().records[i].name);
      return fail("records: unknown record \"" + std::string(name) + "\"; the pack's input records are: " + known);
    }
    if (seen_record_[r]) return fail("records: record \"" + std::string(name) + "\" given twice");
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

  bool start_cell(std::string_view column) {
    // Rows mostly list their columns in one order: the k-th column of the
    // last row is tried before the schema's map.
    auto& order = column_order_[record_];
    if (column_index_ < order.size() && order[column_index_].first == column) {
      fields_ = order[column_index_].second;
    } else {
      fields_ = &schema_.fields(static_cast<uint32_t>(record_), std::string(column));
      if (column_index_ >= order.size()) order.resize(column_index_ + 1);
      order[column_index_] = {std::string(column), fields_};
    }
    ++column_index_;
    if (fields_->empty())
      return fail(where() + ": unknown column \"" + std::string(column) + "\"; the columns of " +
                  schema_.pack().records[record_].name + " are: " + schema_.columns_of(static_cast<uint32_t>(record_)));
    if (given_[fields_->front()]) return fail(where() + ": column \"" + std::string(column) + "\" given twice");
    given_[fields_->front()] = 1;
    state_ = State::cell_value;
    return true;
  }

  const RequestSchema& schema_;
  size_t max_rows_;
  RawRequest& out_;
  std::string& error_;
  simdjson::padded_string body_;
  od::document doc_;
  bool iterating_ = false;  // doc_ is the body's
  State state_ = State::start;
  bool seen_records_ = false;
  std::vector<uint8_t> seen_record_;
  int32_t record_ = -1;
  std::vector<uint8_t> given_;  // [field] of the current row: its column was given
  size_t column_index_ = 0;     // columns of the current row so far
  std::vector<std::vector<std::pair<std::string, const std::vector<uint32_t>*>>> column_order_;  // [record]
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
  return reader.read(body) && error.empty();
}

}  // namespace fides::serve
