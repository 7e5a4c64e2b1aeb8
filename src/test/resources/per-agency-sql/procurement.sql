-- Government procurement budget of the agencies, one row per item and fund.
SELECT agency_code, item_code, item_name, category, fund_type_code, amount
FROM bgt_procurement
WHERE agency_code IN (:#in:agencies) AND fiscal_year = :#year
ORDER BY agency_code, item_code, fund_type_code
