"use client";

import type { TeamPressure } from "@/server/pr-storm/pr-storm-view";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { formatAgo } from "../ui/time";

/** Which team is drowning, and why: one row per team, the most pressed first. */
export function TeamPressureTable({ teams, now }: { teams: TeamPressure[]; now: number | null }) {
  const top = teams[0];
  return (
    <Table caption="Teams by pressure: agent PRs awaiting review plus held work, then the longest wait">
      <THead>
        <Th>Team</Th>
        <Th className="text-right">Open PRs</Th>
        <Th className="text-right">Awaiting review</Th>
        <Th>Oldest waiting</Th>
        <Th className="text-right">Held</Th>
        <Th className="text-right">Stale</Th>
        <Th>Why</Th>
      </THead>
      <TBody>
        {teams.map((t) => (
          <Tr key={t.team?.slug ?? "none"}>
            <Td className="font-medium whitespace-nowrap text-slate-900">
              {t.team ? t.team.name : <span className="text-slate-600">(no team)</span>}
              {t === top && t.awaitingReview + t.held > 0 ? <span className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-[11px] font-semibold text-rose-800">most pressed</span> : null}
            </Td>
            <Td className="text-right tabular-nums">{t.open}</Td>
            <Td className="text-right tabular-nums">{t.awaitingReview}</Td>
            <Td className="text-xs whitespace-nowrap">
              {t.oldestWaitingSince && now ? formatAgo(now - new Date(t.oldestWaitingSince).getTime()).replace(" ago", "") : "—"}
              {t.medianWaitHours !== null ? <span className="block text-slate-600">median {t.medianWaitHours} h</span> : null}
            </Td>
            <Td className="text-right tabular-nums">{t.held}</Td>
            <Td className="text-right tabular-nums">{t.stale}</Td>
            <Td className="max-w-md text-xs text-slate-700">{t.why}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
