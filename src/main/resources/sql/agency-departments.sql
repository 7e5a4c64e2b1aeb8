-- Every agency of the budget year with its department (parent_agency_code, CONTRACT.md §6): what a run
-- covers, how many, and which departments it builds.
SELECT TRIM(agency_code) AS agency_code, MAX(TRIM(parent_agency_code)) AS department
FROM bas_agency
WHERE fiscal_year = :#year
GROUP BY TRIM(agency_code)
