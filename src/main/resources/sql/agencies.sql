-- Every agency of the budget year, streamed one row at a time into the per-agency pipeline.
SELECT agency_code FROM bas_agency WHERE fiscal_year = :#year ORDER BY agency_code
