#include "lower/pack_description.h"

#include <string_view>

#include <fmt/format.h>

namespace fides::lower {
namespace {

bool valid_type(AbiType t) {
  auto v = static_cast<uint32_t>(t);
  return v >= FIDES_TYPE_BOOL && v <= FIDES_TYPE_REF;
}

// Collects the first problem found; later checks are skipped once one failed.
class Checker {
 public:
  bool ok() const { return error_.empty(); }
  void fail(std::string message) {
    if (ok()) error_ = std::move(message);
  }
  void c_string(std::string_view value, const std::string& where) {
    if (value.find('\0') != std::string_view::npos)
      fail(where + " contains a NUL byte but is passed as a NUL-terminated string");
  }
  void type(AbiType t, const std::string& where) {
    if (!valid_type(t))
      fail(fmt::format("{} has invalid type {}", where, static_cast<uint32_t>(t)));
  }
  std::string take() { return ok() ? "" : "invalid pack description: " + error_; }

 private:
  std::string error_;
};

}  // namespace

std::string validate(const PackDescription& pack) {
  Checker c;
  c.c_string(pack.name, "pack name");
  c.c_string(pack.version, "pack version");
  c.c_string(pack.compiler, "compiler");
  c.c_string(pack.hash, "hash");
  for (size_t i = 0; i < pack.sources.size(); ++i)
    c.c_string(pack.sources[i].path, fmt::format("source {} path", i));

  const size_t n_records = pack.records.size();
  for (size_t r = 0; r < n_records; ++r) {
    const RecordDescription& rec = pack.records[r];
    std::string where = "record " + rec.name;
    c.c_string(rec.name, where + " name");
    c.c_string(rec.label, where + " label");
    if (rec.key_field >= rec.fields.size())
      c.fail(fmt::format("{}: key field {} out of range ({} fields)", where, rec.key_field,
                           rec.fields.size()));
    if (rec.group_source >= 0 &&
        (static_cast<size_t>(rec.group_source) >= n_records || pack.records[rec.group_source].group_source >= 0))
      c.fail(where + ": a group's source must be an input record");
    if (rec.group_source >= 0 ? rec.n_keys != rec.fields.size() : rec.n_keys != 1)
      c.fail(fmt::format("{}: {} keys for {} fields", where, rec.n_keys, rec.fields.size()));
    for (const FieldDescription& f : rec.fields) {
      std::string fw = where + " field " + f.name;
      c.c_string(f.name, fw + " name");
      c.c_string(f.column, fw + " column");
      c.type(f.type, fw);
      if (f.type == AbiType::Ref) {
        if (f.ref_record < 0 || static_cast<size_t>(f.ref_record) >= n_records)
          c.fail(
              fmt::format("{}: reference to record {} out of range", fw, f.ref_record));
      } else if (f.ref_record != -1) {
        c.fail(fw + ": ref_record must be -1 for a field that is not a reference");
      }
      if (f.type == AbiType::Ref && f.ref_record >= 0 && static_cast<size_t>(f.ref_record) < n_records) {
        const RecordDescription& target = pack.records[f.ref_record];
        bool key_personal = target.key_field < target.fields.size() && target.fields[target.key_field].personal;
        if (f.personal != key_personal)
          c.fail(fw + ": a reference is personal exactly when its target's key is");
      } else if (f.personal && f.type != AbiType::Text) {
        c.fail(fw + ": only a text field or a reference can be personal");
      }
    }
  }

  for (const ParamDescription& p : pack.params) {
    std::string where = "param " + p.name;
    c.c_string(p.name, where + " name");
    c.c_string(p.label, where + " label");
    c.c_string(p.default_literal, where + " default");
    c.c_string(p.range_low, where + " range low");
    c.c_string(p.range_high, where + " range high");
    c.type(p.type, where);
    if (p.type == AbiType::Ref) c.fail(where + " has reference type");
  }

  for (const TableDescription& t : pack.tables) {
    std::string where = "table " + t.name;
    c.c_string(t.name, where + " name");
    c.c_string(t.key_column, where + " key column");
    c.c_string(t.source, where + " source");
    c.type(t.key_type, where + " key");
    if (t.is_map) {
      if (!t.value_type || !t.value_column)
        c.fail(where + " is a map but has no value type or value column");
      else {
        c.type(*t.value_type, where + " value");
        c.c_string(*t.value_column, where + " value column");
      }
    } else if (t.value_type || t.value_column) {
      c.fail(where + " is a set but has a value type or value column");
    }
  }

  for (const RuleDescription& rule : pack.rules) {
    std::string where = "rule " + rule.id;
    c.c_string(rule.id, where + " id");
    c.c_string(rule.name, where + " name");
    c.c_string(rule.category, where + " category");
    if (static_cast<uint32_t>(rule.severity) > 4) c.fail(where + ": severity out of range");
    if (static_cast<uint32_t>(rule.verdict) > 1) c.fail(where + ": verdict out of range");
    if (rule.subject_record >= n_records) c.fail(where + ": subject record out of range");
  }

  for (const ScorecardDescription& sc : pack.scorecards) {
    std::string where = "scorecard " + sc.name;
    c.c_string(sc.name, where + " name");
    c.c_string(sc.title, where + " title");
    for (const std::string& item : sc.items) c.c_string(item, where + " item " + item);
    for (const std::string& grade : sc.grades) c.c_string(grade, where + " grade " + grade);
    if (sc.subject_record >= n_records) c.fail(where + ": subject record out of range");
  }

  for (size_t i = 0; i < pack.row_cache_records.size(); ++i)
    if (pack.row_cache_records[i] >= n_records) c.fail(fmt::format("row cache {}: record out of range", i));

  for (size_t i = 0; i < pack.indexes.size(); ++i) {
    const IndexDescription& ix = pack.indexes[i];
    std::string where = fmt::format("index {}", i);
    if (ix.kind != IndexKind::ReverseRef && ix.kind != IndexKind::ByField && ix.kind != IndexKind::GroupRows) {
      c.fail(where + ": unknown kind");
      continue;
    }
    if (ix.record >= n_records) {
      c.fail(where + ": record out of range");
      continue;
    }
    const RecordDescription* rec = &pack.records[ix.record];
    if (!ix.path.empty() && ix.kind != IndexKind::ByField) c.fail(where + ": only a BY_FIELD index has a path");
    bool path_ok = true;
    for (uint32_t step : ix.path) {
      if (step >= rec->fields.size() || rec->fields[step].type != AbiType::Ref || rec->fields[step].optional ||
          rec->fields[step].ref_record < 0 || static_cast<size_t>(rec->fields[step].ref_record) >= n_records) {
        c.fail(where + ": its path has a step that is not a non-optional reference of " + rec->name);
        path_ok = false;
        break;
      }
      rec = &pack.records[rec->fields[step].ref_record];
    }
    if (!path_ok) continue;
    if (ix.field >= rec->fields.size()) {
      c.fail(where + ": field out of range in record " + rec->name);
      continue;
    }
    if (ix.kind == IndexKind::GroupRows && rec->group_source < 0)
      c.fail(where + ": group-rows index over " + rec->name + ", which is not a group");
    if (ix.kind == IndexKind::ReverseRef && rec->fields[ix.field].type != AbiType::Ref)
      c.fail(where + ": reverse-reference index over " + rec->name + "." +
             rec->fields[ix.field].name + ", which is not a reference");
  }
  return c.take();
}

}  // namespace fides::lower
