-- Performance indicators of those projects, by the primary key (fiscal_year, pro_code, seq).
SELECT pro_code, seq, name, weight, unit, nature, target
FROM bgt_perf_indicator
WHERE fiscal_year = :#year AND pro_code IN (:#in:projectCodes)
ORDER BY pro_code, seq
