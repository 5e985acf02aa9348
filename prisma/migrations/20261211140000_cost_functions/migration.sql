-- The cost engine's steps on a model call's path as functions (server/cost/): reserving, settling
-- and releasing are each one statement, so each is one round trip and one commit, with the rules
-- that keep budgets from overshooting in one place. Called as the application's role (security
-- invoker): they do what its grants allow, nothing more. Every lookup in them is by a key, so one
-- generic plan per statement and connection serves every call (force_generic_plan): left to
-- choose, PostgreSQL plans them anew at every call, which takes about as long as running them.

-- The period of a budget that a cost at `at` falls in: its key, start and end. Calendar periods
-- are UTC (a week starts on Monday); a campaign budget has one period, its life ('life'); a run
-- budget one per run, keyed by the run (none for work outside a run). current-period.ts computes
-- the same in TypeScript for the screens, held equal by budgets-admin.int.test.ts.
CREATE FUNCTION fleetgate_budget_period_key(p_period text, p_at timestamptz, p_run text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE p_period WHEN 'run' THEN p_run WHEN 'campaign' THEN 'life'
    ELSE to_char(date_trunc(CASE WHEN p_period IN ('day', 'week', 'month') THEN p_period ELSE 'day' END, p_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') END
$$;

CREATE FUNCTION fleetgate_budget_period_starts(p_period text, p_at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_period IN ('day', 'week', 'month')
    THEN date_trunc(CASE WHEN p_period IN ('day', 'week', 'month') THEN p_period ELSE 'day' END, p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    ELSE p_at END
$$;

CREATE FUNCTION fleetgate_budget_period_ends(p_period text, p_at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_period IN ('day', 'week', 'month')
    THEN (date_trunc(CASE WHEN p_period IN ('day', 'week', 'month') THEN p_period ELSE 'day' END, p_at AT TIME ZONE 'UTC') + ('1 ' || p_period)::interval) AT TIME ZONE 'UTC'
    END
$$;

-- What a cost is recorded against (cost-work.ts): a run's team is its repository's as it is now.
CREATE FUNCTION fleetgate_cost_work_of_run(p_run text)
RETURNS TABLE ("tenantId" text, "runId" text, "teamId" text, "repositoryId" text, "campaignId" text, "taskClass" text)
LANGUAGE sql STABLE AS $$
  SELECT r."tenantId", r.id, rp."teamId", r."repositoryId", r."campaignId", r."taskClass"
  FROM "Run" r LEFT JOIN "Repository" rp ON rp.id = r."repositoryId" WHERE r.id = p_run
$$;

-- The budgets covering a piece of work, each with the key of its period at `at`: the tenant's, the
-- team's, the campaign's and, for work of a run only, those counted per run (scope or period run).
CREATE FUNCTION fleetgate_covering_budgets(p_tenant text, p_run text, p_team text, p_campaign text, p_at timestamptz)
RETURNS TABLE ("budgetId" text, "periodKey" text)
LANGUAGE sql STABLE AS $$
  SELECT b.id, fleetgate_budget_period_key(b.period, p_at, p_run) FROM "Budget" b
  WHERE b."tenantId" = p_tenant AND b."archivedAt" IS NULL AND (
      b.scope = 'tenant'
      OR (b.scope = 'team' AND b."teamId" = p_team)
      OR (b.scope = 'campaign' AND b."campaignId" = p_campaign)
      OR (b.scope = 'run' AND p_run IS NOT NULL))
    AND (b.period <> 'run' OR p_run IS NOT NULL)
$$;

-- What one costed thing cost, rounded up, in micro-units: money.ts's modelCost (per million tokens;
-- cached tokens are part of the input and priced at their own rate, the input rate when the price
-- has none) and resourceCost (per unit of wall time), which stay the definition:
-- cost-of-sql.int.test.ts holds the two equal. numeric, so no product overflows.
CREATE FUNCTION fleetgate_cost_of(
  p_kind text, p_price_subject text, p_input_micros bigint, p_output_micros bigint, p_cached_micros bigint, p_unit_micros bigint,
  p_input_tokens int, p_output_tokens int, p_cached_tokens int, p_quantity_ms int
) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_cached numeric;
  v_sum numeric;
  v_unit numeric;
BEGIN
  IF p_kind = 'model' THEN
    v_cached := least(p_cached_tokens, p_input_tokens);
    v_sum := (p_input_tokens - v_cached) * coalesce(p_input_micros, 0)::numeric
      + v_cached * coalesce(p_cached_micros, p_input_micros, 0)::numeric
      + p_output_tokens * coalesce(p_output_micros, 0)::numeric;
    v_unit := 1000000;
  ELSE
    -- money.ts RESOURCES: the wall milliseconds of one priced unit.
    v_unit := CASE p_price_subject WHEN 'sandbox_second' THEN 1000 WHEN 'verifier_minute' THEN 60000 END;
    IF v_unit IS NULL THEN
      RAISE EXCEPTION 'a % cost needs a resource price, not "%"', p_kind, p_price_subject;
    END IF;
    v_sum := greatest(p_quantity_ms, 0) * coalesce(p_unit_micros, 0)::numeric;
  END IF;
  IF v_sum <= 0 THEN
    RETURN 0;
  END IF;
  RETURN div(v_sum + v_unit - 1, v_unit)::bigint;
END;
$$;

-- Writes one costed thing (record-cost.ts): the entry, with the price version it was costed with,
-- the run's running total (no row when the cost is not a run's) and the exact daily rollup, in
-- one statement. (PL/pgSQL, so its plan is kept; a SQL function's is made at every call.)
CREATE FUNCTION fleetgate_cost_record(
  p_tenant text, p_run text, p_team text, p_repository text, p_campaign text, p_task_class text,
  p_reservation text, p_kind text, p_subject text, p_price text, p_defaulted boolean, p_expired boolean,
  p_input_tokens int, p_output_tokens int, p_cached_tokens int, p_quantity_ms int, p_latency_ms int, p_cost bigint, p_at timestamptz
) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  WITH entry AS (
    INSERT INTO "CostEntry" (id, "tenantId", "runId", "reservationId", kind, subject, "priceId", defaulted, expired, "inputTokens", "outputTokens", "cachedTokens", quantity, "latencyMs", "costMicros", "teamId", "repositoryId", "campaignId", "taskClass", at)
    VALUES (gen_random_uuid()::text, p_tenant, p_run, p_reservation, p_kind, p_subject, p_price, p_defaulted, p_expired,
            p_input_tokens, p_output_tokens, p_cached_tokens, p_quantity_ms, p_latency_ms, p_cost, p_team, p_repository, p_campaign, p_task_class, p_at)
    RETURNING 1),
  run AS (
    UPDATE "Run" SET "costMicros" = "costMicros" + p_cost,
      "modelCalls" = "modelCalls" + CASE WHEN p_kind = 'model' AND NOT p_expired THEN 1 ELSE 0 END,
      "inputTokens" = "inputTokens" + p_input_tokens, "outputTokens" = "outputTokens" + p_output_tokens
    WHERE id = p_run
    RETURNING 1)
  INSERT INTO "CostDaily" ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, "costMicros", entries, "inputTokens", "outputTokens")
  VALUES (p_tenant, (p_at AT TIME ZONE 'UTC')::date, coalesce(p_team, ''), coalesce(p_campaign, ''), coalesce(p_repository, ''), coalesce(p_task_class, ''),
          p_kind, p_subject, p_cost, 1, p_input_tokens, p_output_tokens)
  ON CONFLICT ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject) DO UPDATE SET
    "costMicros" = "CostDaily"."costMicros" + EXCLUDED."costMicros", entries = "CostDaily".entries + 1,
    "inputTokens" = "CostDaily"."inputTokens" + EXCLUDED."inputTokens", "outputTokens" = "CostDaily"."outputTokens" + EXCLUDED."outputTokens";
END;
$$;

-- Holds a piece of work's worst-case cost against every budget covering it, atomically
-- (reserve-cost.ts). A run's team and campaign are looked up here, as they are now; a run that is
-- not the tenant's is an error, as if it were gone. Answers one row: the reservation's id, or
-- (reservationId null) the hard budget that refused, the tightest one, with its period as it stood.
CREATE FUNCTION fleetgate_cost_reserve(
  p_tenant text, p_run text, p_kind text, p_subject text, p_amount bigint, p_price text, p_defaulted boolean, p_at timestamptz, p_expires timestamptz
) RETURNS TABLE ("reservationId" text, "budgetId" text, name text, scope text, period text, "periodKey" text,
                 "limitMicros" bigint, "spentMicros" bigint, "reservedMicros" bigint, "onExhausted" text)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  v_team text;
  v_campaign text;
  v_over record;
  v_ids text[];
  v_id text;
BEGIN
  IF p_run IS NOT NULL THEN
    SELECT w."teamId", w."campaignId" INTO v_team, v_campaign FROM fleetgate_cost_work_of_run(p_run) w WHERE w."tenantId" = p_tenant;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'run % is gone', p_run;
    END IF;
  END IF;

  -- The tightest hard budget this amount would pass, as its period stands committed now (a period
  -- not opened yet has nothing in it), and how many of the periods are not open yet. Such a
  -- refusal is true of a committed state, so it needs no lock and writes nothing: work past an
  -- exhausted budget never queues on the period's row behind the work it fits.
  SELECT o.* INTO v_over FROM (
    SELECT b.id, b.name, b.scope, b.period, c."periodKey", b."limitMicros", coalesce(bp."spentMicros", 0) AS spent,
           coalesce(bp."reservedMicros", 0) AS reserved, b."onExhausted",
           b.mode = 'hard' AND coalesce(bp."spentMicros", 0) + coalesce(bp."reservedMicros", 0) + p_amount > b."limitMicros" AS over,
           count(*) FILTER (WHERE bp.id IS NULL) OVER () AS unopened
    FROM fleetgate_covering_budgets(p_tenant, p_run, v_team, v_campaign, p_at) c
    JOIN "Budget" b ON b.id = c."budgetId"
    LEFT JOIN "BudgetPeriod" bp ON bp."budgetId" = c."budgetId" AND bp."periodKey" = c."periodKey") o
  ORDER BY o.over DESC, o."limitMicros" - o.spent - o.reserved, o.id
  LIMIT 1;

  IF NOT coalesce(v_over.over, false) THEN
    -- A refusal below rolls this block back (FG001), the periods it opened included: a refusal
    -- writes nothing. (Variables keep their values through the rollback.)
    BEGIN
      -- The periods that are new, inserted in budget id order: two reservations opening the same
      -- ones wait on each other's rows in one order.
      IF v_over.unopened > 0 THEN
        INSERT INTO "BudgetPeriod" (id, "tenantId", "budgetId", "periodKey", "startsAt", "endsAt")
        SELECT gen_random_uuid()::text, p_tenant, c."budgetId", c."periodKey", fleetgate_budget_period_starts(b.period, p_at), fleetgate_budget_period_ends(b.period, p_at)
        FROM fleetgate_covering_budgets(p_tenant, p_run, v_team, v_campaign, p_at) c JOIN "Budget" b ON b.id = c."budgetId"
        ORDER BY c."budgetId"
        ON CONFLICT ("budgetId", "periodKey") DO NOTHING;
      END IF;

      -- Every period locked in id order (as settling and releasing lock them, so none deadlocks),
      -- all before anything is checked or changed. A locked row is read as it is now, and stays
      -- so: the tightest hard budget this amount would pass refuses the whole reservation.
      WITH locked AS MATERIALIZED (
        SELECT bp.id, bp."budgetId", bp."periodKey", bp."spentMicros", bp."reservedMicros"
        FROM fleetgate_covering_budgets(p_tenant, p_run, v_team, v_campaign, p_at) c
        JOIN "BudgetPeriod" bp ON bp."budgetId" = c."budgetId" AND bp."periodKey" = c."periodKey"
        ORDER BY bp.id FOR UPDATE OF bp)
      SELECT (SELECT array_agg(l.id ORDER BY l.id) FROM locked l) AS ids, x.* INTO v_over
      FROM (SELECT 1) one LEFT JOIN (
        SELECT b.id, b.name, b.scope, b.period, l."periodKey", b."limitMicros", l."spentMicros" AS spent, l."reservedMicros" AS reserved, b."onExhausted"
        FROM locked l JOIN "Budget" b ON b.id = l."budgetId"
        WHERE b.mode = 'hard' AND l."spentMicros" + l."reservedMicros" + p_amount > b."limitMicros"
        ORDER BY b."limitMicros" - l."spentMicros" - l."reservedMicros", l.id
        LIMIT 1) x ON true;
      IF v_over.id IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'FG001', MESSAGE = 'refused';
      END IF;
      v_ids := v_over.ids;

      UPDATE "BudgetPeriod" SET "reservedMicros" = "reservedMicros" + p_amount WHERE id = ANY(v_ids);
      INSERT INTO "CostReservation" (id, "tenantId", "runId", kind, subject, "amountMicros", "priceId", defaulted, "periodIds", "expiresAt", "createdAt")
      VALUES (gen_random_uuid()::text, p_tenant, p_run, p_kind, p_subject, p_amount, p_price, p_defaulted, coalesce(v_ids, '{}'), p_expires, p_at)
      RETURNING id INTO v_id;
    EXCEPTION WHEN SQLSTATE 'FG001' THEN
      v_id := NULL;
    END;
  END IF;

  IF v_id IS NOT NULL THEN
    RETURN QUERY SELECT v_id, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text;
  ELSE
    RETURN QUERY SELECT NULL::text, v_over.id, v_over.name, v_over.scope, v_over.period, v_over."periodKey", v_over."limitMicros", v_over.spent, v_over.reserved, v_over."onExhausted";
  END IF;
END;
$$;

-- Ends a held reservation once (settle-cost.ts): its cost (measured under the price it was
-- reserved with, or when p_measured is false the reserved amount, since the provider may have
-- billed the call) moves from reserved to spent in every period it holds, locked in id order, and
-- is recorded against the run's dimensions as they are now. No rows: it had already ended. Else
-- one row per threshold a period has now passed and not announced yet (none: one row with
-- periodId null), for the caller to announce.
CREATE FUNCTION fleetgate_cost_settle(
  p_id text, p_measured boolean, p_input_tokens int, p_output_tokens int, p_cached_tokens int, p_quantity_ms int, p_latency_ms int,
  p_expired boolean, p_at timestamptz
) RETURNS TABLE ("costMicros" bigint, "tenantId" text, "periodId" text, "budgetId" text, "budgetName" text, scope text, mode text,
                 "periodKey" text, threshold int, "spentMicros" bigint, "limitMicros" bigint)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  r record;
  p record;
  w record;
  v_cost bigint;
BEGIN
  -- The settlement need not wait for its WAL flush: if the database loses it in a crash, the
  -- reservation is held again, and the expiry sweep settles it at the reserved amount, which is
  -- never below the real cost. So a crash can only overstate a cost, never lose or understate it.
  -- (Reserving stays durable: a lost reservation could let spending pass a hard limit.)
  PERFORM set_config('synchronous_commit', 'off', true);
  UPDATE "CostReservation" SET state = 'settled', "endedAt" = now() WHERE id = p_id AND state = 'held'
  RETURNING "tenantId", "runId", kind, subject, "amountMicros", "priceId", defaulted, "periodIds" INTO r;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Never settled without the price it was reserved under (the statement fails; it stays held).
  SELECT pr.subject, pr."inputMicros", pr."outputMicros", pr."cachedMicros", pr."unitMicros" INTO p FROM "Price" pr WHERE pr.id = r."priceId";
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the price % of cost reservation % is gone', r."priceId", p_id;
  END IF;
  v_cost := CASE WHEN p_measured
    THEN fleetgate_cost_of(r.kind, p.subject, p."inputMicros", p."outputMicros", p."cachedMicros", p."unitMicros", p_input_tokens, p_output_tokens, p_cached_tokens, p_quantity_ms)
    ELSE r."amountMicros" END;

  -- The periods locked in id order, as reserving locks them, all before any is changed.
  PERFORM 1 FROM "BudgetPeriod" bp WHERE bp.id = ANY(r."periodIds") ORDER BY bp.id FOR UPDATE;
  RETURN QUERY
  WITH moved AS (
    UPDATE "BudgetPeriod" bp SET "reservedMicros" = bp."reservedMicros" - r."amountMicros", "spentMicros" = bp."spentMicros" + v_cost
    WHERE bp.id = ANY(r."periodIds")
    RETURNING bp.id, bp."budgetId", bp."periodKey", bp."spentMicros", bp.alerted),
  passed AS (
    SELECT m.id, m."budgetId", b.name, b.scope, b.mode, m."periodKey", t.threshold, m."spentMicros", b."limitMicros"
    FROM moved m JOIN "Budget" b ON b.id = m."budgetId" CROSS JOIN LATERAL unnest(b.thresholds) AS t(threshold)
    WHERE NOT t.threshold = ANY(m.alerted) AND m."spentMicros"::numeric * 100 >= b."limitMicros"::numeric * t.threshold)
  SELECT v_cost, r."tenantId"::text, x.id, x."budgetId", x.name, x.scope, x.mode, x."periodKey", x.threshold, x."spentMicros", x."limitMicros"
  FROM (SELECT 1) one LEFT JOIN passed x ON true
  ORDER BY x.id, x.threshold;

  SELECT * INTO w FROM fleetgate_cost_work_of_run(r."runId");
  PERFORM fleetgate_cost_record(r."tenantId", w."runId", w."teamId", w."repositoryId", w."campaignId", w."taskClass",
    p_id, r.kind, r.subject, r."priceId", r.defaulted, p_expired,
    p_input_tokens, p_output_tokens, p_cached_tokens, p_quantity_ms, p_latency_ms, v_cost, p_at);
END;
$$;

-- Ends a held reservation once with nothing used (settle-cost.ts): the hold is given back in every
-- period, locked in id order. false: it had already ended.
CREATE FUNCTION fleetgate_cost_release(p_id text) RETURNS boolean
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  r record;
BEGIN
  UPDATE "CostReservation" SET state = 'released', "endedAt" = now() WHERE id = p_id AND state = 'held'
  RETURNING "amountMicros", "periodIds" INTO r;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM 1 FROM "BudgetPeriod" bp WHERE bp.id = ANY(r."periodIds") ORDER BY bp.id FOR UPDATE;
  UPDATE "BudgetPeriod" SET "reservedMicros" = "reservedMicros" - r."amountMicros" WHERE id = ANY(r."periodIds");
  RETURN true;
END;
$$;
