// fides-gen: the records the generator builds before writing them — the
// region (cities, institutions, staff) and one person's history at a time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace fides::gen {

// med_type values.
enum Med : int { M_OUT = 11, M_EMERG = 13, M_CHRONIC = 14, M_INP = 21, M_PHARM = 41 };

struct City {
  std::string code4;  // 4301
  std::string name;   // 长沙市
  double weight = 1;
  std::vector<std::string> districts;  // 6-digit admdvs codes
};

struct Institution {
  std::string code, name;
  char type = '1';  // 1 医疗机构, 2 零售药店
  int level = 0;    // 0–3
  std::string region;
  int city = 0;
  double capacity = 1;
  std::vector<int> doctors, nurses, pharmacists;
  // Planted institution-level findings.
  bool plant_i02 = false;  // costs far above its peers
  bool plant_i05 = false;  // drug share far above its peers
  // Running totals (accepted persons only).
  int64_t visits = 0;
  int64_t total = 0;        // sum of settlement totals
  int64_t drug_amount = 0;  // drug lines
  int64_t line_amount = 0;  // all lines
  int64_t inp_visits = 0;
  int64_t inp_total = 0;                  // settlement totals of stays
  std::array<int64_t, 4> mix{};           // visits by kind: outpatient, emergency, chronic, stay
};

struct Staff {
  std::string code, name;
  char type = '1';  // 1 医师 2 药师 3 护士 4 技师
  int inst = 0;
  char status = '1';  // 1 正常 2 暂停 3 终止
  int from = -1, to = -1;  // suspension (days), -1 absent
  // Whether this staff member may bill on day d in a visit of med type m
  // without breaking L09.
  bool may_bill(int d, int med) const {
    if (status == '1' || from < 0) return true;
    if (med == M_EMERG) return true;
    if (d < from) return true;
    if (to >= 0 && d > to) return true;
    return false;
  }
};

struct Line {
  int code = 0;
  int date = 0;
  int qty = 1;
  int64_t price = 0, amount = 0;
  int64_t cap = -1;   // pric_uplmt_amt, -1 absent
  int doctor = -1;    // staff index, -1 absent
  int supply = -1;    // prd_days, -1 absent
  uint64_t seq = 0;   // feedetl_sn number
  int mark = -1;      // the rule this line is planted for, or -1
};

struct Visit {
  int med = M_OUT;
  int inst = 0;
  int begin = 0, end = 0;
  int ipt_days = 0;
  std::string diag;
  int doctor = -1;
  std::vector<Line> lines;
  std::vector<std::string> diags;  // settlement diagnosis rows, main first
  int64_t total = 0, self_paid = 0, covered = 0, fund = 0, account = 0, cash = 0;
  uint64_t seq = 0;  // mdtrt_id / setl_id number
  uint64_t diag_seq = 0;  // first setl_list_diag_id number
  int tag = 0;       // the scenario role of a planned visit (generator.cpp)
  int mark = -1;     // the rule this visit (or its group) is planted for, or -1
  int order = 0;     // planning order, to keep same-day visits stable
  int param = -1;    // a scenario parameter (a code, a supply)
  bool cross = false;
  bool daily_on_end = false;  // daily items billed on the discharge day too
};

struct Person {
  uint64_t seq = 0;  // psn_no number
  std::string id, certno, name;
  char gender = '1';
  int birth = 0;
  std::string phone, region, insutype;
  int death = -1;
  int city = 0;  // where the person seeks care
  std::vector<Visit> visits;
};

}  // namespace fides::gen
