-- The agencies' projects of the budget year that their appropriations name, looked up by the primary
-- key (fiscal_year, pro_code): bgt_project has no index on agency_code.
SELECT agency_code, pro_code, pro_name, pro_summary, pro_basis, perf_goal
FROM bgt_project
WHERE fiscal_year = :#year AND agency_code IN (:#in:agencies)
  AND pro_code IN (SELECT TRIM(a.pro_code) FROM bgt_appropriation a
                   WHERE a.agency_code IN (:#in:agencies) AND a.fiscal_year = :#year AND a.pro_code IS NOT NULL)
ORDER BY pro_code
