-- Audit events are evidence: once written they never change. The trigger stops UPDATE, DELETE and
-- TRUNCATE for every role, including the table's owner; the application's role additionally has no
-- privilege to do them or to disable the trigger (only the owner can).
CREATE FUNCTION fleetgate_audit_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only_rows"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_audit_reject_change();

CREATE TRIGGER "AuditEvent_append_only_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION fleetgate_audit_reject_change();

-- The role the application runs as (server/db/client.ts switches to it on every connection).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleetgate_app') THEN
    CREATE ROLE fleetgate_app NOLOGIN;
  END IF;
END;
$$;
GRANT fleetgate_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO fleetgate_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fleetgate_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO fleetgate_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM fleetgate_app;
REVOKE ALL ON "_prisma_migrations" FROM fleetgate_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fleetgate_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO fleetgate_app;
