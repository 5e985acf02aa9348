"use client";

import { api, tenantPath } from "../api/api-client";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { priceKeys, type CostSettingsView, type PriceListView } from "./types";

const CHOICES = {
  default: "Cost it at the default (*) price, and mark its cost as defaulted",
  refuse: "Refuse the model call: the run says the model has no price",
} as const;

/** How a model without a price of its own is costed in this tenant; price.manage changes it. */
export function UnknownModelSetting({ tenant, value, canManage }: { tenant: string; value: PriceListView["unknownModel"]; canManage: boolean }) {
  const dialog = useFormDialog<{ unknownModel: string }, CostSettingsView>({
    initial: () => ({ unknownModel: value }),
    submit: (body) => api<CostSettingsView>(tenantPath(tenant, "cost-settings"), { method: "PUT", body }),
    invalidates: [priceKeys.all(tenant)],
    notice: (s) => (s.unknownModel === "refuse" ? "Models without a price are refused from now on." : "Models without a price are costed at the default price from now on."),
  });
  return (
    <Card className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <div className="min-w-0">
        <h2 className="text-sm font-semibold text-slate-900">A model without a price</h2>
        <p className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <Badge tone={value === "refuse" ? "red" : "neutral"}>{value === "refuse" ? "Refused" : "Default price"}</Badge>
          {CHOICES[value]}. It never costs nothing.
        </p>
      </div>
      {canManage ? (
        <FormDialog dialog={dialog} trigger={<Button size="sm">Change<span className="sr-only"> how a model without a price is costed</span></Button>}
          title="A model without a price" description="Applies to model calls from now on; calls already costed stay as they were." submitLabel="Save" pendingLabel="Saving…">
          <SelectField id="unknown-model" label="When a model has no price of its own" {...dialog.field("unknownModel")}
            options={Object.entries(CHOICES).map(([v, label]) => ({ value: v, label }))} />
        </FormDialog>
      ) : null}
    </Card>
  );
}
