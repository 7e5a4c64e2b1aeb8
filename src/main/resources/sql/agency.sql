-- One agency, when a run is scoped to it.
SELECT agency_code FROM bas_agency WHERE fiscal_year = :#year AND agency_code = :#agency
