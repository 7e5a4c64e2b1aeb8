-- Vehicles held at the end of the previous year and planned purchases of the budget year.
SELECT agency_code, general_held, enforcement_held, general_planned, enforcement_planned
FROM ast_vehicle
WHERE agency_code IN (:#in:agencies) AND fiscal_year = :#year
ORDER BY agency_code
