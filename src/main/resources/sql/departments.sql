-- The departments (部门) of the budget year: every parent_agency_code of its agencies (CONTRACT.md §6).
SELECT DISTINCT TRIM(parent_agency_code) AS agency_code
FROM bas_agency
WHERE fiscal_year = :#year AND parent_agency_code IS NOT NULL AND TRIM(parent_agency_code) <> ''
ORDER BY TRIM(parent_agency_code)
