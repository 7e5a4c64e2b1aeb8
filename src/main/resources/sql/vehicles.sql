-- Vehicles held at the end of the previous year and planned purchases of the budget year.
SELECT general_held, enforcement_held, general_planned, enforcement_planned
FROM ast_vehicle
WHERE agency_code = :#agency AND fiscal_year = :#year
