-- The language's decimal arithmetic, which both query forms need for equal
-- amounts: Fides divides exactly to 6 fractional digits, rounded half-up away
-- from zero, where DuckDB's DECIMAL / DECIMAL is a DOUBLE and its median of
-- decimals truncates the interpolated value.
CREATE MACRO div6(a, b) AS
  CAST(sign(a) * sign(b) * ((2 * abs(CAST(a * 1000000 AS HUGEINT)) + abs(b)) // (2 * abs(b))) AS DECIMAL(38, 0))
    * 0.000001;
-- The median of a list of decimals as Fides' median: the middle value, or
-- the lower middle plus half the gap, rounded half-up at 6 digits.
CREATE MACRO median6(l) AS
  list_sort(l)[(len(l) + 1) // 2]
    + div6(list_sort(l)[len(l) // 2 + 1] - list_sort(l)[(len(l) + 1) // 2], 2);
CREATE TABLE findings (rule_id VARCHAR, key VARCHAR, amount DECIMAL(18, 2));
