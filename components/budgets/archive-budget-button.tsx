"use client";

import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useAfterChange } from "../ui/use-after-change";
import { budgetKeys, type BudgetView } from "./types";

export function ArchiveBudgetButton({ tenant, budget }: { tenant: string; budget: BudgetView }) {
  const afterChange = useAfterChange();
  return (
    <ConfirmDialog
      trigger={<Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">Archive<span className="sr-only"> budget {budget.name}</span></Button>}
      title={`Archive ${budget.name}?`}
      description={budget.mode === "hard"
        ? "It stops limiting work at once: nothing it covers is refused for its sake any more. It stays listed with its history; it cannot be restored, but a new budget can take its place."
        : "It stops alerting at once. It stays listed with its history; it cannot be restored, but a new budget can take its place."}
      confirmLabel="Archive budget"
      onConfirm={async () => {
        const b = await api<BudgetView>(tenantPath(tenant, `budgets/${budget.id}/archive`), { method: "POST" });
        await afterChange([budgetKeys.all(tenant)], `Budget ${b.name} was archived.`);
      }}
    />
  );
}
