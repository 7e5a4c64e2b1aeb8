-- One agency, when a run is scoped to it.
SELECT TRIM(agency_code) AS agency_code, COUNT(*) AS row_count,
       MAX(CASE WHEN agency_code <> TRIM(agency_code) THEN 1 ELSE 0 END) AS padded
FROM bas_agency WHERE fiscal_year = :#year AND TRIM(agency_code) = :#agency
GROUP BY TRIM(agency_code)
