#include "report/run_record.h"

#include "data/encoding.h"
#include "data/values.h"
#include "host/output_encoding.h"
#include "report/exact_json.h"

namespace fides::report {
namespace {
using nlohmann::json;

// Reads typed members, naming the place of the first problem (`rules[2].amount`).
class Fields {
 public:
  explicit Fields(std::string file) : file_(std::move(file)) {}

  const std::string& error() const { return error_; }

  bool fail(const std::string& where, const std::string& what) {
    error_ = file_ + ": " + where + ": " + what;
    return false;
  }

  const json* member(const json& obj, const std::string& where, const char* name) {
    auto it = obj.find(name);
    if (it != obj.end()) return &*it;
    fail(place(where, name), "missing (run.json from an older fides-score? score the data again)");
    return nullptr;
  }

  bool text(const json& obj, const std::string& where, const char* name, std::string& out, bool nullable = false) {
    const json* v = member(obj, where, name);
    if (!v) return false;
    if (nullable && v->is_null()) {
      out.clear();
      return true;
    }
    if (!v->is_string()) return fail(place(where, name), nullable ? "expected text or null" : "expected text");
    out = v->get<std::string>();
    return true;
  }

  bool count(const json& obj, const std::string& where, const char* name, int64_t& out) {
    const json* v = member(obj, where, name);
    if (!v) return false;
    if (!v->is_number_integer() || v->get<int64_t>() < 0 || (v->is_number_unsigned() && v->get<uint64_t>() > INT64_MAX))
      return fail(place(where, name), "expected a count");
    out = v->get<int64_t>();
    return true;
  }

  bool boolean(const json& obj, const std::string& where, const char* name, bool& out) {
    const json* v = member(obj, where, name);
    if (!v) return false;
    if (!v->is_boolean()) return fail(place(where, name), "expected true or false");
    out = v->get<bool>();
    return true;
  }

  // A number as written: an integer, or the digits of a decimal (exact_json.h).
  bool number_text(const json& obj, const std::string& where, const char* name, std::string& out) {
    const json* v = member(obj, where, name);
    if (!v) return false;
    if (v->is_number_integer()) out = v->dump();
    else if (v->is_string()) out = v->get<std::string>();
    else return fail(place(where, name), "expected a number");
    return true;
  }

  bool money(const json& obj, const std::string& where, const char* name, host::MoneyTotal& out) {
    std::string digits;
    if (!number_text(obj, where, name, digits)) return false;
    int64_t micros = 0;
    if (data::parse_decimal_value(digits, micros) != nullptr)
      return fail(place(where, name), "expected an amount, not " + digits);
    out = micros;
    return true;
  }

  bool array(const json& obj, const std::string& where, const char* name, const json*& out) {
    out = member(obj, where, name);
    if (!out) return false;
    if (!out->is_array()) return fail(place(where, name), "expected a list");
    return true;
  }

