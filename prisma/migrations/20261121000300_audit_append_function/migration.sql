-- Appends one audit event: takes the chain's lock, numbers and stamps the event, hashes the
-- canonical text the application prepared around the two values only the database knows here
-- (createdAt, seq), and moves the chain head, all in the caller's transaction. A function rather
-- than a long statement so its plan is made once per connection, not once per event.
CREATE FUNCTION fleetgate_audit_append(
  p_chain text, p_tenant_id text, p_actor_type text, p_actor_id text, p_actor_label text, p_action text,
  p_resource_type text, p_resource_id text, p_decision text, p_request_id text, p_source_ip text,
  p_payload jsonb, p_before jsonb, p_after jsonb,
  p_text_before_created_at text, p_text_before_seq text, p_text_rest text, p_genesis text
) RETURNS TABLE (seq bigint, "prevHash" text, "createdAt" timestamptz, hash text)
LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_at timestamptz(3);
  v_hash text;
BEGIN
  SELECT h.seq + 1, CASE WHEN h.seq = 0 THEN p_genesis ELSE h.hash END INTO v_seq, v_prev
    FROM "AuditChainHead" h WHERE h.chain = p_chain FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO "AuditChainHead" (chain, seq, hash) VALUES (p_chain, 0, p_genesis) ON CONFLICT (chain) DO NOTHING;
    SELECT h.seq + 1, CASE WHEN h.seq = 0 THEN p_genesis ELSE h.hash END INTO v_seq, v_prev
      FROM "AuditChainHead" h WHERE h.chain = p_chain FOR UPDATE;
  END IF;
  v_at := clock_timestamp();
  -- createdAt appears in the hashed text as Date.prototype.toISOString writes it.
  v_hash := encode(sha256(convert_to(
    p_text_before_created_at || '"' || to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
    || p_text_before_seq || v_seq::text || p_text_rest || v_prev, 'UTF8')), 'hex');
  INSERT INTO "AuditEvent" (chain, seq, "tenantId", "createdAt", "actorType", "actorId", "actorLabel", action,
    "resourceType", "resourceId", decision, "requestId", "sourceIp", payload, before, after, "prevHash", hash)
  VALUES (p_chain, v_seq, p_tenant_id, v_at, p_actor_type, p_actor_id, p_actor_label, p_action, p_resource_type,
    p_resource_id, p_decision, p_request_id, p_source_ip, p_payload, p_before, p_after, v_prev, v_hash);
  UPDATE "AuditChainHead" SET seq = v_seq, hash = v_hash WHERE chain = p_chain;
  RETURN QUERY SELECT v_seq, v_prev, v_at::timestamptz, v_hash;
END;
$$;

-- The chain head only ever moves forward through the function above: the application's role has
-- no reason to delete or truncate it.
REVOKE DELETE, TRUNCATE ON "AuditChainHead" FROM fleetgate_app;

-- The application logs in as this role itself (server/db/client.ts), so a connection of the
-- application never holds a superuser's rights it could switch back to. In production give it a
-- password (ALTER ROLE fleetgate_app PASSWORD '...') and put it in DATABASE_APP_URL.
ALTER ROLE fleetgate_app WITH LOGIN;
