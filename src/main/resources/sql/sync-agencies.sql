-- Incremental sync: bas_agency of both years, every column (bas_agency has no update_time): the
-- agencies' fingerprints, the units of the year and their departments.
SELECT fiscal_year, agency_code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope, supervisor_name
FROM bas_agency
WHERE fiscal_year IN (:#year, :#previousYear)
