import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardHeader } from "../ui/card";
import { formatDateTime } from "../ui/format";
import type { AuditEventView } from "./audit-query";
import { DecisionBadge } from "./decision-badge";
import { JsonBlock } from "./json-block";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 px-4 py-2 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

const mono = (v: string | null) => (v ? <code className="font-mono text-xs break-all">{v}</code> : <span className="text-slate-500">—</span>);

export function AuditEventDetail({ tenant, event }: { tenant: string; event: AuditEventView }) {
  const auditLink = (q: Record<string, string>) => `/${tenant}/audit?${new URLSearchParams(q).toString()}`;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Event" />
          <dl className="divide-y divide-slate-100">
            <Row label="Action"><code className="font-mono text-xs">{event.action}</code></Row>
            <Row label="Decision"><DecisionBadge decision={event.decision} /></Row>
            <Row label="Time">{formatDateTime(event.createdAt, true)}</Row>
            <Row label="Actor">
              {event.actorLabel ?? "—"} <span className="text-xs text-slate-600">({event.actorType})</span>
              {event.actorId ? <span className="block">{mono(event.actorId)}</span> : null}
            </Row>
            <Row label="Resource">
              {event.resourceType} {event.resourceId ? mono(event.resourceId) : null}
              {event.resourceId ? (
                <Link href={auditLink({ resourceType: event.resourceType, resourceId: event.resourceId })} className="mt-0.5 block text-xs font-medium text-indigo-700 hover:underline">
                  All events for this resource
                </Link>
              ) : null}
            </Row>
            <Row label="Request id">{mono(event.requestId)}</Row>
            <Row label="Source address">{mono(event.sourceIp)}</Row>
          </dl>
        </Card>
        <Card>
          <CardHeader title="Chain position" description="Each event's hash covers its content and the previous event's hash." />
          <dl className="divide-y divide-slate-100">
            <Row label="Sequence">#{event.seq}</Row>
            <Row label="Previous hash">{mono(event.prevHash)}</Row>
            <Row label="Hash">{mono(event.hash)}</Row>
          </dl>
        </Card>
      </div>
      <Card>
        <CardHeader title="Data" description="Secrets are redacted before an event is stored." />
        <div className="grid gap-4 px-4 py-4 lg:grid-cols-2">
          <JsonBlock title="Before" value={event.before} />
          <JsonBlock title="After" value={event.after} />
          <div className="lg:col-span-2">
            <JsonBlock title="Payload" value={event.payload} />
          </div>
        </div>
      </Card>
    </div>
  );
}
