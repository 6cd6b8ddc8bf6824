// Descriptors for the loader's tests, as a compiled pack would describe them.
//   Org    key code { code: text "机构编码"  level: int "等级"  active: bool? "启用" }
//   Person key id   { id: text "人员编号"  org: Org "机构"  score: decimal? "分值"
//                     birth: date "出生日期"  risk: severity? "级别"  note: text? "备注"  name: text "姓名" }
//   Claim  key id   { id: int "单号"  person: Person "人员编号"  amount: money "金额"  prev: Claim? "前单" }
// and a cycle between two record types:
//   A key id { id: text  b: B? }      B key id { id: text  a: A }
#pragma once

#include "fides/pack_abi.h"

namespace fides::test {

enum { ORG, PERSON, CLAIM };
enum { O_CODE, O_LEVEL, O_ACTIVE };
enum { P_ID, P_ORG, P_SCORE, P_BIRTH, P_RISK, P_NOTE, P_NAME };
enum { C_ID, C_PERSON, C_AMOUNT, C_PREV };

inline const fides_field_desc kOrgFields[] = {
    {"code", "机构编码", FIDES_TYPE_TEXT, 0, -1, 0},
    {"level", "等级", FIDES_TYPE_INT, 0, -1, 0},
    {"active", "启用", FIDES_TYPE_BOOL, 1, -1, 0},
};
inline const fides_field_desc kPersonFields[] = {
    {"id", "人员编号", FIDES_TYPE_TEXT, 0, -1, 0},   {"org", "机构", FIDES_TYPE_REF, 0, ORG, 0},
    {"score", "分值", FIDES_TYPE_DECIMAL, 1, -1, 0}, {"birth", "出生日期", FIDES_TYPE_DATE, 0, -1, 0},
    {"risk", "级别", FIDES_TYPE_SEVERITY, 1, -1, 0}, {"note", "备注", FIDES_TYPE_TEXT, 1, -1, 0},
    {"name", "姓名", FIDES_TYPE_TEXT, 0, -1, 0},
};
inline const fides_field_desc kClaimFields[] = {
    {"id", "单号", FIDES_TYPE_INT, 0, -1, 0},
    {"person", "人员编号", FIDES_TYPE_REF, 0, PERSON, 0},
    {"amount", "金额", FIDES_TYPE_MONEY, 0, -1, 0},
    {"prev", "前单", FIDES_TYPE_REF, 1, CLAIM, 0},
};
inline const fides_record_desc kRecords[] = {
    {"Org", "", 0, 3, kOrgFields, -1, 1},
    {"Person", "", 0, 7, kPersonFields, -1, 1},
    {"Claim", "", 0, 4, kClaimFields, -1, 1},
};
inline const fides_param_desc kParams[] = {
    {"limit", "", FIDES_TYPE_MONEY, 0, "1000"},
    {"days", "", FIDES_TYPE_INT, 1, "15", "1", "90"},
    {"since", "", FIDES_TYPE_DATE, 0, "2024-01-01"},
    {"strict", "", FIDES_TYPE_BOOL, 0, "false"},
    {"label", "", FIDES_TYPE_TEXT, 0, "默认 标签"},
    {"level", "", FIDES_TYPE_SEVERITY, 0, "medium"},
};
inline const char kCodesCsv[] = "代码\nB\nA\n\"C,1\"\nA\n";
inline const char kCapsCsv[] = "项目,限价\nX2,20\nX1,10.5\nX2,20.0\n";
inline const char kDaysCsv[] = "天数\n30\n7\n-1\n";
inline const fides_table_desc kTables[] = {
    {"codes", 0, FIDES_TYPE_TEXT, 0, 0, "代码", nullptr, "tables/codes.csv", kCodesCsv, sizeof kCodesCsv - 1},
    {"caps", 1, FIDES_TYPE_TEXT, FIDES_TYPE_MONEY, 0, "项目", "限价", "tables/caps.csv", kCapsCsv,
     sizeof kCapsCsv - 1},
    {"days", 0, FIDES_TYPE_INT, 0, 0, "天数", nullptr, "", kDaysCsv, sizeof kDaysCsv - 1},
};
inline const fides_index_desc kIndexes[] = {
    {FIDES_INDEX_REVERSE_REF, CLAIM, C_PERSON, 0, nullptr},
    {FIDES_INDEX_BY_FIELD, PERSON, P_NAME, 0, nullptr},
    {FIDES_INDEX_BY_FIELD, PERSON, P_SCORE, 0, nullptr},
    {FIDES_INDEX_REVERSE_REF, CLAIM, C_PREV, 0, nullptr},
};

inline fides_pack make_pack() {
  fides_pack p{};
  p.abi_version = FIDES_ABI_VERSION;
  p.name = "test";
  p.n_records = 3;
  p.records = kRecords;
  p.n_params = 6;
  p.params = kParams;
  p.n_tables = 3;
  p.tables = kTables;
  p.n_indexes = 4;
  p.indexes = kIndexes;
  return p;
}

inline const fides_field_desc kAFields[] = {
    {"id", "id", FIDES_TYPE_TEXT, 0, -1, 0},
    {"b", "b", FIDES_TYPE_REF, 1, 1, 0},
};
inline const fides_field_desc kBFields[] = {
    {"id", "id", FIDES_TYPE_TEXT, 0, -1, 0},
    {"a", "a", FIDES_TYPE_REF, 0, 0, 0},
};
inline const fides_record_desc kCycleRecords[] = {{"A", "", 0, 2, kAFields, -1, 1}, {"B", "", 0, 2, kBFields, -1, 1}};

inline fides_pack make_cycle_pack() {
  fides_pack p{};
  p.abi_version = FIDES_ABI_VERSION;
  p.name = "cycle";
  p.n_records = 2;
  p.records = kCycleRecords;
  return p;
}

}  // namespace fides::test
