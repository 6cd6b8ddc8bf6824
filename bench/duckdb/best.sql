-- The subset (bench/subset.txt) in the best form found: joins to the knowledge
-- tables, window functions, pre-aggregated settlements, semi-joins. Each
-- section adds one rule's findings (rule_id, key, amount) to `findings`;
-- keys and amounts are those of Fides' findings.csv.

-- rule L01 限性别项目
INSERT INTO findings
SELECT 'L01', f.feedetl_sn, f.det_item_fee_sumamt
FROM fee f JOIN gender_items g ON g.code = f.hilist_code JOIN person p ON p.psn_no = f.psn_no
WHERE p.gend <> g.value;

-- rule L06 限医院级别
INSERT INTO findings
SELECT 'L06', f.feedetl_sn, f.det_item_fee_sumamt
FROM fee f JOIN min_level_items m ON m.code = f.hilist_code
JOIN visit v ON v.mdtrt_id = f.mdtrt_id JOIN inst i ON i.fixmedins_code = v.fixmedins_code
WHERE i.hosp_lv < m.value;

-- rule L08 超限价收费: the table's cap, else the line's own
INSERT INTO findings
SELECT 'L08', feedetl_sn, round(round((pric - cap) * cnt, 6), 2)
FROM (SELECT f.feedetl_sn, f.pric, f.cnt, coalesce(c.value, f.pric_uplmt_amt) AS cap
      FROM fee f LEFT JOIN price_caps c ON c.code = f.hilist_code)
WHERE pric > cap;

-- rule L10 明细金额与数量单价不符
INSERT INTO findings
SELECT 'L10', feedetl_sn, round(det_item_fee_sumamt - round(cnt * pric, 6), 2)
FROM fee WHERE det_item_fee_sumamt > round(cnt * pric, 6) + 0.01;

-- rule V02 分解收费（检验套餐拆分）
INSERT INTO findings
SELECT 'V02', g.mdtrt_id || '|' || g.panel, g.total - pp.value
FROM (SELECT f.mdtrt_id, p.value AS panel, count(DISTINCT f.hilist_code) AS items, sum(f.det_item_fee_sumamt) AS total
      FROM fee f JOIN panel_of p ON p.code = f.hilist_code GROUP BY f.mdtrt_id, p.value) g
JOIN panel_size ps ON ps.code = g.panel JOIN panel_price pp ON pp.code = g.panel
WHERE g.items >= ps.value AND g.total > pp.value;

-- rule V06 按日收费项目超住院天数: the excess priced at the group's first line (input order)
INSERT INTO findings
SELECT 'V06', g.mdtrt_id || '|' || g.hilist_code, round(round((g.qty - v.ipt_days - 1) * g.first_price, 6), 2)
FROM (SELECT f.mdtrt_id, f.hilist_code, sum(f.cnt) AS qty, arg_min(f.pric, f.rowid) AS first_price
      FROM fee f SEMI JOIN once_daily_items d ON d.code = f.hilist_code
      GROUP BY f.mdtrt_id, f.hilist_code) g
JOIN visit v ON v.mdtrt_id = g.mdtrt_id
WHERE v.med_type = '21' AND g.qty > v.ipt_days + 1;

-- rule P03 检验间隔过短: the latest earlier day of the same person and item, by a window
INSERT INTO findings
SELECT 'P03', feedetl_sn, amt
FROM (SELECT f.feedetl_sn, f.det_item_fee_sumamt AS amt, f.fee_ocur_time AS day,
             CASE WHEN f.hilist_code = '250303011000000' THEN 15 ELSE i.value END AS min_days,
             max(f.fee_ocur_time) OVER (PARTITION BY f.psn_no, f.hilist_code ORDER BY f.fee_ocur_time
                                        RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING) AS prev
      FROM fee f JOIN min_interval_items i ON i.code = f.hilist_code)
WHERE day - prev < min_days;

