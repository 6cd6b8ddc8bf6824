// Types, resolution, null safety and narrowing of expressions, checked inside rules.
#include "ast_builder.h"

using namespace fides;
using namespace fides::test;
using ast::AggregateKind;
using ast::BinaryOp;
using ast::UnaryOp;

namespace {
// A rule `for l: Line` whose `when` is built by `when`; returns the rule's index.
template <class F>
void line_rule(Builder& b, F when) {
  auto r = b.rule("R1", "l", "Line");
  r.when = when();
  b.m.rules.push_back(std::move(r));
}
}  // namespace

TEST_CASE("types of arithmetic, comparisons and dates") {
  Builder b;
  b.schema();
  ast::ExprId money_plus_int, int_div, date_minus, date_plus, text_cat, cmp;
  line_rule(b, [&] {
    money_plus_int = b.bin(BinaryOp::add, b.path("l.amount"), b.int_(1));
    int_div = b.bin(BinaryOp::div, b.path("l.qty"), b.int_(2));
    date_minus = b.bin(BinaryOp::sub, b.path("l.date"), b.path("l.settlement.admit"));
    date_plus = b.bin(BinaryOp::add, b.path("l.date"), b.duration(b.int_(15), ast::DurationUnit::days));
    text_cat = b.bin(BinaryOp::add, b.path("l.item"), b.str("x"));
    cmp = b.bin(BinaryOp::gt, money_plus_int, int_div);
    auto c2 = b.bin(BinaryOp::gt, date_plus, b.path("l.settlement.discharge"));
    auto c3 = b.bin(BinaryOp::gt, date_minus, b.int_(3));
    auto c4 = b.bin(BinaryOp::eq, text_cat, b.str("a"));
    return b.bin(BinaryOp::and_, b.bin(BinaryOp::and_, cmp, c2), b.bin(BinaryOp::and_, c3, c4));
  });
  auto& p = b.run();
  b.expect_clean();
  CHECK(b.type_of(money_plus_int) == "money");
  CHECK(b.type_of(int_div) == "decimal");
  CHECK(b.type_of(date_minus) == "int");
  CHECK(b.type_of(date_plus) == "date");
  CHECK(b.type_of(text_cat) == "text");
  CHECK(b.type_of(cmp) == "bool");
  // the int 1 is converted to money where it is added; the decimal side of the comparison to money
  auto one = b.m.expr(money_plus_int).kids[1];
  REQUIRE(p.conversions[one.index]);
  CHECK(p.conversions[one.index]->kind == sema::TypeKind::money);
  REQUIRE(p.conversions[int_div.index]);
  CHECK(p.conversions[int_div.index]->kind == sema::TypeKind::money);
  // resolutions along a path
  auto admit = b.m.expr(date_minus).kids[1];
  auto& r = p.resolution(admit);
  CHECK(r.kind == sema::RefKind::field);
  CHECK(p.records[r.index].name == "Settlement");
  CHECK(p.records[r.index].fields[r.sub].name == "admit");
  auto l = b.m.expr(b.m.expr(admit).kids[0]).kids[0];
  CHECK(p.resolution(l).kind == sema::RefKind::for_var);
  CHECK(p.rules[0].uses_hits == false);
}

