-- Performance indicators of the agency's projects of the budget year.
SELECT i.pro_code, i.seq, i.name, i.weight, i.unit, i.nature, i.target
FROM bgt_perf_indicator i
JOIN bgt_project p ON p.fiscal_year = i.fiscal_year AND p.pro_code = i.pro_code
WHERE p.agency_code = :#agency AND i.fiscal_year = :#year
ORDER BY i.pro_code, i.seq
