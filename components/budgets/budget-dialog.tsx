"use client";

import { Plus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { amountsOf, decimalText } from "../cost-admin/amount";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { budgetKeys, PERIOD_LABELS, PERIODS_OF, SCOPE_LABELS, type BudgetPeriod, type BudgetScope, type BudgetTargets, type BudgetView } from "./types";

type Values = {
  name: string; scope: BudgetScope; teamId: string; campaignId: string; mode: "soft" | "hard";
  limitMicros: string; period: BudgetPeriod; thresholds: string; onExhausted: "fail" | "approval";
};

const DEFAULT_THRESHOLD_TEXT = "50, 80, 100";

/** "50, 80 100" -> [50, 80, 100]; what is not a number is sent as typed, so the server names it (thresholds[i]). */
const thresholdsOf = (text: string) => text.split(/[\s,;]+/).filter(Boolean).map((t) => (/^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t));

/** Creates a budget (no `budget`), or changes one's name, limit, thresholds and mode (its scope and period are fixed). */
export function BudgetDialog({ tenant, currency, targets, budget }: { tenant: string; currency: string; targets: BudgetTargets; budget?: BudgetView }) {
  const editing = budget !== undefined;
  const dialog = useFormDialog<Values, BudgetView>({
    initial: () => ({
      name: budget?.name ?? "", scope: budget?.scope ?? "tenant", teamId: budget?.team?.id ?? "", campaignId: budget?.campaign?.id ?? "",
      mode: budget?.mode ?? "soft", limitMicros: decimalText(budget?.limitMicros), period: budget?.period ?? "month",
      thresholds: budget ? budget.thresholds.join(", ") : DEFAULT_THRESHOLD_TEXT, onExhausted: budget?.onExhausted ?? "fail",
    }),
    submit: (v) => {
      const common = {
        name: v.name.trim(), mode: v.mode, ...amountsOf(v, ["limitMicros"]), thresholds: thresholdsOf(v.thresholds),
        ...(v.mode === "hard" ? { onExhausted: v.onExhausted } : {}), currency,
      };
      if (editing) return api<BudgetView>(tenantPath(tenant, `budgets/${budget.id}`), { method: "PATCH", body: common });
      return api<BudgetView>(tenantPath(tenant, "budgets"), {
        method: "POST",
        body: { ...common, scope: v.scope, period: v.period, ...(v.scope === "team" ? { teamId: v.teamId } : {}), ...(v.scope === "campaign" ? { campaignId: v.campaignId } : {}) },
      });
    },
    invalidates: [budgetKeys.all(tenant)],
    notice: (b) => (editing ? `Budget ${b.name} was saved.` : `Budget ${b.name} was created: it counts what is spent from now on.`),
  });
  const v = dialog.values;
  const id = editing ? `budget-${budget.id}` : "budget-new";
  const setScope = (s: string) => {
    const scope = s as BudgetScope;
    dialog.set("scope", scope);
    if (!PERIODS_OF[scope].includes(v.period)) dialog.set("period", PERIODS_OF[scope][0]!);
    // A run budget alerts nobody unless asked: every run would notify every admin.
    if (scope === "run" && v.thresholds === DEFAULT_THRESHOLD_TEXT) dialog.set("thresholds", "");
    if (scope !== "run" && v.thresholds === "") dialog.set("thresholds", DEFAULT_THRESHOLD_TEXT);
  };
  return (
    <FormDialog
      dialog={dialog}
      trigger={editing ? (
        <Button variant="ghost" size="sm">Edit<span className="sr-only"> budget {budget.name}</span></Button>
      ) : (
        <Button variant="primary"><Plus aria-hidden="true" className="size-4" />New budget</Button>
      )}
      title={editing ? `Edit budget ${budget.name}` : "New budget"}
      description={editing
        ? "The current period keeps what it has spent, measured against the new limit. What it covers and its period stay as they are."
        : "A soft budget alerts tenant admins and webhooks at its thresholds; a hard one refuses the work that would pass it, before it starts."}
      wide
      submitLabel={editing ? "Save budget" : "Create budget"}
      pendingLabel="Saving…"
    >
      <TextField id={`${id}-name`} label="Name" required placeholder="Monthly agent spend" {...dialog.field("name")} />
      {editing ? null : (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField id={`${id}-scope`} label="Covers" {...dialog.field("scope")} onValue={setScope}
            options={Object.entries(SCOPE_LABELS).map(([value, label]) => ({ value, label }))} />
          <SelectField id={`${id}-period`} label="Period" {...dialog.field("period")} onValue={(p) => dialog.set("period", p as BudgetPeriod)}
            hint="Days, weeks and months reset at midnight UTC." options={PERIODS_OF[v.scope].map((p) => ({ value: p, label: PERIOD_LABELS[p] }))} />
          {v.scope === "team" ? (
            <SelectField id={`${id}-team`} label="Team" {...dialog.field("teamId")}
              options={[{ value: "", label: targets.teams.length ? "Choose a team" : "No teams yet" }, ...targets.teams.map((t) => ({ value: t.id, label: t.name }))]} />
          ) : null}
          {v.scope === "campaign" ? (
            <SelectField id={`${id}-campaign`} label="Campaign" {...dialog.field("campaignId")}
              options={[{ value: "", label: targets.campaigns.length ? "Choose a campaign" : "No campaigns that have not ended" }, ...targets.campaigns.map((c) => ({ value: c.id, label: `${c.name} (${c.state})` }))]} />
          ) : null}
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={`${id}-limit`} label={`Limit (${currency})`} inputMode="decimal" required placeholder="500.00"
          hint={v.scope === "run" ? "For each run." : "For each period."} {...dialog.field("limitMicros")} />
        <TextField id={`${id}-thresholds`} label="Alert at (% of the limit)" placeholder="50, 80, 100"
          hint={v.scope === "run" ? "Empty: no alerts (each run would alert). Whole percents from 1 to 100." : "Whole percents from 1 to 100, at most ten; each alerts once per period."} {...dialog.field("thresholds")} />
        <SelectField id={`${id}-mode`} label="When the limit is reached" {...dialog.field("mode")} onValue={(m) => dialog.set("mode", m as Values["mode"])}
          options={[{ value: "soft", label: "Soft: alert only" }, { value: "hard", label: "Hard: stop the work" }]} />
        {v.mode === "hard" ? (
          <SelectField id={`${id}-exhausted`} label="A run it stops" {...dialog.field("onExhausted")} onValue={(o) => dialog.set("onExhausted", o as Values["onExhausted"])}
            options={[{ value: "fail", label: "Fails (budget exhausted)" }, { value: "approval", label: "Waits for someone to raise the budget" }]} />
        ) : null}
      </div>
    </FormDialog>
  );
}
