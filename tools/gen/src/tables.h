// fides-gen: the knowledge-base tables of the standard library, read at run
// time from a folder (stdlib/tables by default). Set tables have the columns
// code,name and map tables code,value,name (extra columns are ignored).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace fides::gen {

struct TableRow {
  std::string code, value, name;
};

struct Table {
  std::string name;     // file name without .csv
  bool is_map = false;  // has a value column
  bool loaded = false;
  std::vector<TableRow> rows;
  std::unordered_map<std::string, size_t> index;

  const TableRow* find(const std::string& code) const {
    auto it = index.find(code);
    return it == index.end() ? nullptr : &rows[it->second];
  }
  bool has(const std::string& code) const { return index.count(code) != 0; }
};

// Every table the standard rule catalogue names (stdlib/CATALOGUE.md).
struct Knowledge {
  Table gender_items;               // code → the only gend allowed      (L01)
  Table child_items;                // set                               (L02)
  Table adult_items;                // set                               (L03)
  Table diagnosis_scope;            // drug → ICD-10 categories          (L04)
  Table inpatient_emergency_items;  // set                               (L05)
  Table min_level_items;            // code → minimum hospital level     (L06)
  Table insutype_items;             // code → the only insutype paid     (L07)
  Table price_caps;                 // code → money                      (L08)
  Table second_line_drugs;          // drug → class                      (V01)
  Table first_line_drugs;           // drug → class                      (V01)
  Table panel_of;                   // component → panel                 (V02)
  Table panel_size;                 // panel → int                       (V02)
  Table panel_price;                // panel → money                     (V02)
  Table included_in;                // sub-item → main item              (V03)
  Table surcharge_main;             // surcharge → main item             (V04)
  Table consumable_procedure;       // consumable → procedure            (V05)
  Table gender_diagnoses;           // ICD category → the only gend      (V08)
  Table once_daily_items;           // set                               (V06, P02)
  Table course_limited_drugs;       // drug → course days                (P01)
  Table min_interval_items;         // item → days                       (P03)

  std::vector<std::string> warnings;  // missing or malformed files

  std::vector<Table*> all();
  std::vector<const Table*> all() const;

  // Reads DIR/<name>.csv for every table; a missing file is an empty table
  // and a warning. Throws std::runtime_error on an unreadable header.
  static Knowledge load(const std::string& dir);
};

// Parses one CSV record (RFC 4180 quoting) from text starting at pos; returns
// false at the end of the text.
bool read_csv_record(const std::string& text, size_t& pos, std::vector<std::string>& cells);

}  // namespace fides::gen
