// fides-gen --broken N: malformed rows appended to the input files, each of
// which the scoring host must reject (docs/language.md, "Reading broken
// input"), with the reason listed in broken.csv. They show, on data that is
// otherwise clean, that nothing is dropped silently: every such line ends in
// rejects.csv and nothing else changes, since a rejected row is not loaded.
#include <string>
#include <string_view>

#include "gen_internal.h"

namespace fides::gen {

namespace {

// The kinds of malformed row, planted in this order, then again from the first.
enum BrokenKind : int {
  K_INSTITUTION_LEVEL,   // hosp_lv 二级: bad number
  K_STAFF_DATE,          // susp_begn_date 2024/05/01: bad date
  K_PERSON_BIRTH,        // brdy 1985-13-01: bad date
  K_SETTLEMENT_INST,     // an institution that does not exist, and a fee line of that settlement
  K_LINE_DATE,           // fee_ocur_time YYYY-02-30: bad date
  K_LINE_PRICE,          // pric 12.3.4: bad number
  K_LINE_SETTLEMENT,     // a settlement that does not exist
  K_LINE_DUPLICATE,      // a fee line's key sent twice
  K_LINE_QTY,            // cnt 两: bad number
  K_LINE_COLUMNS,        // two cells short
  K_EVENT_DUPLICATE,     // a credit event's key sent twice
  K_VISIT_DAYS,          // ipt_days empty: missing value
  K_COUNT
};

// A fee line of the anchor visit with every cell given as text, so that one
// of them can be malformed; `short_row` leaves out the last two cells.
struct FeeCells {
  std::string id, settlement, visit, person, date, qty = "1", price = "10.00";
  bool short_row = false;
};

void write_fee_line(CsvOut& f, const FeeCells& c) {
  f.cell(c.id).cell(c.settlement).cell(c.visit).cell(c.person).cell(c.date).cell(c.qty).cell(c.price).cell("10.00");
  f.cell_empty().cell("1").cell("001102000010000").cell("门诊诊查费").cell("02").cell_empty();
  if (!c.short_row) f.cell_empty().cell("J06.9");
  f.end_row();
}

}  // namespace

void Gen::plant_broken() {
  CsvOut side;
  side.open(opt_.out_dir + "/broken.csv", opt_.encoding);
  side.cell("file").cell("line").cell("column").cell("reason").end_row();
  // Lists the row about to be written to `f` (its physical line: the header
  // is line 1 and no planted row spans lines).
  auto expect = [&](const CsvOut& f, const char* file, std::string_view column, const char* reason) {
    side.cell(file).cell_int(static_cast<int64_t>(f.rows() + 1)).cell(column).cell(reason).end_row();
    ++sum_.broken_rows;
  };

  const BrokenAnchor& a = broken_anchor_;
  auto id = [&](const char* kind, uint64_t seq, int width) {
    std::string s = kind;
    s += ystr_;
    append_padded(s, seq, width);
    return s;
  };
  // Keys of the planted rows: a 99 prefix that the generator's sequences never reach.
  const uint64_t planted = 99ULL * 10000000000ULL;
  const std::string visit = id("MD", a.visit_seq, 12), settlement = id("ST", a.visit_seq, 12);
  const std::string day = date_text(a.day);
  // A fee line of the anchor visit, with a key of its own, made malformed by `change`.
  auto bad_fee_line = [&](uint64_t n, const char* column, const char* reason, const auto& change) {
    FeeCells c;
    c.id = id("FD", planted * 100 + n, 14);
    c.settlement = settlement;
    c.visit = visit;
    c.person = a.person;
    c.date = day;
    change(c);
    expect(f_line_, "FEE_LIST_D.csv", column, reason);
    write_fee_line(f_line_, c);
  };

  for (uint64_t n = 1; n <= opt_.broken; ++n) {
    switch (static_cast<BrokenKind>((n - 1) % K_COUNT)) {
      case K_INSTITUTION_LEVEL: {
        std::string code = "H439999";
        append_padded(code, n, 5);
        expect(f_inst_, "FIXMEDINS_B.csv", "hosp_lv", "bad number");
        f_inst_.cell(code).cell("长沙市示范医院").cell("1").cell("二级").cell("430102").end_row();
        break;
      }
      case K_STAFF_DATE: {
        std::string code = "D439999";
        append_padded(code, n, 6);
        expect(f_staff_, "PRAC_PSN_B.csv", "susp_begn_date", "bad date");
        f_staff_.cell(code).cell("汪欢飞").cell("1").cell(insts_.front().code).cell("2").cell(ystr_ + "/05/01").cell_empty();
        f_staff_.end_row();
        break;
      }
      case K_PERSON_BIRTH: {
        std::string psn = "4399";
        append_padded(psn, n, 16);
        expect(f_person_, "PSN_INFO_B.csv", "brdy", "bad date");
        f_person_.cell(psn).cell("430102198513010027").cell("朱萍").cell("2").cell("1985-13-01").cell_empty();
        f_person_.cell("430102").cell("310").cell_empty().end_row();
        break;
      }
      case K_SETTLEMENT_INST: {
        std::string setl = id("ST", planted + n, 12), inst = "H439998";
        append_padded(inst, n, 5);
        expect(f_setl_, "SETL_D.csv", "fixmedins_code", "unresolved reference");
        f_setl_.cell(setl).cell(visit).cell(a.person).cell(inst).cell(day).cell("11");
        f_setl_.cell("10.00").cell("0.00").cell("10.00").cell("5.00").cell("0.00").cell("5.00").end_row();
        bad_fee_line(n, "setl_id", "reference to rejected row", [&](FeeCells& c) { c.settlement = setl; });
        break;
      }
      case K_LINE_DATE:
        bad_fee_line(n, "fee_ocur_time", "bad date", [&](FeeCells& c) { c.date = ystr_ + "-02-30"; });
        break;
      case K_LINE_PRICE:
        bad_fee_line(n, "pric", "bad number", [](FeeCells& c) { c.price = "12.3.4"; });
        break;
      case K_LINE_SETTLEMENT:
        bad_fee_line(n, "setl_id", "unresolved reference",
                     [&](FeeCells& c) { c.settlement = id("ST", planted + 50000 + n, 12); });
        break;
      case K_LINE_DUPLICATE:
        bad_fee_line(n, "feedetl_sn", "duplicate key", [&](FeeCells& c) { c.id = id("FD", a.line_seq, 14); });
        break;
      case K_LINE_QTY:
        bad_fee_line(n, "cnt", "bad number", [](FeeCells& c) { c.qty = "两"; });
        break;
      case K_LINE_COLUMNS:
        bad_fee_line(n, "", "wrong column count", [](FeeCells& c) { c.short_row = true; });
        break;
      case K_EVENT_DUPLICATE:
        expect(f_event_, "CRED_EVT_D.csv", "evt_id", "duplicate key");
        f_event_.cell(id("EV", 1, 8)).cell("表彰").cell(insts_.front().code).cell_empty().cell_empty().cell(day);
        f_event_.cell_empty().cell_empty().cell("重复报送的事件").end_row();
        break;
      case K_VISIT_DAYS:
        expect(f_visit_, "MDTRT_D.csv", "ipt_days", "missing value");
        f_visit_.cell(id("MD", planted + n, 12)).cell(a.person).cell("430102198001010011").cell("1").cell("44");
        f_visit_.cell("310").cell(insts_.front().code).cell_int(insts_.front().level).cell(day).cell(day);
        f_visit_.cell("11").cell("J06.9").cell_empty().cell_empty().end_row();
        break;
      case K_COUNT:
        break;
    }
  }
  side.close();
}

}  // namespace fides::gen
