-- Incremental sync: 资金性质 (ele_fund_type has no year and no update_time): part of the elements' fingerprint.
SELECT code, name FROM ele_fund_type
