// Scalars: decimal arithmetic and rounding, overflow and division errors with
// their location, narrowing, lazy lets, effective, printing in templates,
// dates and text built-ins.
#include <doctest/doctest.h>

#include "interp_support.h"

using namespace fides::interp::testing;
using V = std::vector<std::string>;

TEST_CASE("decimal arithmetic rounds half-up at the sixth digit; money prints with 2 places") {
  std::string src = R"(pack "t" version "1"
record R key id {
  id: text
  a: money
  b: decimal
  n: int
}
rule D1 {
  for r: R
  when true
  amount r.a / 3
  points r.n * 2
  message "{r.a / 3}|{r.b * r.b}|{r.n / 4}|{r.a}|{-2 / 3}|{r.a * r.b}|{r.n + 1.5}|{round(r.b * 1000)}|{round(r.b, 3)}"
}
)";
  Run r = run("decimal_rounding", src, {{"R", "id,a,b,n\nx,10.00,0.0015,3\ny,0.05,-0.0025,-6\n"}});
  CHECK(r.errors("D1") == V{});
  CHECK(r.findings("D1") == V{"x|3.33|6|3.333333|0.000002|0.75|10.00|-0.666667|0.02|4.5|2|0.002",
                              "y|0.02|-12|0.016667|0.000006|-1.5|0.05|-0.666667|0.00|-4.5|-3|-0.003"});
  // the amount keeps 6 places
  CHECK(r.results.findings[0][0].amount == 3333333);
}

TEST_CASE("overflow and division by zero are error rows with the failing expression's location") {
  std::string src = R"(pack "t" version "1"
record R key id {
  id: text
  n: int
  d: int
  m: money
}
rule OV {
  for r: R
  when r.n * r.n > 0
}
rule DZ {
  for r: R
  when r.m / r.d > 1
}
rule CONV {
  for r: R
  when r.m + r.n > 0
}
)";
  Run r = run("errors", src,
              {{"R", "id,n,d,m\na,3,0,1.00\nb,9223372036854775807,2,5.00\nc,10000000000000,1,1.00\n"}});
  CHECK(r.errors("OV") == V{"b|arithmetic overflow at " + where(src, "r.n * r.n"),
                            "c|arithmetic overflow at " + where(src, "r.n * r.n")});
  CHECK(r.findings("OV") == V{"a|0.00|0|"});
  CHECK(r.errors("DZ") == V{"a|division by zero at " + where(src, "r.m / r.d")});
  CHECK(r.findings("DZ") == V{"b|0.00|0|"});
  // int → money conversion overflows for |n| > 9223372036854: reported at the converted operand
  CHECK(r.errors("CONV") == V{"b|arithmetic overflow at " + where(src, "r.n > 0", 1),
                              "c|arithmetic overflow at " + where(src, "r.n > 0", 1)});
}

TEST_CASE("an int / int division is fides_int_div; a money / 0 literal too") {
  std::string src = R"(pack "t" version "1"
record R key id {
  id: text
  n: int
}
rule Q {
  for r: R
  when true
  message "{r.n / 7}|{10000000000000 / r.n}"
}
)";
  Run r = run("int_div", src, {{"R", "id,n\na,1000\nb,0\n"}});
  CHECK(r.findings("Q") == V{"a|0.00|0|142.857143|10000000000"});
  CHECK(r.errors("Q") == V{"b|division by zero at " + where(src, "10000000000000 / r.n")});
}

TEST_CASE("narrowing, lazy lets and ??") {
  std::string src = R"(pack "t" version "1"
record P key id {
  id: text
  death: date?
  z: int
  k: int?
}
rule N {
  for p: P
  let unused = 1 / p.z
  let risky = 10 / p.z
  when present(p.death) and p.death < 2024-01-01 and (p.z == 0 or risky > 1)
  message "{p.death}|{p.k}|{p.k ?? 7}|{(p.k ?? 1) + 1}"
}
)";
  Run r = run("narrowing", src,
              {{"P", "id,death,z,k\na,,0,\nb,2023-05-01,0,\nc,2023-06-01,2,4\nd,2024-06-01,0,1\ne,2023-01-01,20,\n"}});
  CHECK(r.errors("N") == V{});
  CHECK(r.findings("N") == V{"b|0.00|0|2023-05-01||7|2", "c|0.00|0|2023-06-01|4|4|5"});
}

