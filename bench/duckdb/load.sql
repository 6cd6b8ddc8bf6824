-- The credit files and knowledge tables the subset reads, loaded into tables
-- with the types the standard schema gives them ({data} and {tables} are the
-- folders). Codes stay text (leading zeros), money is DECIMAL(18,2), quantities
-- DECIMAL(18,6); an empty cell is NULL.
CREATE TABLE inst AS SELECT * FROM read_csv('{data}/FIXMEDINS_B.csv', header = true, columns = {
  'fixmedins_code': 'VARCHAR', 'fixmedins_name': 'VARCHAR', 'fixmedins_type': 'VARCHAR', 'hosp_lv': 'INTEGER',
  'admdvs': 'VARCHAR'});
CREATE TABLE person AS SELECT * FROM read_csv('{data}/PSN_INFO_B.csv', header = true, columns = {
  'psn_no': 'VARCHAR', 'certno': 'VARCHAR', 'psn_name': 'VARCHAR', 'gend': 'VARCHAR', 'brdy': 'DATE', 'tel': 'VARCHAR',
  'insu_admdvs': 'VARCHAR', 'insutype': 'VARCHAR', 'dead_date': 'DATE'});
CREATE TABLE visit AS SELECT * FROM read_csv('{data}/MDTRT_D.csv', header = true, columns = {
  'mdtrt_id': 'VARCHAR', 'psn_no': 'VARCHAR', 'certno': 'VARCHAR', 'gend': 'VARCHAR', 'age': 'INTEGER',
  'insutype': 'VARCHAR', 'fixmedins_code': 'VARCHAR', 'hosp_lv': 'INTEGER', 'begntime': 'DATE', 'endtime': 'DATE',
  'med_type': 'VARCHAR', 'dscg_maindiag_code': 'VARCHAR', 'ipt_days': 'INTEGER', 'atddr_no': 'VARCHAR'});
CREATE TABLE setl AS SELECT * FROM read_csv('{data}/SETL_D.csv', header = true, columns = {
  'setl_id': 'VARCHAR', 'mdtrt_id': 'VARCHAR', 'psn_no': 'VARCHAR', 'fixmedins_code': 'VARCHAR', 'setl_time': 'DATE',
  'med_type': 'VARCHAR', 'medfee_sumamt': 'DECIMAL(18,2)', 'fulamt_ownpay_amt': 'DECIMAL(18,2)',
  'inscp_amt': 'DECIMAL(18,2)', 'fund_pay_sumamt': 'DECIMAL(18,2)', 'acct_pay': 'DECIMAL(18,2)',
  'cash_payamt': 'DECIMAL(18,2)'});
CREATE TABLE fee AS SELECT * FROM read_csv('{data}/FEE_LIST_D.csv', header = true, columns = {
  'feedetl_sn': 'VARCHAR', 'setl_id': 'VARCHAR', 'mdtrt_id': 'VARCHAR', 'psn_no': 'VARCHAR', 'fee_ocur_time': 'DATE',
  'cnt': 'DECIMAL(18,6)', 'pric': 'DECIMAL(18,2)', 'det_item_fee_sumamt': 'DECIMAL(18,2)',
  'pric_uplmt_amt': 'DECIMAL(18,2)', 'chrgitm_lv': 'VARCHAR', 'hilist_code': 'VARCHAR', 'hilist_name': 'VARCHAR',
  'med_chrgitm_type': 'VARCHAR', 'bilg_dr_codg': 'VARCHAR', 'prd_days': 'INTEGER', 'dise_codg': 'VARCHAR'});
CREATE TABLE gender_items AS SELECT code, value FROM read_csv('{tables}/gender_items.csv', header = true, all_varchar = true);
CREATE TABLE min_level_items AS SELECT code, value::INTEGER AS value FROM read_csv('{tables}/min_level_items.csv', header = true, all_varchar = true);
CREATE TABLE price_caps AS SELECT code, value::DECIMAL(18,2) AS value FROM read_csv('{tables}/price_caps.csv', header = true, all_varchar = true);
CREATE TABLE panel_of AS SELECT code, value FROM read_csv('{tables}/panel_of.csv', header = true, all_varchar = true);
CREATE TABLE panel_size AS SELECT code, value::INTEGER AS value FROM read_csv('{tables}/panel_size.csv', header = true, all_varchar = true);
CREATE TABLE panel_price AS SELECT code, value::DECIMAL(18,2) AS value FROM read_csv('{tables}/panel_price.csv', header = true, all_varchar = true);
CREATE TABLE once_daily_items AS SELECT code FROM read_csv('{tables}/once_daily_items.csv', header = true, all_varchar = true);
CREATE TABLE min_interval_items AS SELECT code, value::INTEGER AS value FROM read_csv('{tables}/min_interval_items.csv', header = true, all_varchar = true);