TEST_CASE("type errors: operands, comparisons, if, in, like, not") {
  Builder b;
  b.schema();
  line_rule(b, [&] {
    auto e1 = b.bin(BinaryOp::eq, b.bin(BinaryOp::add, b.path("l.qty"), b.str("x")), b.int_(1));  // E0201
    auto e2 = b.bin(BinaryOp::eq, b.path("l.amount"), b.str("x"));                                  // E0203
    auto e3 = b.bin(BinaryOp::gt, b.path("l.settlement.person"), b.path("l.settlement.person"));    // E0204
    auto e4 = b.bin(BinaryOp::eq, b.if_(b.boolean(true), b.int_(1), b.str("a")), b.int_(1));        // E0205
    auto e5 = b.bin(BinaryOp::in, b.path("l.item"), b.path("l.item"));                              // E0206
    auto e6 = b.bin(BinaryOp::like, b.path("l.qty"), b.str("O%"));                                  // E0201
    auto e7 = b.un(UnaryOp::not_, b.path("l.qty"));                                                 // E0202
    auto e8 = b.bin(BinaryOp::eq, b.path("l.settlement"), b.path("l.settlement.person"));           // E0203
    auto e9 = b.bin(BinaryOp::gt, b.bin(BinaryOp::add, b.path("l.date"), b.int_(1)), b.path("l.date"));  // E0201
    auto all = b.bin(BinaryOp::and_, e1, e2);
    for (auto e : {e3, e4, e5, e6, e7, e8, e9}) all = b.bin(BinaryOp::and_, all, e);
    return all;
  });
  b.run();
  CHECK(b.codes() ==
        std::vector<std::string>{"E0201", "E0203", "E0204", "E0205", "E0206", "E0201", "E0202", "E0203", "E0201"});
  CHECK(b.diags.all()[8].help.en == "give the unit of the number: 1 days");
}

TEST_CASE("null safety: the error names the optional path and what to do") {
  Builder b;
  b.schema();
  ast::ExprId death;
  line_rule(b, [&] {
    death = b.path("l.settlement.person.death");
    return b.bin(BinaryOp::lt, death, b.path("l.date"));
  });
  b.run();
  auto& d = b.only_error();
  CHECK(diag_code(d.kind) == "E0300");
  CHECK(d.message.en == "'l.settlement.person.death' is optional (date?) and cannot be compared");
  CHECK(d.help.en == "test it with present(l.settlement.person.death) or give a default with ??");
  CHECK(b.text(d.span) == "l.settlement.person.death");
}

TEST_CASE("null safety: arithmetic, arguments, map lookups and min() are all guarded") {
  Builder b;
  b.schema();
  ast::TableDecl t;
  t.name = b.id("cap");
  t.type = b.map("text", "money");
  t.inline_value = b.set_lit({b.str("A"), b.int_(1)}, ast::ExprKind::map_lit);
  b.m.tables.push_back(t);
  line_rule(b, [&] {
    auto a = b.bin(BinaryOp::gt, b.bin(BinaryOp::mul, b.path("l.settlement.days"), b.int_(2)), b.int_(3));
    auto c = b.bin(BinaryOp::gt, b.call("year", {b.path("l.settlement.person.death")}), b.int_(2000));
    auto m = b.bin(BinaryOp::gt, b.path("l.price"), b.index(b.name("cap"), b.path("l.item")));
    auto mn = b.bin(BinaryOp::gt, b.agg(AggregateKind::min, "x", b.path("l.settlement.lines"), {}, b.path("x.price")),
                    b.int_(1));
    return b.bin(BinaryOp::and_, b.bin(BinaryOp::and_, a, c), b.bin(BinaryOp::and_, m, mn));
  });
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0300", "E0300", "E0301", "E0301"});
  CHECK(b.diags.all()[1].message.en == "'l.settlement.person.death' is optional (date?) and cannot be passed to 'year'");
  CHECK(b.diags.all()[2].message.en == "this value is optional (money?) and cannot be compared");
}

