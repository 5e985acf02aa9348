import { RiskBadge } from "./change-badges";
import { formatScore } from "./labels";
import type { ChangesetDetail } from "./types";

/** The risk score as the sum of its facts, each with its points and why. */
export function RiskParts({ risk }: { risk: ChangesetDetail["changeset"]["risk"] }) {
  const sum = risk.parts.reduce((n, p) => n + p.points, 0);
  return (
    <div>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-800">
        <RiskBadge score={risk.score} level={risk.level} />
        <span>of 10; a human must review at or above {formatScore(risk.threshold)}</span>
      </p>
      {risk.parts.length ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">The facts the risk score adds up</caption>
          <thead className="text-xs text-slate-600">
            <tr><th scope="col" className="py-1 pr-3 font-medium">Fact</th><th scope="col" className="py-1 pr-3 text-right font-medium">Points</th><th scope="col" className="py-1 font-medium">Why</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {risk.parts.map((p, i) => (
              <tr key={i}>
                <td className="py-1 pr-3 align-top whitespace-nowrap text-slate-900">{p.fact}</td>
                <td className="py-1 pr-3 text-right align-top font-mono tabular-nums">{p.points > 0 ? `+${formatScore(p.points)}` : formatScore(p.points)}</td>
                <td className="py-1 align-top break-words text-slate-700">{p.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="text-sm text-slate-600">Its parts were not recorded.</p>}
      {sum > risk.score + 0.05 ? <p className="mt-1 text-xs text-slate-600">The parts add up to {formatScore(sum)}; the score is capped at 10.</p> : null}
    </div>
  );
}
