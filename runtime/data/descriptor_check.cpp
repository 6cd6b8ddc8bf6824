#include "data/descriptor_check.h"

namespace fides::data {
namespace {
bool has_name(const char* s) { return s && *s; }
}  // namespace

bool check_descriptor(const fides_pack& p, std::string& error) {
  auto fail = [&](std::string what) {
    error = "malformed pack: " + what;
    return false;
  };
  auto arr = [](uint32_t n, const void* a) { return n == 0 || a != nullptr; };
  if (!arr(p.n_sources, p.sources) || !arr(p.n_records, p.records) || !arr(p.n_params, p.params) ||
      !arr(p.n_tables, p.tables) || !arr(p.n_rules, p.rules) || !arr(p.n_scorecards, p.scorecards) ||
      !arr(p.n_indexes, p.indexes))
    return fail("a descriptor array is missing");
  for (uint32_t r = 0; r < p.n_records; ++r) {
    const fides_record_desc& rec = p.records[r];
    std::string where = "record " + std::to_string(r);
    if (!has_name(rec.name)) return fail(where + " has no name");
    where = "record " + std::string(rec.name);
    if (rec.n_fields == 0 || !rec.fields) return fail(where + " has no fields");
    if (rec.key_field >= rec.n_fields) return fail(where + " has its key outside its fields");
    for (uint32_t f = 0; f < rec.n_fields; ++f) {
      const fides_field_desc& field = rec.fields[f];
      if (!has_name(field.name)) return fail(where + " has a field without a name");
      if (field.type < FIDES_TYPE_BOOL || field.type > FIDES_TYPE_REF)
        return fail(where + "." + field.name + " has unknown type " + std::to_string(field.type));
      if (field.type == FIDES_TYPE_REF) {
        if (field.ref_record < 0 || static_cast<uint32_t>(field.ref_record) >= p.n_records)
          return fail(where + "." + field.name + " refers to a record that does not exist");
      }
    }
    if (rec.group_source < 0) {
      if (rec.n_keys != 1) return fail(where + " has " + std::to_string(rec.n_keys) + " keys");
      if (rec.fields[rec.key_field].type == FIDES_TYPE_REF) return fail(where + " has a reference as its key");
    } else {
      if (r + 1 < p.n_records && p.records[r + 1].group_source < 0)
        return fail("group " + std::string(rec.name) + " comes before an input record");
      if (static_cast<uint32_t>(rec.group_source) >= p.n_records || p.records[rec.group_source].group_source >= 0)
        return fail("group " + std::string(rec.name) + " is not formed from an input record");
      if (rec.n_keys != rec.n_fields) return fail("group " + std::string(rec.name) + " has fields that are not keys");
    }
  }
  // After every record is known sound: a reference's flag follows its target's key.
  for (uint32_t r = 0; r < p.n_records; ++r) {
    for (uint32_t f = 0; f < p.records[r].n_fields; ++f) {
      const fides_field_desc& field = p.records[r].fields[f];
      std::string where = std::string("record ") + p.records[r].name + "." + field.name;
      if (field.flags & ~FIDES_FIELD_PERSONAL) return fail(where + " has unknown flags " + std::to_string(field.flags));
      bool personal = (field.flags & FIDES_FIELD_PERSONAL) != 0;
      if (field.type == FIDES_TYPE_REF) {
        const fides_record_desc& target = p.records[field.ref_record];
        if (personal != ((target.fields[target.key_field].flags & FIDES_FIELD_PERSONAL) != 0))
          return fail(where + " is a reference that is personal exactly when the key of " + target.name + " is not");
      } else if (personal && field.type != FIDES_TYPE_TEXT) {
        return fail(where + " is personal but not text");
      }
    }
  }
  for (uint32_t i = 0; i < p.n_params; ++i)
    if (!has_name(p.params[i].name) || p.params[i].type < FIDES_TYPE_BOOL ||
        p.params[i].type >= FIDES_TYPE_REF)
      return fail("parameter " + std::to_string(i) + " has no name or an unknown type");
  for (uint32_t i = 0; i < p.n_tables; ++i) {
    const fides_table_desc& t = p.tables[i];
    if (!has_name(t.name) || !has_name(t.key_column)) return fail("table " + std::to_string(i) + " has no name or key column");
    if (t.key_type < FIDES_TYPE_BOOL || t.key_type >= FIDES_TYPE_REF)
      return fail("table " + std::string(t.name) + " has an unknown key type");
    if (t.is_map && (!has_name(t.value_column) || t.value_type < FIDES_TYPE_BOOL || t.value_type >= FIDES_TYPE_REF))
      return fail("map " + std::string(t.name) + " has no value column or an unknown value type");
  }
  for (uint32_t i = 0; i < p.n_rules; ++i) {
    const fides_rule_desc& r = p.rules[i];
    if (!has_name(r.id)) return fail("rule " + std::to_string(i) + " has no id");
    if (r.subject_record >= p.n_records) return fail("rule " + std::string(r.id) + " has no subject record");
    if (r.severity > 4 || r.verdict > 1) return fail("rule " + std::string(r.id) + " has an unknown severity or verdict");
  }
  for (uint32_t i = 0; i < p.n_scorecards; ++i) {
    const fides_scorecard_desc& s = p.scorecards[i];
    if (!has_name(s.name)) return fail("scorecard " + std::to_string(i) + " has no name");
    if (s.subject_record >= p.n_records) return fail("scorecard " + std::string(s.name) + " has no subject record");
    if (!arr(s.n_items, s.items) || !arr(s.n_grades, s.grades))
      return fail("scorecard " + std::string(s.name) + " is missing its items or grades");
  }
  for (uint32_t i = 0; i < p.n_sources; ++i)
    if (!p.sources[i].path || (p.sources[i].len > 0 && !p.sources[i].text))
      return fail("source " + std::to_string(i) + " has no path or text");
  return true;
}

uint32_t input_record_count(const fides_pack& pack) {
  uint32_t n = 0;
  while (n < pack.n_records && pack.records[n].group_source < 0) ++n;
  return n;
}

}  // namespace fides::data
