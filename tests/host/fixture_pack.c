/* A hand-made pack for the host's tests, written against the ABI in C the way
 * `fides build` will generate one: three records (Institution ← Person ←
 * Settlement, plus Person's optional signing institution), parameters, two
 * tables, five rules (one reading findings through `hits`), two scorecards
 * (int and decimal) and two indexes. It stands for this program:
 *
 *   record Institution key code { code: text "机构编码"  name: text "机构名称"  level: int "等级" }
 *   record Person key id { id: text "人员编号" personal  gender: text "性别"  birth: date "出生日期"
 *                          death: date? "死亡日期"  institution: Institution? "签约机构" }
 *   record Settlement key id { id: text "结算ID"  person: Person "人员编号"
 *                              institution: Institution "定点机构编码"  admit: date "入院日期"
 *                              total: money "总费用"  emergency: bool "急诊"  risk: severity? "风险等级" }
 *   param max_total: money = 1000   param freq_limit: int = 3   param note: text = 默认
 *   table blocked: set<text> column "机构编码"   table price: map<text, money> key "项目编码" value "最高限价"
 *   rule R001 total above max_total (error when total < 0)   rule R002 settled after death
 *   rule R003 blocked institution   rule R004 uses hits: person with >= 2 hits
 *   rule R005 person with >= freq_limit settlements (REVERSE_REF index)
 *   scorecard 机构信用 (int, reasons 2)   scorecard 人员积分 (decimal, reasons 1 highest)
 *
 * Variants (compile definitions): FIXTURE_HASH_HEADER includes the generated
 * "fixture_hash.h" defining FIXTURE_HASH; FIXTURE_ABI overrides the ABI
 * version; FIXTURE_TAMPER alters a source after the hash was taken;
 * FIXTURE_MARK gives it a constructor that creates the file named by
 * $FIDES_FIXTURE_MARK, so a test can tell whether any of its code ran. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fides/pack_abi.h"

#ifdef FIXTURE_HASH_HEADER
#include "fixture_hash.h"
#endif

#ifdef FIXTURE_MARK
__attribute__((constructor)) static void mark_loaded(void) {
  const char* path = getenv("FIDES_FIXTURE_MARK");
  FILE* f = path ? fopen(path, "w") : NULL;
  if (f) fclose(f);
}
#endif
#ifndef FIXTURE_HASH
#define FIXTURE_HASH "unhashed"
#endif
#ifndef FIXTURE_ABI
#define FIXTURE_ABI FIDES_ABI_VERSION
#endif

enum { INSTITUTION = 0, PERSON = 1, SETTLEMENT = 2 };
enum { I_CODE, I_NAME, I_LEVEL };
enum { P_ID, P_GENDER, P_BIRTH, P_DEATH, P_INSTITUTION };
enum { S_ID, S_PERSON, S_INSTITUTION, S_ADMIT, S_TOTAL, S_EMERGENCY, S_RISK };
enum { PARAM_MAX_TOTAL, PARAM_FREQ_LIMIT, PARAM_NOTE };
enum { TABLE_BLOCKED, TABLE_PRICE };
enum { INDEX_SETTLEMENTS_OF_PERSON, INDEX_PERSON_BY_GENDER };
#define SCALE 1000000LL

static const fides_field_desc institution_fields[] = {
    {"code", "机构编码", FIDES_TYPE_TEXT, 0, -1, 0},
    {"name", "机构名称", FIDES_TYPE_TEXT, 0, -1, 0},
    {"level", "等级", FIDES_TYPE_INT, 0, -1, 0},
};
static const fides_field_desc person_fields[] = {
    {"id", "人员编号", FIDES_TYPE_TEXT, 0, -1, FIDES_FIELD_PERSONAL},
    {"gender", "性别", FIDES_TYPE_TEXT, 0, -1, 0},
    {"birth", "出生日期", FIDES_TYPE_DATE, 0, -1, 0},
    {"death", "死亡日期", FIDES_TYPE_DATE, 1, -1, 0},
    {"institution", "签约机构", FIDES_TYPE_REF, 1, INSTITUTION, 0},
};
static const fides_field_desc settlement_fields[] = {
    {"id", "结算ID", FIDES_TYPE_TEXT, 0, -1, 0},
    {"person", "人员编号", FIDES_TYPE_REF, 0, PERSON, FIDES_FIELD_PERSONAL},
    {"institution", "定点机构编码", FIDES_TYPE_REF, 0, INSTITUTION, 0},
    {"admit", "入院日期", FIDES_TYPE_DATE, 0, -1, 0},
    {"total", "总费用", FIDES_TYPE_MONEY, 0, -1, 0},
    {"emergency", "急诊", FIDES_TYPE_BOOL, 0, -1, 0},
    {"risk", "风险等级", FIDES_TYPE_SEVERITY, 1, -1, 0},
};
static const fides_record_desc records[] = {
    {"Institution", "定点机构", 0, 3, institution_fields, -1, 1},
    {"Person", "参保人", 0, 5, person_fields, -1, 1},
    {"Settlement", "结算单", 0, 7, settlement_fields, -1, 1},
};

static const fides_param_desc params[] = {
    {"max_total", "费用上限", FIDES_TYPE_MONEY, 0, "1000"},
    {"freq_limit", "结算次数上限", FIDES_TYPE_INT, 1, "3", "1", "10"},
    {"note", "备注", FIDES_TYPE_TEXT, 0, "默认"},
};

static const char blocked_csv[] = "机构编码,备注\nH9,停业\nH3,\"黑名单,待复核\"\n";
static const char price_csv[] = "项目编码,最高限价\nB2,20\nA1,10.5\n";
static const fides_table_desc tables[] = {
    {"blocked", 0, FIDES_TYPE_TEXT, 0, 0, "机构编码", NULL, "tables/blocked.csv", blocked_csv,
     sizeof blocked_csv - 1},
    {"price", 1, FIDES_TYPE_TEXT, FIDES_TYPE_MONEY, 0, "项目编码", "最高限价", "", price_csv,
     sizeof price_csv - 1},
};

static const fides_rule_desc rules[] = {
    {"R001", "费用超上限", "费用", 3, 1, SETTLEMENT, 0},
    {"R002", "死亡后结算", "死亡", 4, 1, SETTLEMENT, 0},
    {"R003", "黑名单机构", "机构", 2, 0, SETTLEMENT, 0},
    {"R004", "多次违规人员", "人员", 1, 0, PERSON, 1},
    {"R005", "频繁结算", "人员", 0, 0, PERSON, 0},
};

static const char* const card0_items[] = {"违规数", "违规金额", "等级加分"};
static const char* const card0_grades[] = {"A", "B", "C"};
static const char* const card1_items[] = {"违规积分", "年龄加分"};
static const char* const card1_grades[] = {"暂停", "正常"};
static const fides_scorecard_desc scorecards[] = {
    {"机构信用", "定点医药机构信用评价", INSTITUTION, 0, 3, 3, card0_items, card0_grades, 2, 0},
    {"人员积分", "参保人积分", PERSON, 1, 2, 2, card1_items, card1_grades, 1, 1},
};

static const char main_source[] =
#ifdef FIXTURE_TAMPER
    "pack \"fixture\" version \"1.0\"  # altered after build\n"
#else
    "pack \"fixture\" version \"1.0\"\n"
#endif
    "import \"common.fides\"\n";
static const char common_source[] = "param max_total: money = 1000\n";
static const fides_source_desc sources[] = {
    {"main.fides", main_source, sizeof main_source - 1},
    {"common.fides", common_source, sizeof common_source - 1},
};

static const fides_index_desc indexes[] = {
    {FIDES_INDEX_REVERSE_REF, SETTLEMENT, S_PERSON, 0, NULL},
    {FIDES_INDEX_BY_FIELD, PERSON, P_GENDER, 0, NULL},
};

/* ---- helpers ---- */