-- rule P04 门诊超量开药
INSERT INTO findings
SELECT 'P04', feedetl_sn, round(div6(amt * (days - lim), days), 2)
FROM (SELECT f.feedetl_sn, f.det_item_fee_sumamt AS amt, f.prd_days AS days, l.lim
      FROM fee f JOIN visit v ON v.mdtrt_id = f.mdtrt_id
      JOIN (VALUES ('11', 7), ('13', 3), ('14', 30)) l(med_type, lim) ON l.med_type = v.med_type
      WHERE (f.hilist_code LIKE 'X%' OR f.hilist_code LIKE 'Z%') AND f.prd_days IS NOT NULL)
WHERE days > lim;

-- rule P06 疑似分解住院
INSERT INTO findings
WITH stay AS (
  SELECT mdtrt_id, psn_no, begntime, endtime, upper(trim(dscg_maindiag_code)) AS diag,
         substr(upper(trim(dscg_maindiag_code)), 1, 3) AS cat
  FROM visit WHERE med_type = '21'),
fund AS (SELECT mdtrt_id, sum(fund_pay_sumamt) AS fund FROM setl GROUP BY mdtrt_id)
SELECT 'P06', v.mdtrt_id, coalesce(fu.fund, 0)
FROM stay v LEFT JOIN fund fu ON fu.mdtrt_id = v.mdtrt_id
WHERE v.diag NOT IN ('Z51.0', 'Z51.1', 'Z51.2', 'Z51.8')
  AND EXISTS (SELECT 1 FROM stay o
              WHERE o.psn_no = v.psn_no AND o.cat = v.cat AND o.mdtrt_id <> v.mdtrt_id
                AND o.endtime <= v.begntime AND v.begntime - o.endtime <= 15);

-- rule P10 同一药品月购药次数超限
INSERT INTO findings
SELECT 'P10', f.psn_no || '|' || f.hilist_code || '|' || strftime(date_trunc('month', f.fee_ocur_time), '%Y-%m-%d'),
       sum(f.det_item_fee_sumamt)
FROM fee f JOIN visit v ON v.mdtrt_id = f.mdtrt_id
WHERE v.med_type = '41' AND (f.hilist_code LIKE 'X%' OR f.hilist_code LIKE 'Z%')
GROUP BY f.psn_no, f.hilist_code, date_trunc('month', f.fee_ocur_time)
HAVING count(DISTINCT f.mdtrt_id) > 4;

-- rule I02 次均费用高于同级机构: each level's median computed once
INSERT INTO findings
WITH s AS (SELECT fixmedins_code, count(*) AS n, sum(medfee_sumamt) AS total FROM setl GROUP BY fixmedins_code),
v AS (SELECT fixmedins_code, count(*) AS visits FROM visit GROUP BY fixmedins_code),
h AS (SELECT i.fixmedins_code, i.hosp_lv, s.n, div6(s.total, s.n) AS avg_total
      FROM inst i JOIN s USING (fixmedins_code) JOIN v USING (fixmedins_code)
      WHERE i.fixmedins_type = '1' AND v.visits >= 30),
peer AS (SELECT hosp_lv, median6(list(avg_total)) AS median FROM h GROUP BY hosp_lv)
SELECT 'I02', h.fixmedins_code, round((h.avg_total - peer.median) * h.n, 2)
FROM h JOIN peer USING (hosp_lv)
WHERE h.avg_total > round(1.5 * peer.median, 6);

-- rule I03 医师日接诊量异常
INSERT INTO findings
WITH fund AS (SELECT mdtrt_id, sum(fund_pay_sumamt) AS fund FROM setl GROUP BY mdtrt_id)
SELECT 'I03', v.atddr_no || '|' || strftime(v.begntime, '%Y-%m-%d'), sum(coalesce(f.fund, 0))
FROM visit v LEFT JOIN fund f ON f.mdtrt_id = v.mdtrt_id
WHERE v.med_type <> '21' AND v.atddr_no IS NOT NULL
GROUP BY v.atddr_no, v.begntime
HAVING count(*) > 80;
