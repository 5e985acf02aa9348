"use client";

import { useQuery } from "@tanstack/react-query";
import type { SessionView } from "@/server/sessions/session-view";
import { api } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { DangerAction } from "../ui/danger-action";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";

const METHOD: Record<string, string> = { password: "Password", oidc: "Single sign-on" };

export function SessionsTable({ initial }: { initial: { sessions: SessionView[] } }) {
  const query = useQuery({
    queryKey: keys.mySessions(),
    queryFn: ({ signal }) => api<{ sessions: SessionView[] }>("/api/v1/me/sessions", { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="Sessions could not be loaded">{errorMessage(query.error)}</Alert>;
  const sessions = query.data.sessions;
  if (sessions.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title="No open sessions" />
      </div>
    );
  }
  return (
    <Table caption="Your sessions" footer={<p className="text-xs text-slate-600">{plural(sessions.length, "open session")} · last active moves at most once a minute</p>}>
      <THead>
        <Th>Browser</Th>
        <Th>Signed in with</Th>
        <Th>Address</Th>
        <Th>Signed in</Th>
        <Th>Last active</Th>
        <Th className="text-right"><span className="sr-only">Actions</span></Th>
      </THead>
      <TBody>
        {sessions.map((s) => (
          <Tr key={s.id}>
            <Td>
              <span className="font-medium text-slate-900">{s.client ?? "Unknown client"}</span>
              {s.current ? <Badge tone="indigo" className="ml-1.5">This browser</Badge> : null}
            </Td>
            <Td className="text-xs text-slate-700">{METHOD[s.method] ?? s.method}</Td>
            <Td className="font-mono text-xs text-slate-700">{s.ip ?? "—"}</Td>
            <Td className="text-xs whitespace-nowrap text-slate-700">{formatDateTime(s.createdAt)}</Td>
            <Td className="text-xs whitespace-nowrap text-slate-700">{formatDateTime(s.lastSeenAt)}</Td>
            <Td className="text-right">
              <DangerAction
                label="End"
                subject={`session ${s.client ?? s.id}${s.current ? " (this browser)" : ""}`}
                title={s.current ? "End the session of this browser?" : "End this session?"}
                description={s.current ? "This browser is signed out at once." : `${s.client ?? "That browser"} is signed out on its next request.`}
                confirmLabel="End session"
                path={`/api/v1/me/sessions/${encodeURIComponent(s.id)}`}
                invalidates={[keys.mySessions()]}
                notice={() => "The session was ended."}
                leaveTo={s.current ? "/signin" : undefined}
              />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
