"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { plural } from "../ui/format";
import { Table, TBody, Th, THead } from "../ui/table";
import { PriceRow } from "./price-row";
import { priceKeys, type PriceListView } from "./types";
import { UnknownModelSetting } from "./unknown-model-setting";

/**
 * How a model without a price is costed, then every price the tenant pays by, models then
 * resources, each with the version in force and its history.
 */
export function PricesView({ tenant, canManage, canPlatform, initial }: { tenant: string; canManage: boolean; canPlatform: boolean; initial: PriceListView }) {
  const query = useQuery({
    queryKey: priceKeys.all(tenant),
    queryFn: ({ signal }) => api<PriceListView>(tenantPath(tenant, "prices"), { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="Prices could not be loaded">{errorMessage(query.error)}</Alert>;
  const { subjects, currency } = query.data;
  const models = subjects.filter((s) => s.kind === "model");
  const resources = subjects.filter((s) => s.kind === "resource");
  if (subjects.length === 0) {
    return <Card><EmptyState title="No prices yet">Until a price is in force, model calls and sandbox time cannot be costed: add the default model price (*) first.</EmptyState></Card>;
  }
  const row = (s: (typeof subjects)[number]) => <PriceRow key={`${s.kind}:${s.subject}`} tenant={tenant} subject={s} currency={currency} canManage={canManage} canPlatform={canPlatform} />;
  return (
    <div className="space-y-6">
      <UnknownModelSetting tenant={tenant} value={query.data.unknownModel} canManage={canManage} />
      <section aria-labelledby="prices-models" className="space-y-2">
        <h2 id="prices-models" className="text-sm font-semibold text-slate-900">Models <span className="font-normal text-slate-600">· {currency} per million tokens</span></h2>
        <Table caption={`Model prices, ${currency} per million tokens`} footer={<p className="text-xs text-slate-600">{plural(models.length, "model")} · a model without a row here is costed at the default (*) price, or refused (see the setting above)</p>}>
          <THead>
            <Th>Model</Th>
            <Th>In force</Th>
            <Th className="text-right">Input</Th>
            <Th className="text-right">Output</Th>
            <Th className="text-right">Cached input</Th>
            <Th>Since</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </THead>
          <TBody>{models.map(row)}</TBody>
        </Table>
      </section>
      <section aria-labelledby="prices-resources" className="space-y-2">
        <h2 id="prices-resources" className="text-sm font-semibold text-slate-900">Resources <span className="font-normal text-slate-600">· {currency} per unit of time</span></h2>
        <Table caption={`Resource prices, ${currency} per unit`}>
          <THead>
            <Th>Resource</Th>
            <Th>In force</Th>
            <Th className="text-right" colSpan={3}>Price</Th>
            <Th>Since</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </THead>
          <TBody>{resources.length ? resources.map(row) : <tr><td colSpan={7} className="px-4 py-3 text-sm text-slate-600">No resource prices: sandbox and verifier time cannot be costed.</td></tr>}</TBody>
        </Table>
      </section>
    </div>
  );
}
