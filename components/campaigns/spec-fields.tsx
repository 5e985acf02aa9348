"use client";

import { AUTONOMY_LEVELS, autonomyLabel, TASK_CLASSES, taskClassLabel } from "../runs/labels";
import { Card, CardHeader } from "../ui/card";
import { CheckboxGroup } from "../ui/checkbox-group";
import { SelectField } from "../ui/select-field";
import { TextAreaField } from "../ui/textarea-field";
import { TextField } from "../ui/text-field";
import { CAPS, GATES, RISK_TIERS, WEEKDAYS, type SpecForm } from "./spec-form";
import type { TeamOption } from "./types";

type Props = {
  values: SpecForm;
  set: <K extends keyof SpecForm>(k: K, v: SpecForm[K]) => void;
  errors: Partial<Record<keyof SpecForm, string>>;
  teams: TeamOption[];
  /** The tenant's verifier profile names. */
  profiles: string[];
};

/** The spec as a form, in the order a campaign is thought through: the change, where, how fast, when. */
export function SpecFields({ values, set, errors, teams, profiles }: Props) {
  const text = (k: keyof SpecForm & string) => ({ value: values[k] as string, onValue: (v: string) => set(k, v as never), error: errors[k] });
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader level={3} title="The change" />
        <div className="space-y-4 p-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="c-name" label="Name" maxLength={100} required {...text("name")} />
            <SelectField id="c-class" label="Task class" options={TASK_CLASSES.map((c) => ({ value: c, label: taskClassLabel(c) }))} {...text("taskClass")} />
          </div>
          <TextAreaField id="c-description" label="Description" optional rows={2} maxLength={2000} {...text("description")} />
          <TextAreaField id="c-instruction" label="Instruction" rows={3} maxLength={4000} hint="What the agent should change, in words (for a recipe, what it is for)." {...text("instruction")} />
          <SelectField id="c-agent" label="Agent" value={values.agentKind} onValue={(v) => set("agentKind", v as SpecForm["agentKind"])} error={errors.agentKind}
            options={[{ value: "recipe", label: "Recipe (YAML steps)" }, { value: "model", label: "Model (the tenant's endpoint)" }]} />
          {values.agentKind === "recipe" ? <TextAreaField id="c-recipe" label="Recipe" rows={8} spellCheck={false} className="font-mono text-xs" {...text("recipe")} /> : null}
          <TextAreaField id="c-detection" label="Detection command" optional rows={2} className="font-mono text-xs" hint="Read-only, on each target's default branch; one argument per line (program first). Exit 0: still needed, 1: done. Runs at launch, after a campaign PR merges, and on Detect now." {...text("detection")} />
        </div>
      </Card>
      <Card>
        <CardHeader level={3} title="Targets" description="Teams, risk tiers and the name pattern narrow together; listed repositories are added; exclusions removed." />
        <div className="space-y-4 p-4">
          <CheckboxGroup id="c-teams" legend="Teams" value={values.teams} onValue={(v) => set("teams", v)} error={errors.teams}
            options={teams.map((t) => ({ value: t.slug, label: t.name, description: t.slug }))} hint={teams.length ? undefined : "This tenant has no teams yet."} />
          <CheckboxGroup id="c-tiers" legend="Risk tiers" value={values.riskTiers} onValue={(v) => set("riskTiers", v)} error={errors.riskTiers}
            options={RISK_TIERS.map((t) => ({ value: t, label: t }))} hint="Regulated and critical repositories are never campaign targets: the policy excludes them." />
          <TextField id="c-pattern" label="Name pattern" optional placeholder="svc-*" {...text("namePattern")} hint='A glob over the name ("owner/name" when it has a "/").' />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextAreaField id="c-repos" label="Also these repositories" optional rows={3} className="font-mono text-xs" hint="owner/name, one per line." {...text("repositories")} />
            <TextAreaField id="c-exclude" label="Exclude" optional rows={3} className="font-mono text-xs" hint="owner/name, one per line." {...text("exclude")} />
          </div>
        </div>
      </Card>
      <Card>
        <CardHeader level={3} title="Rollout" />
        <div className="grid gap-4 p-4 sm:grid-cols-2">
          <SelectField id="c-autonomy" label="Autonomy (the most any run may do)" options={AUTONOMY_LEVELS.map((a) => ({ value: a, label: autonomyLabel(a) }))} {...text("autonomy")} />
          <SelectField id="c-verifier" label="Verifier profile" hint="Admin → Verifier profiles defines them."
            options={[{ value: "", label: "Each repository's own" }, ...profiles.map((p) => ({ value: p, label: p }))]} {...text("verifierProfile")} />
          <TextField id="c-canary" label="Canary wave size" inputMode="numeric" {...text("canary")} />
          <TextField id="c-sizes" label="Then waves of" hint='Counts or percentages of every eligible target, in order: "10, 50%, 100%".' {...text("sizes")} />
        </div>
      </Card>
      <details className="rounded-lg border border-slate-200 bg-white">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-900">Gates, schedule and caps <span className="font-normal text-slate-600">(optional; stored now, enforced as waves are promoted)</span></summary>
        <div className="space-y-4 border-t border-slate-200 p-4">
          <div className="grid gap-4 sm:grid-cols-3">
            {GATES.map(([k, label]) => <TextField key={k} id={`c-${k}`} label={label} optional inputMode="decimal" placeholder="0.2" {...text(k)} />)}
            <TextField id="c-soak" label="Soak minutes" optional inputMode="numeric" {...text("soakMinutes")} />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField id="c-tz" label="Time zone" optional placeholder="Europe/Berlin" hint="Leave empty to run at any time." {...text("timezone")} />
            <TextField id="c-start" label="Window opens" {...text("start")} />
            <TextField id="c-end" label="Window closes" {...text("end")} />
          </div>
          <CheckboxGroup id="c-days" legend="Days" value={values.days} onValue={(v) => set("days", v)} error={errors.days} options={WEEKDAYS.map((d) => ({ value: d, label: d }))} />
          <div className="grid gap-4 sm:grid-cols-3">
            {CAPS.map(([k, label]) => <TextField key={k} id={`c-${k}`} label={label} optional inputMode="numeric" {...text(k)} />)}
          </div>
        </div>
      </details>
    </div>
  );
}
