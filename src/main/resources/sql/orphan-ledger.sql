-- Ledger entries whose appropriation does not exist: they belong to no agency.
SELECT l.entry_id, l.bgt_id, l.stage, l.amount
FROM bgt_ledger l
WHERE NOT EXISTS (SELECT 1 FROM bgt_appropriation a WHERE a.bgt_id = l.bgt_id)
ORDER BY l.entry_id
