-- How many agencies a run covers, for progress reporting.
SELECT COUNT(*) AS agency_count FROM bas_agency WHERE fiscal_year = :#year
