-- The batch's agencies (units, or departments' units) as listed in the budget year and the previous
-- year; codes are matched without surrounding white space. :#codes is one bound array of codes.
SELECT fiscal_year, agency_code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope, supervisor_name
FROM bas_agency
WHERE TRIM(agency_code) = ANY(:#codes) AND fiscal_year IN (:#year, :#previousYear)
ORDER BY fiscal_year, agency_code
