"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, Rocket, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { parse, stringify } from "yaml";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { YamlEditor } from "../policy/yaml-editor";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TabLinks } from "../ui/tab-links";
import { useHydrated } from "../ui/time";
import { useToast } from "../ui/toast";
import { useUrlQuery } from "../ui/use-url-query";
import { PlanView } from "./plan-view";
import { SpecFields } from "./spec-fields";
import { emptyForm, fieldOfIssue, formToSpec, specToForm, type SpecForm } from "./spec-form";
import type { CampaignPreview, Launched, Saved, TeamOption } from "./types";

type Mode = "form" | "yaml";
type Problem = { line: number; column: number; path: string; message: string };
type Errors = { fields: Partial<Record<keyof SpecForm, string>>; problems: Problem[]; banner: string | null };
const NONE: Errors = { fields: {}, problems: [], banner: null };

/** The server's refusal, each issue by its field (the form), its line (the YAML), or above both. */
function errorsOf(err: unknown, mode: Mode): Errors {
  const issues = (err instanceof ApiError ? err.issues : []) as (Problem | { path: string; message: string })[];
  if (!issues.length) return { ...NONE, banner: errorMessage(err) };
  if (mode === "yaml") {
    const problems = issues.map((i) => ({ line: 1, column: 1, ...i }));
    return { fields: {}, problems, banner: `${issues.length} problem${issues.length === 1 ? "" : "s"} in the spec: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` };
  }
  const fields: Errors["fields"] = {};
  const rest: string[] = [];
  for (const i of issues) {
    const f = fieldOfIssue(i.path);
    if (f) fields[f] = fields[f] ? `${fields[f]} · ${i.message}` : i.message;
    else rest.push(`${i.path}: ${i.message}`);
  }
  return { fields, problems: [], banner: rest.length ? rest.join("; ") : "The spec has problems: see the fields marked below." };
}

/**
 * A new campaign, written as a form or as YAML (the same spec; switching carries it over), previewed
 * against the fleet and the policy (nothing is saved), then saved as a draft or launched.
 */
export function CampaignForm({ tenant, teams, profiles, canLaunch }: { tenant: string; teams: TeamOption[]; profiles: string[]; canLaunch: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [params, setParams, hrefOf] = useUrlQuery();
  const mode: Mode = params.get("view") === "yaml" ? "yaml" : "form";
  const [values, setValues] = useState<SpecForm>(emptyForm);
  const [yamlText, setYamlText] = useState(() => stringify(formToSpec(emptyForm())));
  const [editorKey, setEditorKey] = useState(0);
  const [errors, setErrors] = useState<Errors>(NONE);
  const [plan, setPlan] = useState<CampaignPreview | null>(null);
  const set = <K extends keyof SpecForm>(k: K, v: SpecForm[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    if (errors.fields[k]) setErrors((e) => ({ ...e, fields: { ...e.fields, [k]: undefined } }));
  };
  const body = () => (mode === "yaml" ? { yaml: yamlText } : { spec: formToSpec(values) });

  const switchTo = (next: Mode) => {
    if (next === mode) return;
    if (next === "yaml") {
      setYamlText(stringify(formToSpec(values)));
      setEditorKey((k) => k + 1);
    } else {
      let form: SpecForm | null = null;
      try {
        form = specToForm(parse(yamlText));
      } catch {
        form = null;
      }
      if (!form) {
        setErrors({ ...NONE, banner: "This YAML cannot be shown as the form (it does not parse, or has more than one schedule window). Fix it, or go on in YAML." });
        return;
      }
      setValues(form);
    }
    setErrors(NONE);
    setParams(next === "yaml" ? { view: "yaml" } : {}, { replace: true });
  };

  const preview = useMutation({
    mutationFn: () => api<CampaignPreview>(tenantPath(tenant, "campaigns/preview"), { method: "POST", body: body() }),
    onMutate: () => setErrors(NONE),
    onSuccess: (p) => setPlan(p),
    onError: (e) => { setPlan(null); setErrors(errorsOf(e, mode)); },
  });
  const save = useMutation({
    mutationFn: async (launch: boolean) => {
      const saved = await api<Saved>(tenantPath(tenant, "campaigns"), { method: "POST", body: body() });
      if (!launch) return { id: saved.campaign.id, state: saved.campaign.state, launchError: null };
      try {
        const l = await api<Launched>(tenantPath(tenant, `campaigns/${saved.campaign.id}/launch`), { method: "POST", body: {} });
        return { id: saved.campaign.id, state: l.campaign.state, launchError: null };
      } catch (e) {
        return { id: saved.campaign.id, state: saved.campaign.state, launchError: errorMessage(e) };
      }
    },
    onMutate: () => setErrors(NONE),
    onSuccess: (r) => {
      if (r.launchError) toast.error(`Saved as a draft, but not launched: ${r.launchError}`);
      else toast.success(r.state === "awaiting_approval" ? "Launched: it waits for approval before anything starts." : r.state === "running" ? "Launched: the canary wave's runs are queued." : "Saved as a draft.");
      router.push(`/${tenant}/campaigns/${r.id}`);
    },
    onError: (e) => setErrors(errorsOf(e, mode)),
  });
  const busy = preview.isPending || save.isPending;
  // A refusal is said above the spec: bring it into view (the buttons are below a long form).
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.banner) banner.current?.scrollIntoView({ block: "center" });
  }, [errors]);

  return (
    <div className="space-y-4" data-ready={hydrated ? "" : undefined}>
      <TabLinks
        label="How the spec is written"
        current={mode}
        onSelect={switchTo}
        tabs={[{ id: "form", label: "Form", href: hrefOf({}) }, { id: "yaml", label: "YAML", href: hrefOf({ view: "yaml" }) }]}
      />
      <div ref={banner}>{errors.banner ? <Alert tone="error" title="The campaign was not accepted">{errors.banner}</Alert> : null}</div>
      {mode === "form" ? (
        <SpecFields values={values} set={set} errors={errors.fields} teams={teams} profiles={profiles} />
      ) : (
        <div className="space-y-1">
          <p id="c-yaml-hint" className="text-xs text-slate-600">The same spec as the form, as the API takes it (POST …/campaigns with {"{ yaml }"}); problems are marked at their line.</p>
          <YamlEditor key={editorKey} id="c-yaml" label="Campaign spec (YAML)" initial={yamlText} readOnly={false} problems={errors.problems} onChange={setYamlText} />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => preview.mutate()} disabled={busy}><Eye aria-hidden="true" className="size-4" />{preview.isPending ? "Previewing…" : "Preview"}</Button>
        <Button onClick={() => save.mutate(false)} disabled={busy}><Save aria-hidden="true" className="size-4" />Save draft</Button>
        {canLaunch ? (
          <Button variant="primary" onClick={() => save.mutate(true)} disabled={busy}><Rocket aria-hidden="true" className="size-4" />{save.isPending ? "Working…" : "Save and launch"}</Button>
        ) : null}
      </div>
      {plan ? <PlanView plan={plan} /> : null}
    </div>
  );
}
