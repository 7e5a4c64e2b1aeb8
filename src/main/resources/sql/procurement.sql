-- Government procurement budget of the batch's agencies, one row per item and fund.
SELECT agency_code, item_code, item_name, category, fund_type_code, amount
FROM bgt_procurement
WHERE agency_code = ANY(:#codes) AND fiscal_year = :#year
ORDER BY agency_code, item_code, fund_type_code
