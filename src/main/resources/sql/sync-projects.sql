-- Incremental sync: the projects of the budget year, every column (bgt_project has no update_time).
SELECT agency_code, pro_code, pro_name, pro_summary, pro_basis, perf_goal
FROM bgt_project
WHERE fiscal_year = :#year
