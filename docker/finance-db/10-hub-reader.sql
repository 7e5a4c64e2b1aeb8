-- The hub's account on the finance database: it reads the finance tables and changes nothing.
-- Run by the finance-db container's first start after the demo data (docker-entrypoint-initdb.d),
-- as the database's owner; 11-hub-reader-password.sh then sets the password from the environment.
CREATE ROLE hub_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;

-- Nobody but the owner creates in the schema (PostgreSQL before 15 lets everybody).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO hub_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO hub_reader;
-- Tables the owner adds later are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO hub_reader;

-- A second line: its sessions start read-only (the hub's pool asks for read-only connections as well).
ALTER ROLE hub_reader SET default_transaction_read_only = on;
