-- The finance database's own clock: the sync's watermark never runs ahead of it (see sync-appropriations.sql).
SELECT LOCALTIMESTAMP AS finance_clock
