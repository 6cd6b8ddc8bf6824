-- The subset (bench/subset.txt) as an analyst writes it: the knowledge
-- tables' codes spelled out in IN lists and CASE expressions (the values of
-- stdlib/tables today), correlated subqueries, joins straight to the
-- settlements. Each section adds one rule's findings to `findings`.

-- rule L01 限性别项目
INSERT INTO findings
SELECT 'L01', f.feedetl_sn, f.det_item_fee_sumamt
FROM fee f JOIN person p ON p.psn_no = f.psn_no
WHERE f.hilist_code IN ('003105010010000', '003105020010000', 'XG03CAA001A001010108901',
                        '002503020140000', '003107010020000', 'XG04CAA001A001010109012')
  AND p.gend <> CASE WHEN f.hilist_code IN ('002503020140000', '003107010020000', 'XG04CAA001A001010109012')
                     THEN '1' ELSE '2' END;

-- rule L06 限医院级别
INSERT INTO findings
SELECT 'L06', f.feedetl_sn, f.det_item_fee_sumamt
FROM fee f JOIN visit v ON v.mdtrt_id = f.mdtrt_id JOIN inst i ON i.fixmedins_code = v.fixmedins_code
WHERE f.hilist_code IN ('002101000010000', '002103000010000', '003302000010000', 'XL01XCA001B001010106789')
  AND i.hosp_lv < CASE f.hilist_code WHEN '002103000010000' THEN 3 WHEN 'XL01XCA001B001010106789' THEN 3 ELSE 2 END;

-- rule L08 超限价收费
INSERT INTO findings
SELECT 'L08', feedetl_sn, round(round((pric - cap) * cnt, 6), 2)
FROM (SELECT feedetl_sn, pric, cnt,
             CASE hilist_code WHEN '001102000010000' THEN 10.00 WHEN '001102000050000' THEN 25.00
                              WHEN '001103000010000' THEN 50.00 WHEN '001104000020000' THEN 30.00
                              WHEN 'C03050204901001009210000123' THEN 380.00 ELSE pric_uplmt_amt END AS cap
      FROM fee)
WHERE cap IS NOT NULL AND pric > cap;

-- rule L10 明细金额与数量单价不符
INSERT INTO findings
SELECT 'L10', feedetl_sn, round(det_item_fee_sumamt - round(cnt * pric, 6), 2)
FROM fee WHERE det_item_fee_sumamt > round(cnt * pric, 6) + 0.01;

-- rule V02 分解收费（检验套餐拆分）
INSERT INTO findings
SELECT 'V02', mdtrt_id || '|' || panel, total - CASE panel WHEN '002503990010000' THEN 30.00 ELSE 18.00 END
FROM (SELECT mdtrt_id,
             CASE WHEN hilist_code IN ('002503040010000', '002503040020000', '002503040030000', '002503040040000')
                  THEN '002503990020000' ELSE '002503990010000' END AS panel,
             count(DISTINCT hilist_code) AS items, sum(det_item_fee_sumamt) AS total
      FROM fee
      WHERE hilist_code IN ('002503050010000', '002503050020000', '002503010010000', '002503010020000',
                            '002503020010000', '002503020020000', '002503050080000', '002503050090000',
                            '002503040010000', '002503040020000', '002503040030000', '002503040040000')
      GROUP BY 1, 2)
WHERE items >= CASE panel WHEN '002503990010000' THEN 6 ELSE 3 END
  AND total > CASE panel WHEN '002503990010000' THEN 30.00 ELSE 18.00 END;

-- rule V06 按日收费项目超住院天数: the first line's price by a correlated subquery
INSERT INTO findings
SELECT 'V06', g.mdtrt_id || '|' || g.hilist_code,
       round(round((g.qty - g.ipt_days - 1)
                   * (SELECT f2.pric FROM fee f2 WHERE f2.rowid = g.first_row), 6), 2)
FROM (SELECT f.mdtrt_id, f.hilist_code, v.ipt_days, sum(f.cnt) AS qty, min(f.rowid) AS first_row
      FROM fee f JOIN visit v ON v.mdtrt_id = f.mdtrt_id
      WHERE v.med_type = '21'
        AND f.hilist_code IN ('001102000010000', '001102000050000', '001103000010000', '001103000020000',
                              '001104000010000', '001104000020000', '001104000030000')
      GROUP BY f.mdtrt_id, f.hilist_code, v.ipt_days) g
WHERE g.qty > g.ipt_days + 1;

