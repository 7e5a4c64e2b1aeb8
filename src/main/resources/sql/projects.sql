-- The agency's projects of the budget year.
SELECT pro_code, pro_name, pro_summary, pro_basis, perf_goal
FROM bgt_project
WHERE agency_code = :#agency AND fiscal_year = :#year
ORDER BY pro_code