static int fmt_money(char* buf, size_t n, long long v) {
  int neg = v < 0;
  unsigned long long m = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  m = (m + 5000) / 10000;
  if (m == 0) neg = 0;
  return snprintf(buf, n, "%s%llu.%02llu", neg ? "-" : "", m / 100, m % 100);
}

static void fmt_date(char* buf, size_t n, long long z) {
  z += 719468; /* Howard Hinnant's civil_from_days */
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  snprintf(buf, n, "%04lld-%02lld-%02lld", y + (m <= 2), m, d);
}

static const fides_str* text_at(const fides_eval_ctx* c, int rec, int field, int64_t row) {
  return &c->records[rec].columns[field].texts[row];
}
static int64_t value_at(const fides_eval_ctx* c, int rec, int field, int64_t row) {
  return c->records[rec].columns[field].values[row];
}

static int in_set(const fides_table_data* t, const fides_str* s) {
  int64_t lo = 0, hi = t->n;
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    const fides_str* k = &t->key_texts[mid];
    int64_t n = k->len < s->len ? k->len : s->len;
    int c = memcmp(k->ptr, s->ptr, (size_t)n);
    if (c == 0) c = k->len < s->len ? -1 : k->len > s->len;
    if (c == 0) return 1;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

static void emit(const fides_eval_ctx* c, uint32_t rule, int64_t row, int64_t amount, int64_t points,
                 const char* msg) {
  c->out->finding(c->sink, rule, row, amount, points, msg, (int64_t)strlen(msg));
}

static void error(const fides_eval_ctx* c, uint32_t kind, uint32_t index, int64_t row, const char* msg) {
  c->out->error(c->sink, kind, index, row, msg, (int64_t)strlen(msg));
}

/* ---- rules ---- */

/* Where group g of an index ends (fides_index_data: ends[g], or offsets[g + 1]). */
static int64_t group_end(const fides_index_data* ix, int64_t g) { return ix->ends ? ix->ends[g] : ix->offsets[g + 1]; }

static int eval_rule(const fides_eval_ctx* c, uint32_t index, int64_t begin, int64_t end) {
  char msg[512], a[64], b[64];
  for (int64_t r = begin; r < end; ++r) {
    switch (index) {
      case 0: { /* R001 */
        int64_t total = value_at(c, SETTLEMENT, S_TOTAL, r), max = c->params[PARAM_MAX_TOTAL].value;
        if (total < 0) {
          error(c, FIDES_ERROR_RULE, 0, r, "总费用为负数");
          break;
        }
        if (total <= max) break;
        const fides_str* id = text_at(c, SETTLEMENT, S_ID, r);
        fmt_money(a, sizeof a, total);
        fmt_money(b, sizeof b, max);
        snprintf(msg, sizeof msg, "结算 %.*s 总费用 %s 超过上限 %s", (int)id->len, id->ptr, a, b);
        emit(c, 0, r, total - max, 2, msg);
        break;
      }
      case 1: { /* R002 */
        int64_t p = value_at(c, SETTLEMENT, S_PERSON, r);
        const fides_column* death = &c->records[PERSON].columns[P_DEATH];
        if (!death->present[p]) break;
        if (value_at(c, SETTLEMENT, S_ADMIT, r) <= death->values[p]) break;
        const fides_str* pid = text_at(c, PERSON, P_ID, p);
        fmt_date(a, sizeof a, death->values[p]);
        snprintf(msg, sizeof msg, "人员 %.*s 死亡（%s）后仍有结算", (int)pid->len, pid->ptr, a);
        emit(c, 1, r, value_at(c, SETTLEMENT, S_TOTAL, r), 5, msg);
        break;
      }
      case 2: { /* R003 */
        int64_t inst = value_at(c, SETTLEMENT, S_INSTITUTION, r);
        const fides_str* code = text_at(c, INSTITUTION, I_CODE, inst);
        if (!in_set(&c->tables[TABLE_BLOCKED], code)) break;
        snprintf(msg, sizeof msg, "机构 %.*s 在黑名单中, \"停业\"", (int)code->len, code->ptr);
        emit(c, 2, r, 0, 1, msg);
        break;
      }
      case 3: { /* R004: sees only the findings of rules that do not use hits */
        const fides_findings_view* v = c->findings;
        if (!v) return 1;
        const fides_index_data* by = &v->by_record[PERSON];
        int64_t n = group_end(by, r) - by->offsets[r], amount = 0;
        for (int64_t k = by->offsets[r]; k < group_end(by, r); ++k) {
          int64_t f = by->rows[k];
          if (v->rule[f] == 3) error(c, FIDES_ERROR_RULE, 3, r, "saw a finding of a rule using hits");
          amount += v->amount[f];
        }
        if (n < 2) break;
        const fides_str* id = text_at(c, PERSON, P_ID, r);
        snprintf(msg, sizeof msg, "人员 %.*s 有 %lld 条疑点", (int)id->len, id->ptr, (long long)n);
        emit(c, 3, r, amount, n, msg);
        break;
      }
      case 4: { /* R005 */
        const fides_index_data* ix = &c->indexes[INDEX_SETTLEMENTS_OF_PERSON];
        int64_t n = group_end(ix, r) - ix->offsets[r];
        if (n < c->params[PARAM_FREQ_LIMIT].value) break;
        const fides_str* id = text_at(c, PERSON, P_ID, r);
        snprintf(msg, sizeof msg, "人员 %.*s 结算 %lld 次\n（多行消息）", (int)id->len, id->ptr, (long long)n);
        emit(c, 4, r, 0, 1, msg);
        break;
      }
      default: return 1;
    }
  }
  return 0;
}

/* ---- scorecards ---- */

static int64_t clamp(int64_t x, int64_t lo, int64_t hi) { return x < lo ? lo : x > hi ? hi : x; }

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

static int eval_scorecard(const fides_eval_ctx* c, uint32_t index, int64_t begin, int64_t end) {
  const fides_findings_view* v = c->findings;
  if (!v) return 1;
  for (int64_t r = begin; r < end; ++r) {
    if (index == 0) {
      int64_t level = value_at(c, INSTITUTION, I_LEVEL, r);
      if (level < 0) {
        error(c, FIDES_ERROR_SCORECARD, 0, r, "等级无效");
        continue;
      }
      const fides_index_data* by = &v->by_record[INSTITUTION];
      int64_t n = group_end(by, r) - by->offsets[r], sum = 0;
      for (int64_t k = by->offsets[r]; k < group_end(by, r); ++k) sum += v->amount[by->rows[k]];
      int64_t items[3];
      items[0] = clamp(-5 * n, -50, 0);
      items[1] = clamp(-floor_div(sum, 100 * SCALE), -30, 0);
      items[2] = level == 3 ? 5 : 0;
      int64_t score = 100 + items[0] + items[1] + items[2];
      uint32_t grade = score >= 90 ? 0 : score >= 70 ? 1 : 2;
      c->out->score(c->sink, 0, r, score, grade, items);
    } else {
      const fides_index_data* by = &v->by_record[PERSON];
      int64_t points = 0;
      for (int64_t k = by->offsets[r]; k < group_end(by, r); ++k) points += v->points[by->rows[k]];
      int64_t items[2];
      items[0] = points * SCALE;
      items[1] = value_at(c, PERSON, P_BIRTH, r) < -3653 ? SCALE / 2 : 0; /* born before 1960 */
      int64_t score = items[0] + items[1];
      c->out->score(c->sink, 1, r, score, score >= 3 * SCALE ? 0 : 1, items);
    }
  }
  return 0;
}

static const fides_pack pack = {
    FIXTURE_ABI, 0, "fixture", "1.0", "fides 0.1.0 (hand-made fixture)", FIXTURE_HASH,
    2, 3, 3, 2, 5, 2, 2, 0,
    sources, records, params, tables, rules, scorecards, indexes,
    eval_rule, eval_scorecard,
};

__attribute__((visibility("default"))) const fides_pack* fides_pack_v1(void) { return &pack; }
