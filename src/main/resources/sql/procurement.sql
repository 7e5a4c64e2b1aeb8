-- Government procurement budget of the agency, one row per item and fund.
SELECT item_code, item_name, category, fund_type_code, amount
FROM bgt_procurement
WHERE agency_code = :#agency AND fiscal_year = :#year
ORDER BY item_code, fund_type_code
