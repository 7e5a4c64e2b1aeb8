-- The units of the batch's departments (部门): the agencies of the budget year whose parent_agency_code
-- is one of them (:#departments, one bound array), by department and code.
SELECT TRIM(parent_agency_code) AS department, TRIM(agency_code) AS agency_code
FROM bas_agency
WHERE fiscal_year = :#year AND TRIM(parent_agency_code) = ANY(:#departments)
ORDER BY TRIM(parent_agency_code), TRIM(agency_code)
