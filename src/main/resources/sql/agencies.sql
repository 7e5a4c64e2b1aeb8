-- Every agency of the budget year, streamed one row at a time into the per-agency pipeline. Codes
-- are taken without surrounding white space; row_count > 1 or padded = 1 flags a bas_agency that
-- lists one agency twice or with a padded code, which the run reports (and processes once).
SELECT TRIM(agency_code) AS agency_code, COUNT(*) AS row_count,
       MAX(CASE WHEN agency_code <> TRIM(agency_code) THEN 1 ELSE 0 END) AS padded
FROM bas_agency WHERE fiscal_year = :#year
GROUP BY TRIM(agency_code)
ORDER BY TRIM(agency_code)