TEST_CASE("narrowing: and-chains, if-then, not-present-or, and when into amount/message") {
  Builder b;
  b.schema();
  auto r = b.rule("R1", "l", "Line");
  ast::ExprId in_and, in_then, in_or, in_amount, in_msg;
  r.lets.push_back(b.let_("p", [&] { return b.path("l.settlement.person"); }));
  {
    auto pr = b.call("present", {b.path("p.death")});
    in_and = b.path("p.death");
    auto c1 = b.bin(BinaryOp::and_, pr, b.bin(BinaryOp::lt, in_and, b.path("l.date")));
    auto cond = b.call("present", {b.path("l.settlement.days")});
    in_then = b.path("l.settlement.days");
    auto c2 = b.if_(cond, b.bin(BinaryOp::gt, in_then, b.int_(3)), b.boolean(false));
    auto np = b.un(UnaryOp::not_, b.call("present", {b.path("l.ratio")}));
    in_or = b.path("l.ratio");
    auto c3 = b.bin(BinaryOp::or_, np, b.bin(BinaryOp::gt, in_or, b.dec("0.5", 500000)));
    auto c4 = b.call("present", {b.path("l.ratio")});
    r.when = b.bin(BinaryOp::and_, b.bin(BinaryOp::and_, c1, c2), b.bin(BinaryOp::and_, c3, c4));
  }
  in_amount = b.path("l.ratio");
  r.amount = b.bin(BinaryOp::mul, b.path("l.amount"), in_amount);
  in_msg = b.bin(BinaryOp::sub, b.path("l.date"), b.path("p.death"));
  r.message = b.tmpl({b.str("gap "), in_msg, b.path("l.settlement.days")});
  b.m.rules.push_back(r);
  auto& p = b.run();
  b.expect_clean();
  CHECK(b.type_of(in_and) == "date");
  CHECK(p.narrowed[in_and.index] == 1);
  CHECK(b.type_of(in_then) == "int");
  CHECK(b.type_of(in_or) == "decimal");
  CHECK(b.type_of(in_amount) == "decimal");
  CHECK(b.type_of(in_msg) == "int");
  CHECK(p.resolution(b.m.expr(in_and).kids[0]).kind == sema::RefKind::rule_let);
  CHECK(b.type_of(r.amount) == "money");  // money * decimal is money: nothing to convert
  CHECK(!p.conversions[r.amount.index]);
}

TEST_CASE("narrowing does not leak: or, else-free uses and present after use") {
  Builder b;
  b.schema();
  line_rule(b, [&] {
    auto c1 = b.bin(BinaryOp::or_, b.call("present", {b.path("l.ratio")}),
                    b.bin(BinaryOp::gt, b.path("l.ratio"), b.int_(1)));
    auto c2 = b.bin(BinaryOp::and_, b.bin(BinaryOp::gt, b.path("l.settlement.days"), b.int_(1)),
                    b.call("present", {b.path("l.settlement.days")}));
    return b.bin(BinaryOp::and_, c1, c2);
  });
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0300", "E0300"});
}

TEST_CASE("?? needs an optional left and a compatible default") {
  Builder b;
  b.schema();
  ast::ExprId ok;
  line_rule(b, [&] {
    ok = b.bin(BinaryOp::coalesce, b.path("l.ratio"), b.int_(0));
    auto c1 = b.bin(BinaryOp::gt, ok, b.int_(1));
    auto c2 = b.bin(BinaryOp::gt, b.bin(BinaryOp::coalesce, b.path("l.qty"), b.int_(0)), b.int_(1));
    auto c3 = b.bin(BinaryOp::gt, b.bin(BinaryOp::coalesce, b.path("l.ratio"), b.str("x")), b.int_(1));
    return b.bin(BinaryOp::and_, c1, b.bin(BinaryOp::and_, c2, c3));
  });
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0302", "E0200"});
  CHECK(b.type_of(ok) == "decimal");
}