-- rule P03 检验间隔过短: an earlier test of the same person within the interval
INSERT INTO findings
SELECT 'P03', f.feedetl_sn, f.det_item_fee_sumamt
FROM fee f
WHERE f.hilist_code IN ('250303011000000', '250303010000000', '250403034000000', '220600004000000')
  AND EXISTS (SELECT 1 FROM fee o
              WHERE o.psn_no = f.psn_no AND o.hilist_code = f.hilist_code AND o.fee_ocur_time < f.fee_ocur_time
                AND f.fee_ocur_time - o.fee_ocur_time
                    < CASE f.hilist_code WHEN '250303011000000' THEN 15 WHEN '250303010000000' THEN 7
                                         WHEN '250403034000000' THEN 90 ELSE 180 END);

-- rule P04 门诊超量开药
INSERT INTO findings
SELECT 'P04', feedetl_sn, round(div6(amt * (days - lim), days), 2)
FROM (SELECT f.feedetl_sn, f.det_item_fee_sumamt AS amt, f.prd_days AS days,
             CASE v.med_type WHEN '13' THEN 3 WHEN '14' THEN 30 ELSE 7 END AS lim
      FROM fee f JOIN visit v ON v.mdtrt_id = f.mdtrt_id
      WHERE v.med_type IN ('11', '13', '14') AND substr(f.hilist_code, 1, 1) IN ('X', 'Z')
        AND f.prd_days IS NOT NULL)
WHERE days > lim;

-- rule P06 疑似分解住院
INSERT INTO findings
SELECT DISTINCT 'P06', v.mdtrt_id,
       (SELECT coalesce(sum(s.fund_pay_sumamt), 0) FROM setl s WHERE s.mdtrt_id = v.mdtrt_id)
FROM visit v JOIN visit o ON o.psn_no = v.psn_no
WHERE v.med_type = '21' AND o.med_type = '21' AND o.mdtrt_id <> v.mdtrt_id
  AND upper(trim(v.dscg_maindiag_code)) NOT IN ('Z51.0', 'Z51.1', 'Z51.2', 'Z51.8')
  AND o.endtime <= v.begntime AND v.begntime - o.endtime <= 15
  AND substr(upper(trim(o.dscg_maindiag_code)), 1, 3) = substr(upper(trim(v.dscg_maindiag_code)), 1, 3);

-- rule P10 同一药品月购药次数超限
INSERT INTO findings
SELECT 'P10', f.psn_no || '|' || f.hilist_code || '|' || strftime(f.fee_ocur_time, '%Y-%m') || '-01',
       sum(f.det_item_fee_sumamt)
FROM fee f JOIN visit v ON v.mdtrt_id = f.mdtrt_id
WHERE v.med_type = '41' AND substr(f.hilist_code, 1, 1) IN ('X', 'Z')
GROUP BY f.psn_no, f.hilist_code, strftime(f.fee_ocur_time, '%Y-%m')
HAVING count(DISTINCT f.mdtrt_id) > 4;

-- rule I02 次均费用高于同级机构: the peers' median in a correlated subquery
INSERT INTO findings
WITH h AS (
  SELECT i.fixmedins_code, i.hosp_lv, count(*) AS n, div6(sum(s.medfee_sumamt), count(*)) AS avg_total
  FROM inst i JOIN setl s ON s.fixmedins_code = i.fixmedins_code
  WHERE i.fixmedins_type = '1'
    AND (SELECT count(*) FROM visit v WHERE v.fixmedins_code = i.fixmedins_code) >= 30
  GROUP BY i.fixmedins_code, i.hosp_lv)
SELECT 'I02', fixmedins_code, round((avg_total - median) * n, 2)
FROM (SELECT h.*, (SELECT median6(list(p.avg_total)) FROM h p WHERE p.hosp_lv = h.hosp_lv) AS median FROM h)
WHERE avg_total > round(1.5 * median, 6);

-- rule I03 医师日接诊量异常
INSERT INTO findings
SELECT 'I03', v.atddr_no || '|' || strftime(v.begntime, '%Y-%m-%d'), coalesce(sum(s.fund_pay_sumamt), 0)
FROM visit v LEFT JOIN setl s ON s.mdtrt_id = v.mdtrt_id
WHERE v.med_type <> '21' AND v.atddr_no IS NOT NULL
GROUP BY v.atddr_no, v.begntime
HAVING count(DISTINCT v.mdtrt_id) > 80;
