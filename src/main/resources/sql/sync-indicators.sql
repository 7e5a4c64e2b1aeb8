-- Incremental sync: the performance indicators of the budget year with their project's agency
-- (bgt_perf_indicator has no update_time, nor an agency of its own).
SELECT p.agency_code, i.pro_code, i.seq, i.name, i.weight, i.unit, i.nature, i.target
FROM bgt_perf_indicator i
JOIN bgt_project p ON p.fiscal_year = i.fiscal_year AND p.pro_code = i.pro_code
WHERE i.fiscal_year = :#year
