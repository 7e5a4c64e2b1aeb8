-- The agency's projects of the budget year that its appropriations name. Looked up by the primary
-- key (fiscal_year, pro_code): bgt_project has no index on agency_code.
SELECT pro_code, pro_name, pro_summary, pro_basis, perf_goal
FROM bgt_project
WHERE fiscal_year = :#year AND pro_code IN (:#in:projectCodes) AND agency_code = :#agency
ORDER BY pro_code
