-- Performance indicators of the projects the batch's appropriations name, by the primary key
-- (fiscal_year, pro_code, seq). They name their project, not an agency: each agency keeps those of
-- its own projects (IngestBatch, ExtractBuilder).
SELECT pro_code, seq, name, weight, unit, nature, target
FROM bgt_perf_indicator
WHERE fiscal_year = :#year
  AND pro_code IN (SELECT TRIM(a.pro_code) FROM bgt_appropriation a
                   WHERE a.agency_code = ANY(:#codes) AND a.fiscal_year = :#year AND a.pro_code IS NOT NULL)
ORDER BY pro_code, seq
