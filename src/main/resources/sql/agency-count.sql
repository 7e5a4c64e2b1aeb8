-- How many agencies a run covers, for progress reporting (a padded or repeated code counts once).
SELECT COUNT(DISTINCT TRIM(agency_code)) AS agency_count FROM bas_agency WHERE fiscal_year = :#year
