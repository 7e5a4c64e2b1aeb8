-- Incremental sync: the vehicle rows of the budget year, every column (ast_vehicle has no update_time).
SELECT agency_code, general_held, enforcement_held, general_planned, enforcement_planned
FROM ast_vehicle
WHERE fiscal_year = :#year