TEST_CASE("builtins: overloads, arity, argument types, and present() on non-optional warns") {
  Builder b;
  b.schema();
  ast::ExprId r1, r2, ab, mn, birth, substr;
  line_rule(b, [&] {
    r1 = b.call("round", {b.path("l.price")});
    r2 = b.call("round", {b.path("l.price"), b.int_(1)});
    ab = b.call("abs", {b.path("l.amount")});
    mn = b.call("min", {b.path("l.qty"), b.dec("1.5", 1500000)});
    birth = b.call("idcard_birth", {b.path("l.item")});
    substr = b.call("substr", {b.path("l.item"), b.int_(1), b.int_(2)});
    auto c = b.bin(BinaryOp::gt, b.bin(BinaryOp::add, r1, b.bin(BinaryOp::add, r2, b.bin(BinaryOp::add, ab, mn))),
                   b.int_(0));
    auto d = b.bin(BinaryOp::eq, b.bin(BinaryOp::coalesce, birth, b.path("l.date")), b.path("l.date"));
    auto s = b.bin(BinaryOp::eq, substr, b.str("x"));
    auto errs = b.bin(BinaryOp::and_,
                      b.bin(BinaryOp::gt, b.call("len", {b.path("l.qty")}), b.int_(1)),           // E0200
                      b.bin(BinaryOp::gt, b.call("year", {b.path("l.date"), b.int_(1)}), b.int_(1)));  // E0119
    auto errs2 = b.bin(BinaryOp::and_, b.bin(BinaryOp::eq, b.call("min", {b.str("a"), b.str("b")}), b.str("a")),  // E0208
                       b.bin(BinaryOp::eq, b.call("lenn", {b.str("a")}), b.int_(1)));                             // E0105
    auto w = b.call("present", {b.path("l.qty")});
    return b.bin(BinaryOp::and_, b.bin(BinaryOp::and_, c, b.bin(BinaryOp::and_, d, s)),
                 b.bin(BinaryOp::and_, w, b.bin(BinaryOp::and_, errs, errs2)));
  });
  auto& p = b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0200", "E0119", "E0208", "E0105"});
  CHECK(b.diags.all().size() == 5);  // and the warning
  CHECK(b.type_of(r1) == "int");
  CHECK(b.type_of(r2) == "decimal");
  CHECK(b.type_of(ab) == "money");
  CHECK(b.type_of(mn) == "decimal");
  CHECK(b.type_of(birth) == "date?");
  CHECK(b.type_of(substr) == "text");
  CHECK(sema::builtin_info(static_cast<sema::BuiltinId>(p.resolution(r2).index)).symbol == "fides_dec_round_n");
  for (auto& d : b.diags.all())
    if (diag_code(d.kind) == "E0105") CHECK(d.help.en == "did you mean 'len'?");
}

TEST_CASE("aggregates: collections, bound variables, result types") {
  Builder b;
  b.schema();
  ast::ExprId cnt, sm, avg, mx, first, all_rows, dist;
  auto r = b.rule("R1", "s", "Settlement");
  {
    cnt = b.agg(AggregateKind::count, "x", b.path("s.lines"), b.bin(BinaryOp::gt, b.path("x.qty"), b.int_(1)));
    sm = b.agg(AggregateKind::sum, "x", b.path("s.lines"), {}, b.path("x.amount"));
    avg = b.agg(AggregateKind::avg, "x", b.path("s.lines"), {}, b.path("x.qty"));
    mx = b.agg(AggregateKind::max, "x", b.path("s.lines"), {}, b.path("x.date"));
    first = b.agg(AggregateKind::first, "x", b.path("s.lines"), {}, {}, b.path("x.date"));
    all_rows = b.agg(AggregateKind::exists, "o", b.name("Settlement"),
                     b.bin(BinaryOp::and_, b.bin(BinaryOp::eq, b.path("o.person"), b.path("s.person")),
                           b.bin(BinaryOp::ne, b.name("o"), b.name("s"))));
    dist = b.agg(AggregateKind::count_distinct, "x", b.path("s.lines"), {}, b.path("x.item"));
    auto sum_where = b.agg(AggregateKind::sum, "x", b.path("s.lines"), b.call("present", {b.path("x.ratio")}),
                           b.path("x.ratio"));
    auto c = b.bin(BinaryOp::gt, b.bin(BinaryOp::add, cnt, dist), b.int_(1));
    auto c2 = b.bin(BinaryOp::gt, b.bin(BinaryOp::add, sm, sum_where), b.int_(1));
    r.when = b.bin(BinaryOp::and_, b.bin(BinaryOp::and_, c, c2), all_rows);
  }
  r.message = b.tmpl({avg, mx, b.field(b.bin(BinaryOp::coalesce, first, first), "id")});
  b.m.rules.push_back(r);
  auto& p = b.run();
  // first ?? first is not a meaningful default but it typechecks (Line? ?? Line? gives Line?),
  // and reading .id through it is a null-safety error.
  CHECK(b.codes() == std::vector<std::string>{"E0301"});
  CHECK(b.type_of(cnt) == "int");
  CHECK(b.type_of(sm) == "money");
  CHECK(b.type_of(avg) == "decimal?");
  CHECK(b.type_of(mx) == "date?");
  CHECK(b.type_of(first) == "Line?");
  CHECK(b.type_of(all_rows) == "bool");
  auto coll = b.m.expr(all_rows).kids[0];
  CHECK(p.resolution(coll).kind == sema::RefKind::record_rows);
  auto xq = b.m.expr(b.m.expr(b.m.expr(cnt).kids[1]).kids[0]).kids[0];
  CHECK(p.resolution(xq).kind == sema::RefKind::aggregate_var);
  CHECK(p.resolution(xq).index == cnt.index);
}

