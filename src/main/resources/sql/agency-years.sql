-- The batch's agencies (units, or departments' units) as listed in the budget year and the previous
-- year; codes are matched without surrounding white space. :#codes is one bound array of codes.
-- Two parts so that the usual, unpadded code is found through the primary key; only the few codes
-- stored with white space are looked for by TRIM (a scan, but of the padded rows' test only).
SELECT fiscal_year, agency_code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope, supervisor_name
FROM bas_agency
WHERE fiscal_year IN (:#year, :#previousYear) AND agency_code = ANY(:#codes)
UNION ALL
SELECT fiscal_year, agency_code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope, supervisor_name
FROM bas_agency
WHERE fiscal_year IN (:#year, :#previousYear) AND agency_code <> TRIM(agency_code) AND TRIM(agency_code) = ANY(:#codes)
ORDER BY fiscal_year, agency_code