TEST_CASE("a let that errors is an error only when used") {
  std::string src = R"(pack "t" version "1"
record P key id {
  id: text
  z: int
}
let g = 100 / 0
rule L {
  for p: P
  let bad = 1 / p.z
  when p.z > 5 or bad > 0
}
rule G {
  for p: P
  when p.z == 3 and g > 0
}
)";
  Run r = run("lazy_lets", src, {{"P", "id,z\na,0\nb,1\nc,6\nd,3\n"}});
  CHECK(r.errors("L") == V{"a|division by zero at " + where(src, "1 / p.z")});
  CHECK(r.findings("L") == V{"b|0.00|0|", "c|0.00|0|", "d|0.00|0|"});
  CHECK(r.errors("G") == V{"d|division by zero at " + where(src, "100 / 0")});
  CHECK(r.findings("G") == V{});
}

TEST_CASE("effective skips subjects outside the range entirely") {
  std::string src = R"(pack "t" version "1"
param start: date = 2024-01-01
record P key id {
  id: text
  d: date
  z: int
}
rule E {
  for p: P
  when 1 / p.z > 0
  effective start to 2024-12-31 by p.d
}
rule F {
  for p: P
  when true
  effective to 2024-06-30 by p.d + 1 days
}
)";
  Run r = run("effective", src,
              {{"P", "id,d,z\na,2023-12-31,0\nb,2024-01-01,0\nc,2024-12-31,1\nd,2025-01-01,0\ne,2024-06-29,1\n"}});
  CHECK(r.errors("E") == V{"b|division by zero at " + where(src, "1 / p.z")});
  CHECK(r.findings("E") == V{"c|0.00|0|", "e|0.00|0|"});
  CHECK(r.findings("F") == V{"a|0.00|0|", "b|0.00|0|", "e|0.00|0|"});
  Run s = run("effective_param", src, {{"P", "id,d,z\na,2023-12-31,1\nb,2024-01-01,1\n"}}, {},
              {{"start", "2023-12-31"}});
  CHECK(s.findings("E") == V{"a|0.00|0|", "b|0.00|0|"});
}

TEST_CASE("templates print every type as output files do") {
  std::string src = R"(pack "t" version "1"
param region: text = "湖南"
param level: severity = high
record P key id {
  id: text
  d: date
  m: money
  x: decimal?
  b: bool
}
rule T {
  for p: P
  when true
  message "{{{p.id}}} {p.d} {p.m} {p.x} {p.b} {level} {region} {critical} {p.m > 1} {p.d + 1 months} 中文"
}
)";
  Run r = run("templates", src, {{"P", "id,d,m,x,b\n甲,2024-01-31,1200.5,0.350,true\n乙,2024-02-29,-0.005,,false\n"}});
  CHECK(r.findings("T") == V{"甲|0.00|0|{甲} 2024-01-31 1200.50 0.35 true high 湖南 critical true 2024-02-29 中文",
                             "乙|0.00|0|{乙} 2024-02-29 -0.01  false high 湖南 critical false 2024-03-29 中文"});
}

TEST_CASE("dates, text and id cards through the C built-ins") {
  std::string src = R"(pack "t" version "1"
record P key id {
  id: text
  card: text
  d: date
  s: text
}
rule B {
  for p: P
  let lk = p.s like "%b_"
  let hasb = contains(p.s, "B")
  let bang = p.s + "!"
  when true
  message "{years_between(p.d, 2024-03-01)}|{2024-03-01 - p.d}|{p.d - 1 years}|{year(p.d)}-{month(p.d)}-{day(p.d)}|{idcard_valid(p.card)}|{idcard_birth(p.card)}|{idcard_gender(p.card)}|{upper(p.s)}|{lower(p.s)}|{trim(p.s)}|{len(p.s)}|{substr(p.s, 2, 2)}|{substr(p.s, 3)}|{lk}|{hasb}|{bang}|{min(p.d, 2000-01-01)}|{max(2, 3)}|{clamp(1.5, 0, 1)}|{abs(-2.5)}|{floor(-2.1)}|{ceil(-2.9)}"
}
rule BAD {
  for p: P
  when date(year(p.d), 2, 30) > p.d
}
)";
  Run r = run("builtins", src,
              {{"P", "id,card,d,s\na,11010519491231002X,2000-02-29,\" aBc \"\nb,110105194912310021,2023-03-01,xbz\n"}});
  CHECK(r.findings("B") ==
        V{"a|0.00|0|24|8767|1999-02-28|2000-2-29|true|1949-12-31|女| ABC | abc |aBc|5|aB|Bc |false|true| aBc !|"
          "2000-01-01|3|1|2.5|-3|-2",
          "b|0.00|0|1|366|2022-03-01|2023-3-1|false|||XBZ|xbz|xbz|3|bz|z|true|false|xbz!|2000-01-01|3|1|2.5|-3|-2"});
  CHECK(r.errors("BAD") == V{"a|invalid date at " + where(src, "date(year"),
                             "b|invalid date at " + where(src, "date(year")});
}
