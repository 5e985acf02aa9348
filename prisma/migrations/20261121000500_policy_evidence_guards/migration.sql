-- Policy history and decision records are evidence. The application role creates them and moves
-- a version's or an activation request's state forward; it never deletes them, never rewrites a
-- document (its scope, name, level and target are fixed at creation) and never rewrites a record.
REVOKE DELETE ON "PolicyVersion", "PolicyPublishRequest", "DecisionRecord", "PolicyDocument" FROM fleetgate_app;

-- UPDATE stays granted on PolicyDocument only because SELECT ... FOR UPDATE (which serialises changes
-- to a document's versions) needs it; the trigger refuses every actual update.
CREATE FUNCTION fleetgate_policy_document_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PolicyDocument % is fixed at creation: save a new version instead', OLD."id"
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "PolicyDocument_fixed"
  BEFORE UPDATE ON "PolicyDocument"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_policy_document_guard();

-- A version's state time moves only with its state.
CREATE OR REPLACE FUNCTION fleetgate_policy_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."documentId" IS DISTINCT FROM OLD."documentId" OR NEW."scopeKey" IS DISTINCT FROM OLD."scopeKey"
     OR NEW."number" IS DISTINCT FROM OLD."number" OR NEW."content" IS DISTINCT FROM OLD."content"
     OR NEW."tests" IS DISTINCT FROM OLD."tests" OR NEW."contentHash" IS DISTINCT FROM OLD."contentHash"
     OR NEW."message" IS DISTINCT FROM OLD."message" OR NEW."authorId" IS DISTINCT FROM OLD."authorId"
     OR NEW."authorLabel" IS DISTINCT FROM OLD."authorLabel" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
     OR (NEW."stateAt" IS DISTINCT FROM OLD."stateAt" AND NEW."state" = OLD."state") THEN
    RAISE EXCEPTION 'PolicyVersion % is immutable: only its state may change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF array_position(ARRAY['draft','shadow','active','retired'], NEW."state"::text)
     < array_position(ARRAY['draft','shadow','active','retired'], OLD."state"::text) THEN
    RAISE EXCEPTION 'PolicyVersion % cannot go from % back to %', OLD."id", OLD."state", NEW."state"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

-- An activation request is decided once: pending -> approved | rejected | cancelled, and the
-- decision (who, when, why) is written in that same step. What was requested never changes.
CREATE FUNCTION fleetgate_publish_request_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."versionId" IS DISTINCT FROM OLD."versionId" OR NEW."scopeKey" IS DISTINCT FROM OLD."scopeKey"
     OR NEW."requestedById" IS DISTINCT FROM OLD."requestedById" OR NEW."requestedByLabel" IS DISTINCT FROM OLD."requestedByLabel"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'PolicyPublishRequest %: what was requested cannot change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."state" <> 'pending' OR NEW."state" = 'pending' THEN
    RAISE EXCEPTION 'PolicyPublishRequest % is % and cannot change', OLD."id", OLD."state"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "PolicyPublishRequest_decided_once"
  BEFORE UPDATE ON "PolicyPublishRequest"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_publish_request_guard();
