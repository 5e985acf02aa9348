"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { SelectField } from "../ui/select-field";
import { TextAreaField } from "../ui/textarea-field";
import { useHydrated } from "../ui/time";
import { useToast } from "../ui/toast";
import { autonomyHint, autonomyLabel, AUTONOMY_LEVELS, TASK_CLASSES, taskClassLabel } from "./labels";
import type { CreatedTask, RecipeTemplate, RepoOption } from "./types";

type Values = { repositoryId: string; taskClass: string; agentKind: "recipe" | "model"; recipe: string; instruction: string; autonomy: string };
type Field = keyof Values;

/** The API's field paths (body.agent.recipe, body.autonomy) onto the form's fields; the rest goes to the banner. */
const FIELD_OF: Record<string, Field> = {
  "body.repositoryId": "repositoryId", "body.taskClass": "taskClass", "body.instruction": "instruction",
  "body.agent.recipe": "recipe", "body.agent.kind": "agentKind", "body.agent": "agentKind", "body.autonomy": "autonomy",
};

export function taskFormErrors(err: unknown): { fields: Partial<Record<Field, string[]>>; banner: string | null } {
  const fields: Partial<Record<Field, string[]>> = {};
  const rest: string[] = [];
  for (const issue of err instanceof ApiError ? err.issues : []) {
    const f = FIELD_OF[issue.path];
    if (f) (fields[f] ??= []).push(issue.message);
    else rest.push(`${issue.path}: ${issue.message}`);
  }
  const mapped = Object.keys(fields).length > 0;
  return { fields, banner: rest.length ? rest.join("; ") : mapped ? null : errorMessage(err) };
}

const EMPTY_RECIPE = "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: my-recipe, description: What it changes }\nsteps:\n  - run: echo hello\n";

/**
 * A task: repository, task class, agent (a recipe in YAML, or the tenant's model) with an
 * instruction, and the autonomy asked for. The server's refusals land next to their field (a
 * recipe's problems with their line, an autonomy above the policy's maximum with that maximum);
 * a kill switch or a policy denial is shown above the form. On success the run opens.
 */