  static std::string place(const std::string& where, const char* name) {
    return where.empty() ? name : where + "." + name;
  }
  static std::string item(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

 private:
  std::string file_;
  std::string error_;
};

// Reads every element of `list` (a member of `obj`) with `read(element, where)`.
template <typename Read>
bool each(Fields& f, const json& obj, const std::string& where, const char* list, Read read) {
  const json* items = nullptr;
  if (!f.array(obj, where, list, items)) return false;
  for (size_t i = 0; i < items->size(); ++i) {
    std::string at = Fields::place(where, Fields::item(list, i).c_str());
    if (!(*items)[i].is_object()) return f.fail(at, "expected an object");
    if (!read((*items)[i], at)) return false;
  }
  return true;
}

bool read_overview(Fields& f, const json& j, host::Overview& o) {
  bool ok = each(f, j, "", "rules", [&](const json& r, const std::string& at) {
    o.rules.push_back({});
    host::RuleOverview& x = o.rules.back();
    return f.text(r, at, "id", x.id) && f.text(r, at, "name", x.name) && f.text(r, at, "category", x.category) &&
           f.text(r, at, "severity", x.severity) && f.count(r, at, "findings", x.findings) &&
           f.money(r, at, "amount", x.amount) && f.count(r, at, "errors", x.errors);
  });
  ok = ok && each(f, j, "", "findings_by_month", [&](const json& m, const std::string& at) {
    o.months.push_back({});
    host::MonthOverview& x = o.months.back();
    return f.text(m, at, "month", x.month, true) && f.count(m, at, "findings", x.findings) &&
           f.money(m, at, "amount", x.amount);
  });
  return ok && each(f, j, "", "scorecards", [&](const json& c, const std::string& at) {
    o.scorecards.push_back({});
    host::ScorecardOverview& x = o.scorecards.back();
    std::string listing;
    bool read = f.text(c, at, "name", x.name) && f.text(c, at, "record", x.record) &&
                f.text(c, at, "record_label", x.record_label) &&
                f.count(c, at, "scores", x.scores) && f.count(c, at, "errors", x.errors) &&
                f.text(c, at, "listing", listing) && f.count(c, at, "listable", x.listable);
    if (!read) return false;
    if (!host::parse_listing(listing, x.listing))
      return f.fail(Fields::place(at, "listing"), "expected lowest, highest, first_grade or none, not " + listing);
    read = each(f, c, at, "grades", [&](const json& g, const std::string& where) {
      x.grades.push_back({});
      return f.text(g, where, "grade", x.grades.back().grade) && f.count(g, where, "subjects", x.grades.back().subjects);
    });
    if (read && x.listing == host::Listing::first_grade && x.grades.empty())
      return f.fail(Fields::place(at, "grades"), "a listing of the first grade needs a grade");
    return read && each(f, c, at, "subjects", [&](const json& s, const std::string& where) {
             x.subjects.push_back({});
             host::ListedSubject& y = x.subjects.back();
             return f.text(s, where, "key", y.key) && f.text(s, where, "name", y.name) &&
                    f.number_text(s, where, "score", y.score) && f.text(s, where, "grade", y.grade) &&
                    f.text(s, where, "reasons", y.reasons);
           });
  });
}
}  // namespace

bool read_run_record(const std::string& path, RunRecord& out, std::string& error) {
  std::string text;
  if (!data::read_file(path, text, error)) return false;
  json j;
  if (!parse_exact_json(text, path, j, error)) return false;
  Fields f(path);
  if (!j.is_object()) {
    error = path + ": expected a JSON object, as fides-score writes";
    return false;
  }
  bool finished = false;
  if (!f.boolean(j, "", "finished", finished)) {
    error = f.error();
    return false;
  }
  if (!finished) {
    auto why = j.find("error");
    error = path + " says the run did not finish" +
            (why != j.end() && why->is_string() ? " (" + why->get<std::string>() + ")" : std::string()) +
            "; the other files in its folder may be an earlier run's: score the data again";
    return false;
  }
  std::string output_encoding;
  bool ok = f.text(j, "", "pack", out.pack) && f.text(j, "", "version", out.version) &&
            f.text(j, "", "hash", out.hash) && f.text(j, "", "pack_sha256", out.pack_sha256, true) &&
            f.boolean(j, "", "signed", out.is_signed) && f.text(j, "", "key_id", out.key_id, true) &&
            f.text(j, "", "compiler", out.compiler) && f.text(j, "", "encoding", out.encoding) &&
            f.text(j, "", "output_encoding", output_encoding);
  host::OutputEncoding csv = host::OutputEncoding::Utf8;
  if (ok && !host::parse_output_encoding(output_encoding, csv))
    ok = f.fail("output_encoding", "expected utf-8, utf-8-bom or gbk, not " + output_encoding);
  out.csv_encoding = csv == host::OutputEncoding::Gbk ? data::Encoding::Gbk : data::Encoding::Utf8;
  ok = ok && each(f, j, "", "params", [&](const json& p, const std::string& at) {
    out.params.push_back({});
    return f.text(p, at, "name", out.params.back().name) && f.text(p, at, "value", out.params.back().value);
  });
  ok = ok && each(f, j, "", "tables", [&](const json& t, const std::string& at) {
    out.tables.push_back({});
    TableRecord& x = out.tables.back();
    return f.text(t, at, "name", x.name) && f.text(t, at, "source", x.source) && f.count(t, at, "entries", x.entries);
  });
  ok = ok && each(f, j, "", "inputs", [&](const json& in, const std::string& at) {
    out.inputs.push_back({});
    InputRecord& x = out.inputs.back();
    return f.text(in, at, "record", x.record) && f.text(in, at, "file", x.file) &&
           f.text(in, at, "encoding", x.encoding) && f.text(in, at, "sha256", x.sha256) &&
           f.count(in, at, "rows", x.rows) && f.count(in, at, "loaded", x.loaded) &&
           f.count(in, at, "rejected", x.rejected);
  });
  ok = ok && f.count(j, "", "rejects", out.rejects);
  const json* warnings = nullptr;
  ok = ok && f.array(j, "", "warnings", warnings);
  for (size_t i = 0; ok && i < warnings->size(); ++i) {
    if (!(*warnings)[i].is_string()) ok = f.fail(Fields::item("warnings", i), "expected text");
    else out.warnings.push_back((*warnings)[i].get<std::string>());
  }
  ok = ok && read_overview(f, j, out.overview);
  if (!ok) error = f.error();
  return ok;
}

}  // namespace fides::report
