"use client";

import { Download } from "lucide-react";
import type { ReactNode } from "react";
import { tenantPath } from "../api/api-client";
import { buttonClass } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cn } from "../ui/cn";

/** The CSV of exactly the table behind a chart: the dashboard's API query plus which table. */
export function CsvLink({ tenant, query, table, what }: { tenant: string; query: Record<string, string>; table: string; what: string }) {
  return (
    <a href={tenantPath(tenant, "cost/export", { ...query, table })} download className={buttonClass("secondary", "sm")} aria-label={`Download CSV: ${what}`}>
      <Download aria-hidden="true" className="size-3.5" />
      Download CSV
    </a>
  );
}

/** A chart's card, a region named by its title (so a reader or a test can go to it), with its CSV. */
export function CostPanel({ title, description, csv, actions, id, className, children }: {
  title: string; description: ReactNode; csv?: ReactNode; actions?: ReactNode; id?: string; className?: string; children: ReactNode;
}) {
  return (
    <section aria-label={title} id={id} className={cn("scroll-mt-4", className)}>
      <Card className="h-full">
        <CardHeader title={title} description={description} actions={<div className="flex shrink-0 items-center gap-2">{actions}{csv}</div>} />
        <div className="p-4">{children}</div>
      </Card>
    </section>
  );
}
