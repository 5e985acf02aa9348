"use client";

// A run's cost on its page: the total and what it is made of (model calls with their tokens, sandbox
// seconds, verifier minutes), the budgets it drew on with their period's spend, and, while a hard
// budget holds it, what it waits for.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RunCost } from "@/server/cost/run-cost-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { BudgetsDrawnTable } from "./budgets-drawn-table";
import { moneyIn, type Money } from "./money";

const LIVE_MS = 10_000;
const n = (x: number) => x.toLocaleString("en-US");
const KIND: Record<string, (ms: number) => string> = {
  model: () => "Model calls",
  sandbox: (ms) => `Sandbox time (${n(Math.ceil(ms / 1000))} s)`,
  verifier: (ms) => `Verifier time (${(Math.ceil(ms / 600) / 100).toLocaleString("en-US")} min)`,
};

export function RunCostPanel({ tenant, runId, open, initial }: { tenant: string; runId: string; open: boolean; initial: RunCost | null }) {
  const q = useQuery({
    queryKey: ["tenant", tenant, "runs", "detail", runId, "cost"],
    queryFn: ({ signal }) => api<RunCost>(tenantPath(tenant, `runs/${runId}/cost`), { signal }),
    initialData: initial ?? undefined,
    refetchInterval: open ? LIVE_MS : false,
  });
  const c = q.data;
  return (
    <section aria-label="Cost of this run" className="mb-4">
      <Card>
        <CardHeader title="Cost" description="What this run cost, costed with the price in force when each call or command was recorded." />
        <div className="space-y-3 px-4 py-3">
          {!c ? (q.isError ? <Alert tone="error" title="The run's cost could not be loaded">{errorMessage(q.error)}</Alert> : <p className="text-sm text-slate-600" role="status">Loading the cost…</p>) : <RunCostBody tenant={tenant} c={c} money={moneyIn(c.currency)} />}
        </div>
      </Card>
    </section>
  );
}

function RunCostBody({ tenant, c, money }: { tenant: string; c: RunCost; money: Money }) {
  const w = c.budgetWait;
  return (
    <>
      {w ? (
        <Alert tone="warning" title={`Waiting for the budget ${w.budgetName ? `"${w.budgetName}"` : ""}`.trim()}>
          A hard {w.scope ?? ""} budget has no room for the run&apos;s next step
          {w.limitMicros !== null ? `: ${money(w.spentMicros ?? 0)} spent and ${money(w.reservedMicros ?? 0)} held of ${money(w.limitMicros)}` : ""}
          {w.neededMicros !== null ? `; ${w.what ?? "the step"} needs up to ${money(w.neededMicros)}` : ""}.{" "}
          {w.approvalId ? (
            <>
              {w.proposedLimitMicros !== null ? `Raising the limit to ${money(w.proposedLimitMicros)} is asked for: ` : ""}
              <Link className="font-medium underline" href={`/${tenant}/approvals/${w.approvalId}`}>open the request</Link>; if nobody raises it, the run fails as budget exhausted.
            </>
          ) : "It goes on when the budget has room again."}
        </Alert>
      ) : null}
      <p className="text-sm text-slate-800">
        <span className="text-lg font-semibold tabular-nums text-slate-900">{money(c.costMicros)}</span>
        {c.heldMicros > 0 ? <span className="text-slate-600"> · up to {money(c.heldMicros)} more held by work in flight</span> : null}
      </p>
      {c.defaulted ? <Alert tone="info">Some of it was costed at the default price: {c.models.filter((m) => m.defaulted).map((m) => m.model).join(", ")} had no price of its own.</Alert> : null}
      {c.expired.entries ? <Alert tone="info">{money(c.expired.costMicros)} of it ({c.expired.entries} {c.expired.entries === 1 ? "entry" : "entries"}) was settled at the reserved amount: the worker was lost before it could measure the work.</Alert> : null}
      {c.byKind.length ? (
        <Table caption="What the run's cost is made of">
          <THead><Th>Kind</Th><Th className="text-right">Entries</Th><Th>Tokens</Th><Th className="text-right">Cost</Th></THead>
          <TBody>
            {c.byKind.map((k) => (k.kind === "model" ? c.models.map((m) => (
              <Tr key={`model-${m.model}`}>
                <Td>Model calls: <span className="font-mono text-xs">{m.model}</span>{m.defaulted ? <span className="text-xs text-slate-600"> (default price)</span> : null}</Td>
                <Td className="text-right tabular-nums">{n(m.calls)}</Td>
                <Td className="text-xs tabular-nums">{n(m.inputTokens)} in{m.cachedTokens ? ` (${n(m.cachedTokens)} cached)` : ""}, {n(m.outputTokens)} out</Td>
                <Td className="text-right tabular-nums">{money(m.costMicros)}</Td>
              </Tr>
            )) : (
              <Tr key={k.kind}>
                <Td>{KIND[k.kind]!(k.quantityMs)}</Td>
                <Td className="text-right tabular-nums">{n(k.entries)}</Td>
                <Td className="text-xs text-slate-600">—</Td>
                <Td className="text-right tabular-nums">{money(k.costMicros)}</Td>
              </Tr>
            )))}
          </TBody>
        </Table>
      ) : <p className="text-sm text-slate-600">Nothing costed yet.</p>}
      {c.budgets.length ? <BudgetsDrawnTable caption="The budgets this run drew on, and their period's spend" budgets={c.budgets} money={money} /> : <p className="text-sm text-slate-600">No budget covered this run&apos;s work.</p>}
    </>
  );
}
