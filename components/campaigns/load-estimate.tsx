import { Card, CardHeader } from "../ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { waveLabel } from "./labels";
import type { LoadEstimate } from "./types";

/** Expected PRs per owning team per day under the caps, the cap that binds each team, and the assumption it rests on said plainly. */
export function LoadEstimateCard({ estimate, level = 2 }: { estimate: LoadEstimate; level?: 2 | 3 }) {
  const waves = estimate.perTeam[0]?.byWave.length ?? 0;
  return (
    <Card>
      <CardHeader
        level={level}
        title="Expected PRs per team per day"
        description={`${estimate.assumption} Rollout: about ${estimate.rolloutDays} calendar day${estimate.rolloutDays === 1 ? "" : "s"}; ${estimate.openDaysPerWeek} open days a week, ${estimate.openHoursPerDay} open hours a day.`}
      />
      {estimate.perTeam.length ? (
        <Table caption="Expected pull requests per owning team">
          <THead>
            <Th>Team</Th>
            <Th className="text-right">Targets</Th>
            {Array.from({ length: waves }, (_, i) => <Th key={i} className="text-right">{waveLabel(i)}</Th>)}
            <Th className="text-right">Busiest day</Th>
            <Th className="text-right">Per day on average</Th>
            <Th>Limited by</Th>
          </THead>
          <TBody>
            {estimate.perTeam.map((t) => (
              <Tr key={t.team ?? "(none)"}>
                <Td className="font-medium">{t.team ?? <span className="text-slate-600">no owning team</span>}</Td>
                <Td className="text-right tabular-nums">{t.targets}</Td>
                {t.byWave.map((n, i) => <Td key={i} className="text-right tabular-nums">{n}</Td>)}
                <Td className="text-right font-medium tabular-nums">{t.peakPerDay}</Td>
                <Td className="text-right tabular-nums">{t.averagePerDay}</Td>
                <Td>{t.boundBy ? `bound by ${t.boundBy.label}` : <span className="text-slate-600">its waves&apos; targets (no cap binds)</span>}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : <p className="px-4 pb-4 text-sm text-slate-600">No eligible target: no pull request is expected.</p>}
    </Card>
  );
}
