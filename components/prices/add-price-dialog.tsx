"use client";

import { Plus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { amountsOf, decimalText } from "../cost-admin/amount";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { priceKeys, RESOURCE_LABELS, subjectLabel, type PriceSubjectView, type PriceVersionView } from "./types";

type Values = {
  scope: "tenant" | "platform"; kind: "model" | "resource"; subject: string;
  inputMicros: string; outputMicros: string; cachedMicros: string; unitMicros: string; effectiveFrom: string; note: string;
};

const TOKEN_FIELDS = ["inputMicros", "outputMicros", "cachedMicros"] as const;

/**
 * Adds a version of a price: of a subject already listed (`subject`), or of a new model. Amounts
 * are typed in the currency (per million tokens, or per unit); the date in the person's own time.
 */
export function AddPriceDialog({ tenant, currency, canPlatform, subject }: { tenant: string; currency: string; canPlatform: boolean; subject?: PriceSubjectView }) {
  const from = subject?.inForce ?? subject?.versions[0];
  const dialog = useFormDialog<Values, { price: PriceVersionView }>({
    initial: () => ({
      scope: "tenant", kind: subject?.kind ?? "model", subject: subject?.subject ?? "",
      inputMicros: decimalText(from?.inputMicros), outputMicros: decimalText(from?.outputMicros),
      // The cached price is shown only when it differs from the input price (left empty, it is the input price).
      cachedMicros: from && from.cachedMicros !== from.inputMicros ? decimalText(from.cachedMicros) : "",
      unitMicros: decimalText(from?.unitMicros), effectiveFrom: "", note: "",
    }),
    submit: (v) => {
      const amounts = v.kind === "model" ? amountsOf(v, TOKEN_FIELDS, ["cachedMicros"]) : amountsOf(v, ["unitMicros"]);
      const body = {
        scope: v.scope, kind: v.kind, subject: v.subject.trim(), ...amounts, note: v.note, currency,
        ...(v.effectiveFrom ? { effectiveFrom: localToIso(v.effectiveFrom) } : {}),
      };
      return api<{ price: PriceVersionView }>(tenantPath(tenant, "prices"), { method: "POST", body });
    },
    invalidates: [priceKeys.all(tenant)],
    notice: ({ price: p }) => `Version ${p.version} of ${p.scope === "platform" ? "the platform's" : "this tenant's"} price for ${subjectLabel(p)} was added${p.standing === "scheduled" ? `; it takes effect ${new Date(p.effectiveFrom).toLocaleString()}` : ""}.`,
  });
  const v = dialog.values;
  const id = `price-${subject ? `${subject.kind}-${subject.subject}` : "new"}`.replace(/[^A-Za-z0-9_-]/g, "_");
  const per = v.kind === "model" ? "per million tokens" : v.subject === "verifier_minute" ? "per minute" : "per second";
  return (
    <FormDialog
      dialog={dialog}
      trigger={subject ? (
        <Button variant="ghost" size="sm">Add version<span className="sr-only"> of the price for {subjectLabel(subject)}</span></Button>
      ) : (
        <Button variant="primary"><Plus aria-hidden="true" className="size-4" />Add price</Button>
      )}
      title={subject ? `New price for ${subjectLabel(subject)}` : "Add a price"}
      description="A price is never edited: a new version takes effect now or at the date you give, and what was already costed keeps the price it was costed at."
      wide
      submitLabel="Add version"
      pendingLabel="Adding…"
    >
      {canPlatform ? (
        <SelectField id={`${id}-scope`} label="Who pays it" {...dialog.field("scope")}
          onValue={(s) => dialog.set("scope", s as Values["scope"])}
          options={[{ value: "tenant", label: "This tenant (its own price, over the platform's)" }, { value: "platform", label: "The platform (every tenant without its own)" }]} />
      ) : null}
      {subject ? null : (
        <>
          <SelectField id={`${id}-kind`} label="Kind" {...dialog.field("kind")}
            onValue={(k) => { dialog.set("kind", k as Values["kind"]); dialog.set("subject", k === "resource" ? "sandbox_second" : ""); }}
            options={[{ value: "model", label: "A model (per million tokens)" }, { value: "resource", label: "A resource (per unit)" }]} />
          {v.kind === "model" ? (
            <TextField id={`${id}-subject`} label="Model" className="font-mono" placeholder="gpt-4o" required
              hint="The model's name as the model endpoint sends it, or * for the price of any model without its own." {...dialog.field("subject")} />
          ) : (
            <SelectField id={`${id}-subject`} label="Resource" {...dialog.field("subject")}
              options={Object.entries(RESOURCE_LABELS).map(([value, label]) => ({ value, label }))} />
          )}
        </>
      )}
      {v.kind === "model" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField id={`${id}-input`} label={`Input (${currency})`} inputMode="decimal" placeholder="2.50" hint={per} {...dialog.field("inputMicros")} />
          <TextField id={`${id}-output`} label={`Output (${currency})`} inputMode="decimal" placeholder="10.00" hint={per} {...dialog.field("outputMicros")} />
          <TextField id={`${id}-cached`} label={`Cached input (${currency})`} inputMode="decimal" optional placeholder="the input price" hint={per} {...dialog.field("cachedMicros")} />
        </div>
      ) : (
        <TextField id={`${id}-unit`} label={`Price (${currency})`} inputMode="decimal" placeholder="0.00003" hint={per} {...dialog.field("unitMicros")} />
      )}
      <TextField id={`${id}-from`} label="Takes effect" type="datetime-local" optional
        hint="In your own time; empty: now. Never in the past, and after this price's latest version." {...dialog.field("effectiveFrom")} />
      <TextField id={`${id}-note`} label="Note" optional placeholder="Provider price list of 1 December" {...dialog.field("note")} />
    </FormDialog>
  );
}

/** A datetime-local value (the person's own time) as an instant; left as typed when it is none, so the server names it. */
function localToIso(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}
