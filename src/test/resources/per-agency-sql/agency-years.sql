-- The agencies (one unit, or a department's units) as listed in the budget year and the previous year.
SELECT fiscal_year, agency_code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope, supervisor_name
FROM bas_agency
WHERE TRIM(agency_code) IN (:#in:agencies) AND fiscal_year IN (:#year, :#previousYear)
ORDER BY fiscal_year, agency_code
