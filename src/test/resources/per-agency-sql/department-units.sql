-- The units of a department (部门): the agencies of the budget year whose parent_agency_code is it.
SELECT TRIM(agency_code) AS agency_code
FROM bas_agency
WHERE fiscal_year = :#year AND TRIM(parent_agency_code) = :#agency
ORDER BY TRIM(agency_code)
