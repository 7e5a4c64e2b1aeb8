-- The agency as listed in the budget year and in the previous year.
SELECT fiscal_year, agency_code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope, supervisor_name
FROM bas_agency
WHERE TRIM(agency_code) = :#agency AND fiscal_year IN (:#year, :#previousYear)
ORDER BY fiscal_year, agency_code
