-- Incremental sync: per agency (code as stored, as appropriations.sql matches it), what its
-- appropriations of both years and their ledger entries add up to, and when they last changed.
-- One year-wide aggregate, never one query per agency. Counts and sums catch a hard delete or a row
-- that moves to another agency; update_time catches every other change, a soft delete included
-- (is_deleted flips and update_time moves).
SELECT a.agency_code, COUNT(*) AS appropriations,
       SUM(CASE WHEN a.is_deleted THEN 1 ELSE 0 END) AS deleted,
       MAX(a.update_time) AS appropriation_time,
       SUM(COALESCE(l.entries, 0)) AS entries,
       SUM(COALESCE(l.amount, 0)) AS amount,
       MAX(l.update_time) AS ledger_time
FROM bgt_appropriation a
LEFT JOIN (SELECT bgt_id, COUNT(*) AS entries, SUM(amount) AS amount, MAX(update_time) AS update_time
           FROM bgt_ledger
           WHERE bgt_id IN (SELECT bgt_id FROM bgt_appropriation WHERE fiscal_year IN (:#year, :#previousYear))
           GROUP BY bgt_id) l ON l.bgt_id = a.bgt_id
WHERE a.fiscal_year IN (:#year, :#previousYear)
GROUP BY a.agency_code
