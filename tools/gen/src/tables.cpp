#include "tables.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util.h"

namespace fides::gen {

bool read_csv_record(const std::string& text, size_t& pos, std::vector<std::string>& cells) {
  cells.clear();
  if (pos >= text.size()) return false;
  std::string cell;
  bool quoted = false, any = false;
  while (pos < text.size()) {
    char c = text[pos];
    if (quoted) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          cell.push_back('"');
          pos += 2;
          continue;
        }
        quoted = false;
        ++pos;
        continue;
      }
      cell.push_back(c);
      ++pos;
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
      ++pos;
      continue;
    }
    if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
      any = true;
      ++pos;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++pos;
      if (!any && cell.empty() && cells.empty()) continue;  // skip blank lines
      break;
    }
    cell.push_back(c);
    any = true;
    ++pos;
  }
  cells.push_back(std::move(cell));
  return true;
}

std::vector<Table*> Knowledge::all() {
  return {&gender_items,      &child_items,       &adult_items,       &diagnosis_scope,  &inpatient_emergency_items,
          &min_level_items,   &insutype_items,    &price_caps,        &second_line_drugs, &first_line_drugs,
          &panel_of,          &panel_size,        &panel_price,       &included_in,      &surcharge_main,
          &consumable_procedure, &gender_diagnoses, &once_daily_items, &course_limited_drugs, &min_interval_items};
}

std::vector<const Table*> Knowledge::all() const {
  std::vector<const Table*> out;
  for (Table* t : const_cast<Knowledge*>(this)->all()) out.push_back(t);
  return out;
}

static void load_table(const std::string& dir, Table& t, bool is_map, std::vector<std::string>& warnings) {
  t.is_map = is_map;
  std::string path = dir + "/" + t.name + ".csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    warnings.push_back("table " + t.name + ": " + path + " not found; treated as empty");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.erase(0, 3);
  size_t pos = 0;
  std::vector<std::string> cells;
  if (!read_csv_record(text, pos, cells)) {
    warnings.push_back("table " + t.name + ": " + path + " is empty");
    t.loaded = true;
    return;
  }
  int ci = -1, vi = -1, ni = -1;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string h(trim(cells[i]));
    if (h == "code") ci = static_cast<int>(i);
    else if (h == "value") vi = static_cast<int>(i);
    else if (h == "name") ni = static_cast<int>(i);
  }
  if (ci < 0) ci = 0;  // the key column is the first when the header names none
  if (is_map && vi < 0) {
    warnings.push_back("table " + t.name + ": no value column; treated as empty");
    t.loaded = true;
    return;
  }
  t.loaded = true;
  while (read_csv_record(text, pos, cells)) {
    if (cells.size() == 1 && trim(cells[0]).empty()) continue;
    TableRow r;
    if (static_cast<size_t>(ci) < cells.size()) r.code = std::string(trim(cells[ci]));
    if (vi >= 0 && static_cast<size_t>(vi) < cells.size()) r.value = std::string(trim(cells[vi]));
    if (ni >= 0 && static_cast<size_t>(ni) < cells.size()) r.name = std::string(trim(cells[ni]));
    if (r.code.empty() || t.index.count(r.code)) continue;  // the language keeps the first of duplicate keys
    t.index.emplace(r.code, t.rows.size());
    t.rows.push_back(std::move(r));
  }
}

Knowledge Knowledge::load(const std::string& dir) {
  Knowledge k;
  struct Spec {
    Table* t;
    const char* name;
    bool is_map;
  };
  const Spec specs[] = {
      {&k.gender_items, "gender_items", true},
      {&k.child_items, "child_items", false},
      {&k.adult_items, "adult_items", false},
      {&k.diagnosis_scope, "diagnosis_scope", true},
      {&k.inpatient_emergency_items, "inpatient_emergency_items", false},
      {&k.min_level_items, "min_level_items", true},
      {&k.insutype_items, "insutype_items", true},
      {&k.price_caps, "price_caps", true},
      {&k.second_line_drugs, "second_line_drugs", true},
      {&k.first_line_drugs, "first_line_drugs", true},
      {&k.panel_of, "panel_of", true},
      {&k.panel_size, "panel_size", true},
      {&k.panel_price, "panel_price", true},
      {&k.included_in, "included_in", true},
      {&k.surcharge_main, "surcharge_main", true},
      {&k.consumable_procedure, "consumable_procedure", true},
      {&k.gender_diagnoses, "gender_diagnoses", true},
      {&k.once_daily_items, "once_daily_items", false},
      {&k.course_limited_drugs, "course_limited_drugs", true},
      {&k.min_interval_items, "min_interval_items", true},
  };
  for (const Spec& s : specs) {
    s.t->name = s.name;
    load_table(dir, *s.t, s.is_map, k.warnings);
  }
  return k;
}

}  // namespace fides::gen
