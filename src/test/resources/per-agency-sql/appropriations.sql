-- The agencies' appropriations of both years with every ledger entry, soft-deleted and ADJUST included:
-- the model decides what counts, and validation can point at any row. bgt_rows counts the rows that
-- share the bgt_id, so a duplicated id is told apart from a duplicated ledger entry.
SELECT a.bgt_id, a.fiscal_year, a.agency_code, a.exp_func_code, a.dep_bgt_eco_code, a.fund_type_code,
       a.exp_kind, a.source, a.pro_code, a.is_deleted,
       (SELECT COUNT(*) FROM bgt_appropriation d WHERE d.bgt_id = a.bgt_id) AS bgt_rows,
       l.entry_id, l.stage, l.amount
FROM bgt_appropriation a
LEFT JOIN bgt_ledger l ON l.bgt_id = a.bgt_id
WHERE a.agency_code IN (:#in:agencies) AND a.fiscal_year IN (:#year, :#previousYear)
ORDER BY a.agency_code, a.fiscal_year, a.bgt_id, l.entry_id