export function TaskForm({ tenant, repositories, templates, initialRepositoryId }: {
  tenant: string; repositories: RepoOption[]; templates: RecipeTemplate[]; initialRepositoryId: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [template, setTemplate] = useState("");
  // Marks the form live: text typed before hydration would be merged with the form's own state.
  const hydrated = useHydrated();
  const [values, setValues] = useState<Values>({
    repositoryId: initialRepositoryId || repositories[0]?.id || "", taskClass: "config_migration", agentKind: "recipe", recipe: EMPTY_RECIPE, instruction: "", autonomy: "dry_run_patch",
  });
  const [errors, setErrors] = useState<{ fields: Partial<Record<Field, string[]>>; banner: string | null }>({ fields: {}, banner: null });
  const set = <K extends Field>(k: K, v: Values[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    if (errors.fields[k]) setErrors((e) => ({ ...e, fields: { ...e.fields, [k]: undefined } }));
  };
  const mutation = useMutation({
    mutationFn: (v: Values) => api<CreatedTask>(tenantPath(tenant, "tasks"), {
      method: "POST",
      body: {
        repositoryId: v.repositoryId, taskClass: v.taskClass, instruction: v.instruction, autonomy: v.autonomy,
        agent: v.agentKind === "recipe" ? { kind: "recipe", recipe: v.recipe } : { kind: "model" },
      },
    }),
    onSuccess: (r) => {
      toast.success(r.state === "awaiting_approval" ? "The task waits for approval before its run starts." : "The task is queued; its run starts when a worker is free.");
      router.push(`/${tenant}/runs/${r.runId}`);
    },
    onError: (e) => setErrors(taskFormErrors(e)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({ fields: {}, banner: null });
    mutation.mutate(values);
  };
  const applyTemplate = (name: string) => {
    setTemplate(name);
    const t = templates.find((x) => x.name === name);
    if (!t) return;
    const current = repositories.find((r) => r.id === values.repositoryId);
    const fits = repositories.find((r) => t.repositories.includes(r.fullName));
    setValues((v) => ({
      ...v, agentKind: "recipe", recipe: t.content, instruction: t.description || v.instruction,
      taskClass: (TASK_CLASSES as readonly string[]).includes(t.taskClass) ? t.taskClass : v.taskClass,
      repositoryId: current && t.repositories.includes(current.fullName) ? v.repositoryId : fits?.id ?? v.repositoryId,
    }));
    setErrors({ fields: {}, banner: null });
  };
  const err = (k: Field) => errors.fields[k]?.join(" · ");
  const chosen = templates.find((t) => t.name === template);

  if (!repositories.length) {
    return <Alert tone="info" title="No repository to work on">A tenant admin registers repositories under Admin → Repositories; then tasks can be started here.</Alert>;
  }
  return (
    <form onSubmit={submit} noValidate aria-label="New task" data-ready={hydrated ? "" : undefined} className="grid gap-4 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        {errors.banner ? <Alert tone="error" title="The task was not started">{errors.banner}</Alert> : null}
        <Card className="space-y-4 p-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              id="task-repository" label="Repository" value={values.repositoryId} onValue={(v) => set("repositoryId", v)} error={err("repositoryId")}
              options={repositories.map((r) => ({ value: r.id, label: `${r.fullName} (${r.riskTier})` }))}
            />
            <SelectField
              id="task-class" label="Task class" value={values.taskClass} onValue={(v) => set("taskClass", v)} error={err("taskClass")}
              options={TASK_CLASSES.map((c) => ({ value: c, label: taskClassLabel(c) }))}
            />
          </div>
          <fieldset aria-describedby={err("agentKind") ? "task-agent-error" : "task-agent-hint"}>
            <legend className="text-sm font-medium text-slate-800">Agent</legend>
            <p id="task-agent-hint" className="text-xs text-slate-600">A recipe is a fixed list of steps in YAML; a model agent works from the instruction with the tenant&apos;s model endpoint.</p>
            <div className="mt-1.5 flex flex-wrap gap-2">
              {(["recipe", "model"] as const).map((k) => (
                <label key={k} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50">
                  <input type="radio" name="agent-kind" value={k} checked={values.agentKind === k} onChange={() => set("agentKind", k)} className="size-4 accent-indigo-600" />
                  {k === "recipe" ? "Recipe (YAML)" : "Model"}
                </label>
              ))}
            </div>
            {err("agentKind") ? <p id="task-agent-error" className="mt-1 text-xs font-medium text-red-700">{err("agentKind")}</p> : null}
          </fieldset>
          {values.agentKind === "recipe" ? (
            <div className="space-y-2">
              {templates.length ? (
                <SelectField
                  id="task-template" label="Start from an example recipe" value={template} onValue={applyTemplate}
                  hint={chosen ? `For ${chosen.repositories.join(", ") || "any repository"}${chosen.taskClass ? ` · ${taskClassLabel(chosen.taskClass)}` : ""}` : "Choosing one replaces the recipe below."}
                  options={[{ value: "", label: "Choose an example…" }, ...templates.map((t) => ({ value: t.name, label: t.description ? `${t.name}: ${t.description}` : t.name }))]}
                />
              ) : null}
              <TextAreaField
                id="task-recipe" label="Recipe" rows={14} spellCheck={false} value={values.recipe} onValue={(v) => set("recipe", v)}
                className="font-mono text-xs leading-5"
                error={err("recipe")}
                hint="Steps: run (a shell command), write (a file), replace (text in files). Every step is a tool call the policy decides."
              />
            </div>
          ) : null}
          <TextAreaField
            id="task-instruction" label="Instruction" rows={3} maxLength={4000} value={values.instruction} onValue={(v) => set("instruction", v)} error={err("instruction")}
            hint={values.agentKind === "model" ? "What the model should change, in words." : "What the recipe is for, in words (shown with the run)."}
          />
        </Card>
      </div>
      <div className="space-y-4">
        <Card className="space-y-3 p-4">
          <SelectField
            id="task-autonomy" label="Autonomy" value={values.autonomy} onValue={(v) => set("autonomy", v)} error={err("autonomy")}
            hint={autonomyHint(values.autonomy)}
            options={AUTONOMY_LEVELS.map((a) => ({ value: a, label: autonomyLabel(a) }))}
          />
          <p className="text-xs text-slate-600">
            The policy sets a maximum per repository and task class; asking for more is refused with that maximum. Some task classes wait for approval before the run starts.
          </p>
          <Button type="submit" variant="primary" disabled={mutation.isPending} className="w-full">
            {mutation.isPending ? "Starting…" : "Start task"}
          </Button>
        </Card>
      </div>
    </form>
  );
}
