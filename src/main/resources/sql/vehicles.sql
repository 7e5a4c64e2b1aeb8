-- Vehicles held at the end of the previous year and planned purchases of the budget year, of the batch's agencies.
SELECT agency_code, general_held, enforcement_held, general_planned, enforcement_planned
FROM ast_vehicle
WHERE agency_code = ANY(:#codes) AND fiscal_year = :#year
ORDER BY agency_code
