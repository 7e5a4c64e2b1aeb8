-- Incremental sync: the procurement rows of the budget year, every column, for the agencies' fingerprints.
SELECT agency_code, item_code, item_name, category, fund_type_code, amount, update_time
FROM bgt_procurement
WHERE fiscal_year = :#year