TEST_CASE("aggregate errors: not a collection, bad values, record as value") {
  Builder b;
  b.schema();
  line_rule(b, [&] {
    auto a = b.bin(BinaryOp::gt, b.agg(AggregateKind::count, "x", b.path("l.item")), b.int_(1));              // E0210
    auto s = b.bin(BinaryOp::eq, b.agg(AggregateKind::sum, "x", b.path("l.settlement.lines"), {}, b.path("x.item")),
                   b.str("a"));                                                                                   // E0211
    auto r = b.bin(BinaryOp::eq, b.name("Line"), b.name("l"));                                                   // E0118
    auto u = b.bin(BinaryOp::eq, b.name("lx"), b.int_(1));                                                       // E0102
    auto f = b.bin(BinaryOp::eq, b.path("l.iten"), b.str("x"));                                                  // E0104
    return b.bin(BinaryOp::and_, b.bin(BinaryOp::and_, a, s), b.bin(BinaryOp::and_, r, b.bin(BinaryOp::and_, u, f)));
  });
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0210", "E0211", "E0118", "E0102", "E0104"});
  auto& all = b.diags.all();
  CHECK(all[3].help.en == "did you mean 'l'?");
  CHECK(all[4].message.en == "unknown field 'iten' on record Line");
  CHECK(all[4].help.en == "did you mean 'item'?");
  CHECK(b.text(all[4].span) == "iten");
}

TEST_CASE("bins: subject comparable with bounds, band values of one type") {
  Builder b;
  b.schema();
  ast::ExprId good;
  line_rule(b, [&] {
    good = b.bins(b.path("l.price"), {{BinaryOp::lt, b.dec("0.30", 300000), b.int_(20)}, {BinaryOp::lt, b.int_(1), b.int_(0)}},
                  b.un(UnaryOp::neg, b.int_(30)));
    auto bad1 = b.bins(b.path("l.item"), {{BinaryOp::lt, b.int_(1), b.int_(2)}}, b.int_(0));         // E0203
    auto bad2 = b.bins(b.path("l.qty"), {{BinaryOp::lt, b.int_(1), b.str("a")}}, b.int_(0));         // E0212
    auto bad3 = b.bins(b.path("l.qty"), {{BinaryOp::lt, b.int_(1), b.int_(2)}}, ast::ExprId());      // E0032
    auto sum = b.bin(BinaryOp::add, good, b.bin(BinaryOp::add, bad1, b.bin(BinaryOp::add, bad2, bad3)));
    return b.bin(BinaryOp::gt, sum, b.int_(1));
  });
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0203", "E0212", "E0032"});
  CHECK(b.type_of(good) == "int");
}

TEST_CASE("poison does not cascade") {
  Builder b;
  b.schema();
  line_rule(b, [&] {
    auto bad = b.path("l.nope.deeper");
    return b.bin(BinaryOp::and_, b.bin(BinaryOp::gt, b.bin(BinaryOp::add, bad, b.int_(1)), b.call("len", {b.path("l.item")})),
                 b.bin(BinaryOp::gt, b.call("abs", {b.name("zz")}), b.int_(1)));
  });
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0104", "E0102"});
}
