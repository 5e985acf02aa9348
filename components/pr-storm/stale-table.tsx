"use client";

import { ExternalLink } from "lucide-react";
import type { PrStorm } from "@/server/pr-storm/pr-storm-view";
import { EmptyState } from "../ui/empty-state";
import { plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { formatAgo } from "../ui/time";

/** Open agent PRs nobody touched for staleDays, the longest idle first. */
export function StaleTable({ stale, staleDays, now }: { stale: PrStorm["stale"]; staleDays: number; now: number | null }) {
  if (!stale.total) return <EmptyState title="No stale pull request">Every open agent PR saw activity in the last {plural(staleDays, "day")}.</EmptyState>;
  return (
    <Table caption={`Open agent PRs with no activity for ${plural(staleDays, "day")}, the longest idle first (${stale.prs.length} of ${stale.total} shown)`}>
      <THead>
        <Th>Pull request</Th>
        <Th>Repository</Th>
        <Th>Team</Th>
        <Th>State</Th>
        <Th>Idle for</Th>
      </THead>
      <TBody>
        {stale.prs.map((p) => (
          <Tr key={p.changesetId}>
            <Td className="max-w-sm">
              {p.prUrl ? (
                <a href={p.prUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline">
                  #{p.prNumber} {p.title}
                  <ExternalLink aria-hidden="true" className="size-3" />
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              ) : <span>#{p.prNumber} {p.title}</span>}
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{p.repository}</Td>
            <Td className="text-xs">{p.team?.name ?? "(no team)"}</Td>
            <Td className="text-xs">{p.state.replaceAll("_", " ")}</Td>
            <Td className="text-xs whitespace-nowrap tabular-nums">{now ? formatAgo(now - new Date(p.lastActivityAt).getTime()).replace(" ago", "") : "—"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
